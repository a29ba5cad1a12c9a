"""Instances at REST level: the fakes' fault hooks and what Trove answers that the
CLI tests do not walk (tests/functional/test_instance.py walks the commands)."""

import pytest
import requests

from osc_trove.cli import wait
from tests.functional.helpers import (
    PRIVATE_NET,
    create_instance,
    delete_instance,
    error_of,
    made_instance,
    never,
    quiet_wait,
    statuses_seen,
    unique,
    wait_instance,
)


@pytest.fixture(scope="module")
def project_id(demo_api):
    # The endpoint is .../v1.0/<project id>.
    return demo_api.http.adapter.get_endpoint().rstrip("/").rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def group(demo_api):
    made = demo_api.http.post("/configurations", {"configuration": {
        "name": unique("cfg"), "datastore": {"type": "mysql", "version": "5.7"},
        "values": {"connect_timeout": 120}}})["configuration"]
    yield made
    try:
        demo_api.http.delete(f"/configurations/{made['id']}")
    except Exception:  # still attached if a test failed half-way
        pass


@pytest.fixture(scope="module")
def life(demo_api, group):
    """One instance made with everything a create may carry, shared by this file.

    Its BUILD answer and the statuses it went through are kept for the checks.
    """
    row = create_instance(demo_api, unique("life"), flavor="2", size=2,
                          datastore={"type": "mysql", "version": "5.7"},
                          databases=[{"name": "appdb"}],
                          users=[{"name": "app", "password": "secret1",
                                  "databases": [{"name": "appdb"}]}],
                          configuration=group["id"])
    try:
        active, seen = statuses_seen(demo_api, row["id"], wait.status_in("ACTIVE"))
        yield row, active, seen
    finally:
        delete_instance(demo_api, row["id"], wait_gone=True)


def test_create_carries_databases_users_and_a_group(demo_api, group, life):
    row, active, seen = life
    assert row["status"] == "BUILD" and seen[0] == "BUILD"
    assert row["flavor"]["id"] == "2" and row["volume"]["size"] == 2
    assert active["datastore"] == {"type": "mysql", "version": "5.7", "version_number": "5.7"}
    assert active["volume"]["used"] > 0  # the fake guest reports usage
    # The users and databases asked for at create time exist on the guest.
    iid = row["id"]
    assert [d["name"] for d in demo_api.http.get(f"/instances/{iid}/databases")["databases"]] == [
        "appdb"]
    user = demo_api.http.get(f"/instances/{iid}/users/app")["user"]
    assert [d["name"] for d in user["databases"]] == ["appdb"]
    # The group given at create time is attached, and lists the instance.
    assert active["configuration"]["id"] == group["id"]
    members = demo_api.http.get(f"/configurations/{group['id']}/instances")["instances"]
    assert [m["id"] for m in members] == [iid]
    defaults = demo_api.http.get(f"/instances/{iid}/configuration")["instance"]
    assert defaults["configuration"]


def test_detail_list_admin_list_and_mgmt_show(demo_api, admin_api, life, project_id):
    _, active, _ = life
    iid = active["id"]
    detail = {i["id"]: i for i in demo_api.http.paginate("/instances/detail", "instances")}
    assert detail[iid]["created"] and detail[iid]["updated"]
    assert detail[iid]["volume"]["size"] == 2
    everyone = {i["id"]: i for i in admin_api.http.paginate("/mgmt/instances", "instances")}
    assert everyone[iid]["tenant_id"] == project_id and everyone[iid]["server"]["id"]
    mgmt = admin_api.http.get(f"/mgmt/instances/{iid}")["instance"]
    assert mgmt["id"] == iid and mgmt["server"]["status"] == "ACTIVE"
    err = error_of(demo_api.http.get, "/mgmt/instances")
    assert err.code in (401, 403)
    err = error_of(demo_api.http.post, f"/mgmt/instances/{iid}/action", {"reboot": {}})
    assert err.code in (401, 403)


def test_refusals_on_an_active_instance(demo_api, life):
    _, active, _ = life
    iid = active["id"]
    err = error_of(demo_api.http.patch, f"/instances/{iid}", {"instance": {"name": ""}})
    assert err.code == 400
    # A volume can only grow.
    err = error_of(demo_api.http.post, f"/instances/{iid}/action",
                   {"resize": {"volume": {"size": 1}}})
    assert err.code == 400
    # Detaching an instance that is no replica.
    err = error_of(demo_api.http.patch, f"/instances/{iid}", {"instance": {"replica_of": None}})
    assert err.code == 400
    # A group in use cannot be deleted.
    err = error_of(demo_api.http.delete, f"/configurations/{active['configuration']['id']}")
    assert err.code == 400


def test_create_refusals(demo_api):
    err = error_of(demo_api.http.post, "/instances", {"instance": {
        "name": unique("bad"), "flavorRef": "999", "volume": {"size": 1}}})
    # Trove turns Nova's 404 for the flavor into a 400 on the create request.
    assert err.code == 400 and "999" in str(err)
    # Above max_accepted_volume_size (200 GB here) the API answers 413.
    err = error_of(create_instance, demo_api, unique("big"), size=300)
    assert err.code == 413


