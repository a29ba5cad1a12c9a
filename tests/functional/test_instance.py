"""Every instance command and alias, run as a user runs them, against the local cloud.

Instances are shared through module-scoped fixtures to keep the suite fast;
tests that change an instance put back what others rely on.
"""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.functional.helpers import (
    PRIVATE_NET,
    SPARE_IMAGE,
    TIMEOUT,
    create_instance,
    delete_instance,
    gone,
    made_instance,
    never,
    ok,
    one_line_error,
    quiet_wait,
    run_names,
    self_signed_p12,
    store_secret,
    wait_instance,
)

name = run_names("fi")



def get(api, instance_id):
    """The instance as the server has it (checks after a command: cheaper than a CLI show)."""
    return api.instances.get(instance_id)


def show(cloud, instance, admin=False):
    return ok(
        cloud.openstack("database", "instance", "show", instance, "-f", "json",
                        cloud="local-admin" if admin else "local-demo")
    ).json()


@pytest.fixture(scope="module")
def created(cloud, demo_api):
    """The main instance, made by the command under test and shared by this module."""
    result = cloud.openstack(
        "database", "instance", "create", name("db"),
        "--flavor", "m1.small", "--size", "1",
        "--datastore", "mysql", "--datastore-version", "5.7",
        "--wait", "--wait-timeout", TIMEOUT, "-f", "json",
    )
    data = json.loads(result.out) if result.code == 0 else None
    yield result, data
    if data:
        delete_instance(demo_api, data["id"])


@pytest.fixture(scope="module")
def db(created):
    result, data = created
    assert result.code == 0, result
    return data


@pytest.fixture(scope="module")
def spare(demo_api):
    """A second instance, made over the API, for tests that may break it."""
    with made_instance(demo_api, name("spare")) as row:
        yield row


def test_create_wait_prints_only_json_and_progress_on_stderr(created):
    result, data = created
    assert result.code == 0, result
    assert data["name"] == name("db")
    assert data["status"] == "ACTIVE"
    # python-troveclient's shapes: the datastore's type, the volume's size.
    assert data["datastore"] == "mysql" and data["datastore_version"] == "5.7"
    assert data["volume"] == 1
    lines = result.err.strip().splitlines()
    assert lines[0].startswith(f"instance {name('db')}: BUILD (")
    assert lines[-1].startswith(f"instance {name('db')}: ACTIVE (")


def test_show_by_name_and_by_id(cloud, db):
    by_name = show(cloud, name("db"))
    by_id = show(cloud, db["id"])
    assert by_name["id"] == by_id["id"] == db["id"]
    table = ok(cloud.openstack("database", "instance", "show", name("db")))
    assert "| datastore " in table.out and "| mysql " in table.out
    assert "| datastore_version " in table.out and "| 5.7 " in table.out


def test_list_shows_the_instance(cloud, db):
    rows = ok(cloud.openstack("database", "instance", "list", "-f", "json")).json()
    mine = next(r for r in rows if r["ID"] == db["id"])
    assert mine["Name"] == name("db") and mine["Datastore"] == "mysql"
    assert mine["Status"] == "ACTIVE" and mine["Size"] == 1
    table = ok(cloud.openstack("database", "instance", "list"))
    assert name("db") in table.out and "| Operating Status" in table.out
    clustered = ok(cloud.openstack("database", "instance", "list", "--include-clustered", "-f",
                                   "json")).json()
    assert db["id"] in {r["ID"] for r in clustered}


def test_admin_lists_every_project_and_one_project(cloud, db):
    rows = ok(cloud.openstack("database", "instance", "list", "--all-projects", "-f", "json",
                              cloud="local-admin")).json()
    mine = next(r for r in rows if r["ID"] == db["id"])
    assert mine["Project ID"]
    rows = ok(cloud.openstack("database", "instance", "list", "--project", "demo", "-f", "json",
                              cloud="local-admin")).json()
    assert db["id"] in {r["ID"] for r in rows}
    assert {r["Project ID"] for r in rows} == {mine["Project ID"]}


def test_update_name_and_set_alias(cloud, demo_api, db):
    ok(cloud.openstack("database", "instance", "update", db["id"], "--name", name("renamed")))
    assert get(demo_api, db["id"])["name"] == name("renamed")
    # The alias finds the instance by its new name.
    ok(cloud.openstack("database", "instance", "set", name("renamed"), "--name", name("db")))
    assert get(demo_api, db["id"])["name"] == name("db")


def access_after_update(api, instance_id, is_public):
    """The instance's access once Trove has applied the update.

    Trove answers the PUT at once and changes access in the task manager
    (trove/taskmanager/models.py update_access: the ports, the security group,
    then `access` and task NONE in one write); the status stays ACTIVE
    meanwhile, so the new `is_public` is the sign that the update is done.
    """
    return quiet_wait(lambda: get(api, instance_id),
                      lambda row: row["access"]["is_public"] is is_public)["access"]


