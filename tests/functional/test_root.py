"""database root enable/show/disable and the spec's aliases, against the local cloud."""

import io
import uuid

import pytest

from osc_trove.commands import wait
from tests.functional.test_instance import (
    PRIVATE_NET,
    api_create,
    api_delete,
    api_wait,
    ok,
    one_line_error,
)

RUN = uuid.uuid4().hex[:6]


@pytest.fixture(scope="module")
def target(demo_api):
    row = api_create(demo_api, f"fr-{RUN}-db")
    api_wait(demo_api, row["id"])
    yield row
    api_delete(demo_api, row["id"])


def root_enabled(cloud, *argv):
    return ok(cloud.openstack(*argv, "-f", "json")).json()["is_root_enabled"]


def test_enable_shows_a_password_and_show_says_enabled(cloud, target):
    shown = ok(cloud.openstack("database", "root", "enable", target["name"], "-f", "json")).json()
    assert shown["name"] == "root" and len(shown["password"]) >= 8
    assert root_enabled(cloud, "database", "root", "show", target["name"]) is True
    assert root_enabled(cloud, "database", "root", "show", target["id"]) is True


def test_spec_aliases_with_a_password_from_stdin(cloud, target):
    result = ok(cloud.openstack("database", "set", "--root", target["id"],
                                "--root-password-stdin", "-f", "json", stdin="Chosen-pw-1\n"))
    assert result.json()["password"] == "Chosen-pw-1"
    assert root_enabled(cloud, "database", "show", "--root", target["name"]) is True


def test_disable_then_show(cloud, target):
    ok(cloud.openstack("database", "root", "enable", target["id"], "--root-password", "pw-2"))
    result = ok(cloud.openstack("database", "root", "disable", target["name"]))
    assert result.out == ""
    assert root_enabled(cloud, "database", "root", "show", target["id"]) is False


def test_unknown_target(cloud):
    line = one_line_error(cloud.openstack("database", "root", "show", f"fr-{RUN}-nothing"))
    assert line == f"No instance or cluster with a name or ID of 'fr-{RUN}-nothing' exists."
    missing = str(uuid.uuid4())
    line = one_line_error(cloud.openstack("database", "root", "enable", missing))
    assert line == f"No instance or cluster with a name or ID of '{missing}' exists."
    line = one_line_error(cloud.openstack("database", "root", "disable", missing))
    assert line == f"No instance with a name or ID of '{missing}' exists."


def test_the_alias_requires_root(cloud, target):
    result = cloud.openstack("database", "show", target["id"])
    assert result.code == 2 and "--root" in result.err


@pytest.fixture(scope="module")
def cluster(demo_api):
    """A MariaDB (Galera) cluster: a datastore whose clusters have a root user."""
    body = {
        "cluster": {
            "name": f"fr-{RUN}-cluster",
            "datastore": {"type": "mariadb", "version": "10.11"},
            "instances": [
                {"flavorRef": "1", "volume": {"size": 1}, "nics": [{"network_id": PRIVATE_NET}]}
                for _ in range(3)
            ],
        }
    }
    row = demo_api.post("/clusters", body)["cluster"]
    yield row
    try:
        demo_api.delete(f"/clusters/{row['id']}")
    except Exception:
        pass


def wait_cluster_ready(demo_api, cluster_id):
    wait.wait_for(
        lambda: demo_api.get(f"/clusters/{cluster_id}")["cluster"],
        f"cluster {cluster_id}",
        lambda c: c["task"]["name"] == "NONE",
        lambda c: any(i.get("status") == "ERROR" for i in c.get("instances", [])),
        status_of=lambda c: c["task"]["name"],
        timeout=120,
        stream=io.StringIO(),
    )


def test_root_on_a_cluster(cloud, demo_api, cluster):
    wait_cluster_ready(demo_api, cluster["id"])
    shown = ok(cloud.openstack("database", "root", "enable", cluster["name"], "-f",
                               "json")).json()
    assert shown["name"] == "root" and shown["password"]
    assert root_enabled(cloud, "database", "root", "show", cluster["id"]) is True
    line = one_line_error(cloud.openstack("database", "root", "disable", cluster["name"]))
    assert line == (
        f"'{cluster['name']}' is a cluster: the Trove API disables root on instances only."
    )