def test_fault_hooks_reset_status_and_delete(demo_api, admin_api):
    """The fakes' hooks: a name ending in SERVER_ERROR (fake Nova) or GUEST_ERROR (fake
    guest), a 9 GB volume that ends in `error` and a 13 GB one that fails at create (fake
    Cinder). Each instance ends in ERROR with the fault Trove recorded."""
    rows = [create_instance(demo_api, unique("x") + "SERVER_ERROR"),
            create_instance(demo_api, unique("x") + "GUEST_ERROR"),
            create_instance(demo_api, unique("vol9"), size=9),
            create_instance(demo_api, unique("vol13"), size=13)]
    try:
        failed = [wait_instance(demo_api, row["id"], wait.status_in("ERROR"), never)
                  for row in rows]
        assert failed[0]["fault"]["message"]
        for row in failed[2:]:
            assert row["fault"]["message"].startswith("Failed to create volume")
        # reset_status is an admin action by Trove's default policy.
        guest_error = rows[1]["id"]
        err = error_of(demo_api.http.post, f"/instances/{guest_error}/action", {"reset_status": {}})
        assert err.code == 403
        admin_api.http.post(f"/instances/{guest_error}/action", {"reset_status": {}})
        reset = wait_instance(demo_api, guest_error, lambda r: r["status"] != "ERROR", never)
        assert reset["status"] in ("SHUTDOWN", "ACTIVE", "HEALTHY")
        # Force delete of a failed volume: an admin resets the status, then deletes.
        for row in rows[2:]:
            admin_api.http.post(f"/instances/{row['id']}/action",
                           {"reset_status": {"force_delete": True}})
    finally:
        for row in rows:
            delete_instance(demo_api, row["id"], wait_gone=True)


def test_action_while_building_is_refused(demo_api):
    with made_instance(demo_api, unique("building"), wait_active=False) as row:
        err = error_of(demo_api.http.post, f"/instances/{row['id']}/action", {"restart": {}})
        assert err.code == 422


def test_network_addresses_and_access(demo_api, life):
    """The fake Neutron: a port on the tenant network, a public one once access is public."""
    _, plain, _ = life
    # Without NICs, Nova gives the server a port on the tenant network.
    assert [a["type"] for a in plain["addresses"]] == ["private"]
    with made_instance(demo_api, unique("net"), nics=[{"network_id": PRIVATE_NET}],
                       access={"is_public": False, "allowed_cidrs": ["10.0.0.0/24"]}) as row:
        assert [a["type"] for a in row["addresses"]] == ["private"]
        assert row["addresses"][0]["address"].startswith("10.0.0.")
        assert row["access"] == {"is_public": False, "allowed_cidrs": ["10.0.0.0/24"]}
        demo_api.http.put(f"/instances/{row['id']}", {"instance": {
            "access": {"is_public": True, "allowed_cidrs": ["192.168.0.0/16"]}}})
        public = wait_instance(demo_api, row["id"],
                               lambda r: r["status"] == "ACTIVE" and r["access"]["is_public"])
        assert public["access"]["allowed_cidrs"] == ["192.168.0.0/16"]
        assert sorted(a["type"] for a in public["addresses"]) == ["private", "public"]


def test_put_forms_of_update(demo_api):
    """The API reference documents name, upgrade and replica detach as PUT."""
    with made_instance(demo_api, unique("put"), datastore={"type": "mysql", "version": "5.7"}
                       ) as primary, \
            made_instance(demo_api, unique("put-rep"), flavor=None,
                          replica_of=primary["id"]) as replica:
        demo_api.http.put(f"/instances/{primary['id']}", {"instance": {"name": "put-renamed"}})
        assert demo_api.instances.get(primary["id"])["name"] == "put-renamed"
        demo_api.http.put(f"/instances/{replica['id']}", {"instance": {"replica_of": None}})
        wait_instance(demo_api, replica["id"],
                      lambda r: "replica_of" not in r and r["status"] == "ACTIVE")
        demo_api.http.put(f"/instances/{primary['id']}", {"instance": {"datastore_version": "8.0"}})
        upgraded, seen = statuses_seen(
            demo_api, primary["id"],
            lambda r: r["status"] == "ACTIVE" and r["datastore"]["version"] == "8.0")
        assert "UPGRADE" in seen


def test_keystone_auth_token_in_front_of_trove(demo_api, admin_api, project_id):
    endpoint = demo_api.http.adapter.get_endpoint()
    anonymous = requests.get(endpoint + "/instances", timeout=10)
    assert anonymous.status_code == 401
    assert anonymous.headers["Www-Authenticate"].startswith("Keystone uri=")
    bad = requests.get(endpoint + "/instances", headers={"X-Auth-Token": "nonsense"},
                       timeout=10)
    assert bad.status_code == 401
    # A member reaching into another project's URL is refused.
    admin_project = admin_api.http.adapter.get_endpoint().rstrip("/").rsplit("/", 1)[1]
    other = endpoint.replace(project_id, admin_project)
    token = demo_api.http.adapter.session.get_token()
    refused = requests.get(other + "/instances", headers={"X-Auth-Token": token}, timeout=10)
    assert refused.status_code == 403


def test_delete_shuts_down_then_is_gone(demo_api):
    row = create_instance(demo_api, unique("gone"))
    wait_instance(demo_api, row["id"])
    demo_api.http.delete(f"/instances/{row['id']}")
    assert demo_api.instances.get(row["id"])["status"] in ("SHUTDOWN", "ACTIVE")
    quiet_wait(lambda: demo_api.instances.get(row["id"]), never, never, until_gone=True)