def test_update_public_and_private(cloud, demo_api):
    with made_instance(demo_api, name("net"), nics=[{"network_id": PRIVATE_NET}]) as row:
        assert row["access"]["is_public"] is False
        ok(cloud.openstack("database", "instance", "update", name("net"), "--is-public",
                           "--allowed-cidr", "10.0.0.0/24"))
        access = access_after_update(demo_api, row["id"], True)
        assert access == {"is_public": True, "allowed_cidrs": ["10.0.0.0/24"]}
        ok(cloud.openstack("database", "instance", "update", name("net"), "--is-private"))
        access = access_after_update(demo_api, row["id"], False)
        assert access == {"is_public": False, "allowed_cidrs": ["10.0.0.0/24"]}  # CIDRs kept


def test_resize_flavor_and_its_alias_with_wait(cloud, db):
    result = ok(cloud.openstack("database", "instance", "resize", "flavor", name("db"),
                                "m1.medium", "--wait", "--wait-timeout", TIMEOUT))
    assert "RESIZE" in result.err and "ACTIVE" in result.err and result.out == ""
    assert get(cloud.api(), db["id"])["flavor"]["id"] == "3"
    ok(cloud.openstack("database", "instance", "resize", name("db"), "m1.small", "--wait",
                       "--wait-timeout", TIMEOUT))
    assert get(cloud.api(), db["id"])["flavor"]["id"] == "2"


def test_resize_volume_and_its_alias_with_wait(cloud, db):
    ok(cloud.openstack("database", "instance", "resize", "volume", name("db"), "2", "--wait",
                       "--wait-timeout", TIMEOUT))
    assert get(cloud.api(), db["id"])["volume"]["size"] == 2
    ok(cloud.openstack("database", "instance", "volume", "resize", db["id"], "3", "--wait",
                       "--wait-timeout", TIMEOUT))
    assert get(cloud.api(), db["id"])["volume"]["size"] == 3


def test_restart_with_wait(cloud, db):
    result = ok(cloud.openstack("database", "instance", "restart", name("db"), "--wait",
                                "--wait-timeout", TIMEOUT))
    assert "REBOOT" in result.err and result.err.strip().splitlines()[-1].startswith(
        f"instance {name('db')}: ACTIVE")


def test_upgrade_with_wait(cloud, spare):
    ok(cloud.openstack("database", "instance", "upgrade", spare["id"], "8.0", "--wait",
                       "--wait-timeout", TIMEOUT))
    assert get(cloud.api(), spare["id"])["datastore"]["version"] == "8.0"


def test_reboot_and_rebuild_as_admin(cloud, spare):
    result = ok(cloud.openstack("database", "instance", "reboot", spare["id"], "--wait",
                                "--wait-timeout", TIMEOUT, cloud="local-admin"))
    assert "REBOOT" in result.err
    ok(cloud.openstack("database", "instance", "rebuild", spare["id"], SPARE_IMAGE, "--wait",
                       "--wait-timeout", TIMEOUT, cloud="local-admin"))
    assert get(cloud.api(), spare["id"])["status"] == "ACTIVE"


def test_reboot_as_a_member_is_refused(cloud, spare):
    line = one_line_error(*cloud.openstack("database", "instance", "reboot", spare["id"]))
    assert "(HTTP 403)" in line or "(HTTP 401)" in line


def test_ssl_show_rollback_and_disable(cloud, spare):
    shown = ok(cloud.openstack("database", "instance", "ssl", "show", spare["id"], "-f",
                               "json")).json()
    assert shown["status"] in ("on", "off") and "mode" in shown
    ok(cloud.openstack("database", "instance", "ssl", "rollback", spare["id"]))
    disabled = ok(cloud.openstack("database", "instance", "ssl", "disable", spare["id"], "-f",
                                  "json")).json()
    assert disabled["status"] == "off"


def test_ssl_enable_with_a_stored_bundle(cloud, demo_api, spare):
    ref = store_secret(demo_api, self_signed_p12("db.example.test"))
    enabled = ok(cloud.openstack("database", "instance", "ssl", "enable", spare["id"],
                                 "--container-ref", ref, "--mode", "enforced", "-f",
                                 "json")).json()
    assert enabled["status"] == "on"
    shown = ok(cloud.openstack("database", "instance", "ssl", "show", spare["id"],
                               "--include-certificate", "-f", "json")).json()
    assert shown["status"] == "on" and shown["mode"] == "enforced"
    assert shown["certificate.cn"] == "db.example.test"
    assert "BEGIN CERTIFICATE" in shown["certificate.payload"]
    ok(cloud.openstack("database", "instance", "ssl", "disable", spare["id"]))
    missing = ref.rsplit("/", 1)[0] + f"/{uuid.uuid4()}"
    line = one_line_error(*cloud.openstack("database", "instance", "ssl", "enable", spare["id"],
                                          "--container-ref", missing))
    assert "(HTTP 500)" in line  # Trove 26 lets the key manager's 404 escape as a 500


