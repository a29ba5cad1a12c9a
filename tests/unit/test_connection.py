"""database instance connection show / connect: host, port, TLS, URI, the client's
command line; never a password."""

import json
import subprocess

import pytest

from osc_trove.api import connections
from tests.unit.helpers import IID, one_line_error, show_body

PRIVATE = {"address": "10.0.0.5", "type": "private"}
PUBLIC = {"address": "203.0.113.7", "type": "public"}
SSL_OFF = {"ssl": {"status": "off", "mode": None}}


def instance(trove, datastore="mysql", addresses=(PRIVATE, PUBLIC), ssl=SSL_OFF):
    trove.on("GET", f"/instances/{IID}", show_body(
        datastore={"type": datastore, "version": "8.0"}, addresses=list(addresses)))
    if ssl is not None:
        trove.on("GET", f"/instances/{IID}/ssl", ssl)


def shown(trove, *options):
    return trove.run_json("database", "instance", "connection", "show", IID, *options)


def test_show_gives_host_port_uri_and_client_without_a_password(trove):
    instance(trove)
    row = shown(trove, "--user", "app", "--database", "shop")
    assert row == {
        "instance": IID, "datastore": "mysql", "host": "203.0.113.7", "port": 3306,
        "tls": "off", "user": "app", "database": "shop",
        "uri": "mysql://app@203.0.113.7:3306/shop",
        "client": "mysql --host=203.0.113.7 --port=3306 --user=app --password shop",
    }
    assert len(trove.requests) == 2  # the instance and its SSL state


@pytest.mark.parametrize("datastore, port, uri, client", [
    ("postgresql", 5432, "postgresql://10.0.0.5:5432",
     ["psql", "host=10.0.0.5 port=5432"]),
    ("redis", 6379, "redis://10.0.0.5:6379", ["redis-cli", "-h", "10.0.0.5", "-p", "6379"]),
    ("mongodb", 27017, "mongodb://10.0.0.5:27017",
     ["mongosh", "--host=10.0.0.5", "--port=27017"]),
    ("cassandra", 9042, None, ["cqlsh", "10.0.0.5", "9042"]),
    ("mariadb", 3306, "mysql://10.0.0.5:3306", ["mysql", "--host=10.0.0.5", "--port=3306"]),
])
def test_each_datastore_has_its_port_and_client(trove, datastore, port, uri, client):
    instance(trove, datastore, addresses=[PRIVATE])
    row = shown(trove, "--private")
    assert (row["port"], row["uri"]) == (port, uri)
    assert row["client"] == (subprocess.list2cmdline(client))


def test_tls_on_goes_into_the_uri_and_the_client(trove):
    instance(trove, ssl={"ssl": {"status": "on", "mode": "enforced"}})
    row = shown(trove, "--user", "app")
    assert row["tls"] == "on (enforced)"
    assert row["uri"] == "mysql://app@203.0.113.7:3306?ssl-mode=REQUIRED"
    assert "--ssl-mode=REQUIRED" in row["client"]


def test_tls_is_unknown_where_trove_predates_instance_ssl(trove):
    instance(trove, ssl=None)
    trove.on("GET", f"/instances/{IID}/ssl", {"itemNotFound": {
        "code": 404, "message": "The resource could not be found."}}, status=404)
    assert shown(trove)["tls"] == "unknown (the cloud's Trove predates instance SSL, 26.0.0)"


def test_an_address_of_the_kind_asked_for_or_one_line(trove):
    instance(trove, addresses=[PRIVATE])
    code, out, err = trove.run("database", "instance", "connection", "show", IID, "--public")
    assert one_line_error(code, out, err) == \
        "Instance 'test' has no public address (it has: private)."


def test_ipv6_hosts_are_bracketed_and_names_quoted():
    engine = connections.ENGINES["postgresql"]
    assert connections.uri(engine, "2001:db8::5", "a@b", "x/y") == \
        "postgresql://a%40b@[2001:db8::5]:5432/x%2Fy"


@pytest.fixture
def client_run(monkeypatch):
    """What `connect` would run, recorded instead of run."""
    ran = []
    monkeypatch.setattr("shutil.which", lambda program: f"/usr/bin/{program}")
    monkeypatch.setattr(subprocess, "call", lambda argv: ran.append(argv) or 7)
    return ran


def test_connect_runs_the_client_with_no_password_and_returns_its_code(trove, client_run):
    instance(trove)
    code, out, err = trove.run("database", "instance", "connect", IID, "--user", "app",
                               "--database", "shop", "--", "--execute", "SELECT 1")
    assert code == 7, err
    assert client_run == [["/usr/bin/mysql", "--host=203.0.113.7", "--port=3306",
                           "--user=app", "--password", "shop", "--execute", "SELECT 1"]]


def test_connect_without_the_client_names_the_package(trove, monkeypatch):
    instance(trove, "postgresql")
    monkeypatch.setattr("shutil.which", lambda program: None)
    code, out, err = trove.run("database", "instance", "connect", IID)
    assert one_line_error(code, out, err) == \
        "psql is not installed: install PostgreSQL's client (Debian: postgresql-client)."


def test_connect_to_a_datastore_without_a_known_client(trove, client_run):
    instance(trove, "couchdb")
    code, out, err = trove.run("database", "instance", "connect", IID)
    assert one_line_error(code, out, err).startswith(
        "osc-trove knows no client for datastore 'couchdb'")
    assert client_run == []


def test_show_in_json_is_one_object(trove):
    instance(trove)
    code, out, err = trove.run("database", "instance", "connection", "show", IID, "-f", "json")
    assert code == 0 and json.loads(out)["port"] == 3306
