"""Unit-test harness: the real `openstack` shell, in-process, with HTTP mocked.

Keystone answers a password login with a catalog whose `database` endpoint is
TROVE; tests register Trove's answers on `trove` and read back what was sent.
"""

import json
import pathlib

import pytest
import requests_mock as rm
from keystoneauth1 import session

from osc_trove.api import TroveClient
from tests import inprocess

KEYSTONE = "http://keystone.test/v3"
PROJECT_ID = "9f8dd5eacb074c9f87d2d822c9092aa5"
TROVE = f"http://trove.test/v1.0/{PROJECT_ID}"
# The endpoint of a TroveClient built on its own (the `api` fixture), no login.
API = "http://trove.test/v1.0/p1"
FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"

_CATALOG = [
    {
        "type": "database",
        "name": "trove",
        "id": "trove-service",
        "endpoints": [
            {
                "id": f"ep-{iface}",
                "interface": iface,
                "region": "RegionOne",
                "region_id": "RegionOne",
                "url": TROVE,
            }
            for iface in ("public", "internal", "admin")
        ],
    }
]

TOKEN = {
    "token": {
        "methods": ["password"],
        "expires_at": "2099-01-01T00:00:00.000000Z",
        "issued_at": "2026-01-01T00:00:00.000000Z",
        "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "project": {
            "id": PROJECT_ID,
            "name": "demo",
            "domain": {"id": "default", "name": "Default"},
        },
        "roles": [{"id": "r1", "name": "member"}],
        "catalog": _CATALOG,
    }
}


def pytest_collection_modifyitems(items):
    # Unit tests take well under a second each: a minute means one hangs.
    here = pathlib.Path(__file__).parent
    for item in items:
        if pathlib.Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.timeout(60))


def sample(name):
    """Trove's answer recorded from the local cloud (tests/fixtures, tools/record-fixtures)."""
    return json.loads((FIXTURES / name).read_text())


class Trove:
    """Registers Trove answers and runs `openstack` against them."""

    def __init__(self, mocker):
        self.mocker = mocker

    def on(self, method, path, json=None, status=200, **kwargs):
        """Answer `method path` (path relative to the project endpoint; may carry a query)."""
        self.mocker.register_uri(method, TROVE + path, json=json, status_code=status, **kwargs)

    @property
    def requests(self):
        """(method, path with query) of every request sent to Trove."""
        return [
            (r.method, r.url[len(TROVE) :])
            for r in self.mocker.request_history
            if r.url.startswith(TROVE)
        ]

    def bodies(self):
        return [r.json() for r in self.mocker.request_history if r.url.startswith(TROVE) and r.body]

    def run(self, *argv, stdin=""):
        """Run `openstack <argv>` in-process; return (exit code, stdout, stderr)."""
        return tuple(inprocess.openstack(argv, stdin, raise_exit=True))

    def run_json(self, *argv):
        code, out, err = self.run(*argv, "-f", "json")
        assert code == 0, err
        return json.loads(out)


class FakeTime:
    """A clock that moves only when the code under test sleeps."""

    def __init__(self):
        self.now = 100.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self):
        return self.now


@pytest.fixture
def api():
    """(a TroveClient at API, the requests_mock Mocker answering it)."""
    with rm.Mocker() as mocker:
        yield TroveClient(session.Session(), endpoint_override=API), mocker


@pytest.fixture
def fake_time(monkeypatch):
    """Waits' sleeps advance a fake clock instead of taking time."""
    from osc_trove.api import waiting

    fake = FakeTime()
    monkeypatch.setattr(waiting, "sleep", fake.sleep)
    monkeypatch.setattr(waiting, "clock", fake.clock)
    return fake


@pytest.fixture
def trove(monkeypatch):
    for name in list(__import__("os").environ):
        if name.startswith("OS_"):
            monkeypatch.delenv(name)
    env = {
        "OS_AUTH_URL": KEYSTONE,
        "OS_AUTH_TYPE": "password",
        "OS_USERNAME": "demo",
        "OS_PASSWORD": "demo-password",
        "OS_PROJECT_NAME": "demo",
        "OS_USER_DOMAIN_NAME": "Default",
        "OS_PROJECT_DOMAIN_NAME": "Default",
        "OS_REGION_NAME": "RegionOne",
        "OS_IDENTITY_API_VERSION": "3",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with rm.Mocker() as mocker:
        mocker.get(
            KEYSTONE,
            json={
                "version": {
                    "id": "v3.14",
                    "status": "stable",
                    "links": [{"rel": "self", "href": KEYSTONE + "/"}],
                }
            },
        )
        mocker.post(
            KEYSTONE + "/auth/tokens",
            json=TOKEN,
            status_code=201,
            headers={"X-Subject-Token": "token-1"},
        )
        yield Trove(mocker)


NEUTRON = "http://neutron.test"
PRIVATE_NET_ID = "a5330d7d-0e8c-48b4-9f6c-0f2c4ab1b854"


@pytest.fixture
def network_service(trove):
    """A Network service in the catalog: `private` is a network, `nowhere` is none."""
    entry = {"type": "network", "name": "neutron", "id": "neutron-service", "endpoints": [
        {"id": f"net-{iface}", "interface": iface, "region": "RegionOne",
         "region_id": "RegionOne", "url": NEUTRON} for iface in ("public", "internal", "admin")]}
    _CATALOG.append(entry)
    trove.mocker.get(NEUTRON, json={"versions": [{"id": "v2.0", "status": "CURRENT", "links": [
        {"rel": "self", "href": NEUTRON + "/v2.0/"}]}]})
    for name, found in (("private", [{"id": PRIVATE_NET_ID, "name": "private"}]),
                        ("nowhere", [])):
        trove.mocker.get(f"{NEUTRON}/v2.0/networks/{name}", status_code=404,
                         json={"NeutronError": {"message": "not found"}})
        trove.mocker.get(f"{NEUTRON}/v2.0/networks?name={name}", json={"networks": found})
    yield trove
    _CATALOG.remove(entry)