@pytest.fixture(scope="module")
def replica(cloud, db, demo_api):
    result = cloud.openstack("database", "instance", "create", name("replica"), "--replica-of",
                             name("db"), "--wait", "--wait-timeout", TIMEOUT, "-f", "json")
    data = json.loads(result.out) if result.code == 0 else None
    yield result, data
    if data:
        delete_instance(demo_api, data["id"])


def test_replica_create_from_a_source_by_name(cloud, db, replica):
    result, data = replica
    assert result.code == 0, result
    assert data["status"] == "ACTIVE"
    assert data["replica_of"] == db["id"]
    rows = ok(cloud.openstack("database", "instance", "list", "-f", "json")).json()
    roles = {r["ID"]: r["Role"] for r in rows}
    assert roles[data["id"]] == "replica" and roles[db["id"]] == "primary"


def test_promote_and_promote_back(cloud, db, replica):
    _, data = replica
    assert data, "the replica was not created"
    ok(cloud.openstack("database", "instance", "promote", data["id"], "--wait",
                       "--wait-timeout", TIMEOUT))
    api = cloud.api()
    assert "replica_of" not in get(api, data["id"])
    assert get(api, db["id"])["replica_of"]["id"] == data["id"]
    # Promote the original back, so the rest of the module keeps its primary.
    ok(cloud.openstack("database", "instance", "promote", db["id"], "--wait",
                       "--wait-timeout", TIMEOUT))
    assert "replica_of" not in get(api, db["id"])


def test_eject_a_source_that_stopped_heartbeating(cloud, demo_api):
    with made_instance(demo_api, name("ej-src")) as source, \
            made_instance(demo_api, name("ej-rep"), flavor=None,
                          replica_of=source["id"]) as replica_row:
        line = one_line_error(*cloud.openstack("database", "instance", "eject", name("ej-src")))
        assert "current heartbeat" in line and "(HTTP 400)" in line
        # Only a replica source can be ejected.
        line = one_line_error(*cloud.openstack("database", "instance", "eject", name("ej-rep")))
        assert "not a replica source" in line and "(HTTP 400)" in line
        # The fake agent of an instance whose name ends in _SILENT stops its heartbeats;
        # Trove accepts the eject once agent_heartbeat_expiry (6 s here) has passed.
        ok(cloud.openstack("database", "instance", "update", source["id"], "--name",
                           name("ej-src") + "_SILENT"))
        attempts = []

        def eject():
            attempts.append(cloud.openstack("database", "instance", "eject", source["id"],
                                            "--wait", "--wait-timeout", TIMEOUT))
            return attempts[-1]

        result = quiet_wait(eject, lambda r: r.code == 0 or "current heartbeat" not in r.err,
                            never, status_of=lambda r: r.code, timeout=90)
        ok(result)
        assert "EJECT" in result.err
        assert all("current heartbeat" in r.err for r in attempts[:-1])
        assert "replica_of" not in get(demo_api, replica_row["id"])


def wait_detached(api, instance_id):
    return wait_instance(api, instance_id,
                         lambda row: row["status"] == "ACTIVE" and not row.get("replica_of"))


def test_detach_and_replica_unset(cloud, demo_api, db, replica):
    _, data = replica
    assert data, "the replica was not created"
    ok(cloud.openstack("database", "instance", "detach", data["id"]))
    assert "replica_of" not in wait_detached(demo_api, data["id"])
    with made_instance(demo_api, name("replica2"), flavor=None,
                       replica_of=db["id"]) as second:
        ok(cloud.openstack("database", "replica", "unset", second["id"]))
        assert "replica_of" not in wait_detached(demo_api, second["id"])


def test_reset_status_and_force_delete_are_for_admins(cloud, demo_api):
    one = create_instance(demo_api, name("stuck1"))
    two = create_instance(demo_api, name("stuck2"))
    try:
        wait_instance(demo_api, one["id"])
        line = one_line_error(*cloud.openstack("database", "instance", "reset", "status",
                                              name("stuck1")))
        assert "(HTTP 403)" in line
        admin = {"cloud": "local-admin"}
        ok(cloud.openstack("database", "instance", "reset", "status", one["id"], **admin))
        ok(cloud.openstack("database", "instance", "force", "delete", one["id"], "--wait",
                           "--wait-timeout", TIMEOUT, **admin))
        result = ok(cloud.openstack("database", "instance", "delete", "--force", two["id"],
                                    "--wait", "--wait-timeout", TIMEOUT, **admin))
        assert "DELETED" in result.err
        assert gone(demo_api, one["id"]) and gone(demo_api, two["id"])
    finally:
        delete_instance(demo_api, one["id"])
        delete_instance(demo_api, two["id"])


def test_list_returns_every_page_and_limit_caps(cloud, demo_api):
    with ThreadPoolExecutor(5) as pool:  # the API server takes requests in parallel
        made = [pool.submit(create_instance, demo_api, name(f"many{i:02d}")) for i in range(45)]
    # Every instance made is deleted below, even when some creates failed (a quota).
    ids = [future.result()["id"] for future in made if future.exception() is None]
    try:
        assert len(ids) == 45, next(str(f.exception()) for f in made if f.exception())
        rows = ok(cloud.openstack("database", "instance", "list", "-f", "json")).json()
        assert set(ids) <= {r["ID"] for r in rows}
        assert len(rows) >= 45 and len(rows) == len({r["ID"] for r in rows})  # no overlap
        limited = ok(cloud.openstack("database", "instance", "list", "--limit", "30", "-f",
                                     "json")).json()
        assert len(limited) == 30
        # Trove pages in ID order: a marker means "IDs after this one".
        marker = sorted(ids)[20]
        after = ok(cloud.openstack("database", "instance", "list", "--marker", marker,
                                   "-f", "json")).json()
        mine_after = {r["ID"] for r in after} & set(ids)
        assert mine_after == {i for i in ids if i > marker}
        assert all(r["ID"] > marker for r in after)
    finally:
        with ThreadPoolExecutor(5) as pool:
            list(pool.map(lambda instance_id: delete_instance(demo_api, instance_id), ids))


def test_delete_three_where_one_does_not_exist_waits_until_gone(cloud, demo_api):
    with made_instance(demo_api, name("del1")) as one, \
            made_instance(demo_api, name("del2")) as two:
        result = cloud.openstack("database", "instance", "delete", name("del1"), name("ghost"),
                                 two["id"], "--wait", "--wait-timeout", TIMEOUT)
        assert result.code == 1, result
        assert "Traceback" not in result.err
        lines = result.err.strip().splitlines()
        assert (
            f"Failed to delete instance '{name('ghost')}': No instance with a name or ID of "
            f"'{name('ghost')}' exists." in lines
        )
        assert lines[-1] == "1 of 3 instances failed to delete."
        # --wait followed each deletion until the instance was gone.
        assert any(line.startswith(f"instance {name('del1')}: DELETED (") for line in lines)
        assert gone(demo_api, one["id"]) and gone(demo_api, two["id"])
        line = one_line_error(*cloud.openstack("database", "instance", "show", one["id"]))
        assert line == f"No instance with a name or ID of '{one['id']}' exists."


def test_bad_input_gives_one_line(cloud):
    create = ("database", "instance", "create", name("bad"), "--size", "1")
    line = one_line_error(*cloud.openstack(*create, "--flavor", "m9.nope"))
    assert line == "No flavor with a name or ID of 'm9.nope' exists."
    line = one_line_error(*cloud.openstack("database", "instance", "show", name("nothing")))
    assert line == f"No instance with a name or ID of '{name('nothing')}' exists."
    line = one_line_error(*cloud.openstack("database", "instance", "restart", str(uuid.uuid4())))
    assert line.startswith("No instance with a name or ID of")


def test_an_ambiguous_name_asks_for_an_id(cloud, demo_api):
    with made_instance(demo_api, name("twin"), wait_active=False) as first, \
            made_instance(demo_api, name("twin"), wait_active=False) as second:
        line = one_line_error(*cloud.openstack("database", "instance", "show", name("twin")))
        assert line.startswith(f"More than one instance is named '{name('twin')}' (")
        assert first["id"] in line and second["id"] in line and line.endswith("; use an ID.")


def test_create_wait_reports_the_fault_of_a_failed_build(cloud, demo_api):
    result = cloud.openstack("database", "instance", "create", name("GUEST_ERROR"), "--flavor",
                             "m1.tiny", "--size", "1", "--wait", "--wait-timeout", TIMEOUT,
                             "-f", "json")
    try:
        assert result.code == 1, result
        assert result.out == ""
        assert f"instance {name('GUEST_ERROR')} went to ERROR after" in result.err
    finally:
        for row in demo_api.instances.list():
            if row["name"] == name("GUEST_ERROR"):
                delete_instance(demo_api, row["id"])
