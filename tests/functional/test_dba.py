"""Issue 31's DBA commands against the local cloud, each checked by the server's state after it.

One source instance (made over the API) is shared: its backups, databases made
between them, its configuration group and its replica are the material of
prune, restore, clone, configuration diff/copy and replica list.
"""

import json
import time

import pytest
from osc_lib import exceptions

from osc_trove.cli import wait
from tests.functional.helpers import (
    TIMEOUT,
    delete_instance,
    made_instance,
    ok,
    one_line_error,
    quiet_wait,
    run_names,
    wait_instance,
)

name = run_names("dba")
COMPLETED = wait.status_in("COMPLETED")



def exists(get):
    try:
        get()
    except exceptions.NotFound:
        return False
    return True


def named_instances(api, wanted):
    return [row for row in api.instances.list() if row["name"] == wanted]


@pytest.fixture(scope="module")
def source(demo_api):
    with made_instance(demo_api, name("src")) as row:
        yield row
        for made in list(demo_api.backups.list(instance_id=row["id"])):
            try:
                quiet_wait(lambda b=made["id"]: demo_api.backups.get(b),
                           lambda b: b["status"] not in ("NEW", "BUILDING"))
                demo_api.backups.delete(made["id"])
            except exceptions.ClientException:
                pass


def make_database(api, instance_id, database):
    api.databases.create(instance_id, [database])
    quiet_wait(lambda: [d["name"] for d in api.databases.list(instance_id)],
               lambda names: database in names, lambda _: False,
               status_of=lambda names: "PENDING")


def make_backup(api, instance_id, backup_name, parent=None, done=COMPLETED):
    fields = {"parent_id": parent} if parent else {}
    made = api.backups.create(name=backup_name, instance=instance_id, **fields)
    row = quiet_wait(lambda: api.backups.get(made["id"]), done, wait.status_in("FAILED"))
    wait_instance(api, instance_id)  # out of BACKUP before the next step
    return row


@pytest.fixture(scope="module")
def history(demo_api, source):
    """Backups a, a1 (incremental of a), b, c, a database made before each full one,
    and a second between each (`created` is to the second: keep them apart)."""
    sid = source["id"]
    made = {}
    for full, database in (("a", "in_a"), ("b", "in_b"), ("c", "in_c")):
        make_database(demo_api, sid, database)
        time.sleep(1.1)
        made[full] = make_backup(demo_api, sid, name(full))
        if full == "a":
            time.sleep(1.1)
            made["a1"] = make_backup(demo_api, sid, name("a1"), parent=made["a"]["id"])
        time.sleep(1.1)
    return made


def test_restore_as_of_a_time_takes_the_backup_of_that_time(cloud, demo_api, source, history):
    # Between b and c: b's data (in_a, in_b), not c's (in_c).
    result = ok(cloud.openstack(
        "database", "instance", "restore", source["name"], name("asof"),
        "--time", history["b"]["created"] + "Z", "--wait", "--wait-timeout", TIMEOUT,
        "-f", "json"))
    new = result.json()
    try:
        assert (f"Restoring backup '{name('b')}' ({history['b']['id']}, taken "
                f"{history['b']['created']}) of instance {source['name']}.") in result.err
        assert new["status"] == "ACTIVE"
        databases = {d["name"] for d in demo_api.databases.list(new["id"])}
        assert {"in_a", "in_b"} <= databases and "in_c" not in databases
        got = demo_api.instances.get(new["id"])
        assert got["flavor"]["id"] == source["flavor"]["id"]
        assert got["volume"]["size"] == source["volume"]["size"]
    finally:
        delete_instance(demo_api, new["id"])


def test_restore_refuses_a_time_before_every_backup(cloud, demo_api, source, history):
    line = one_line_error(*cloud.openstack(
        "database", "instance", "restore", source["id"], name("never"),
        "--time", "2001-01-01T00:00:00Z"))
    assert line.startswith(f"No backup of instance {source['id']} is that old")
    assert named_instances(demo_api, name("never")) == []


def test_prune_keeps_the_newest_and_a_running_chain(cloud, demo_api, source, history):
    sid = source["id"]
    # An incremental of b, still running while the prune runs (_SLOW: 8 s).
    slow = demo_api.backups.create(name=name("b1") + "_SLOW", instance=sid,
                                   parent_id=history["b"]["id"])
    quiet_wait(lambda: demo_api.backups.get(slow["id"]), wait.status_in("BUILDING"))
    try:
        dry = ok(cloud.openstack("database", "backup", "prune", "--instance", source["name"],
                                 "--keep", "1", "--dry-run", "-f", "json")).json()
        assert {r["ID"]: r["Action"] for r in dry} == {
            history["a"]["id"]: "would delete", history["a1"]["id"]: "would delete",
            history["b"]["id"]: f"kept: incremental {slow['id']} is BUILDING",
            slow["id"]: "kept: running"}
        assert exists(lambda: demo_api.backups.get(history["a"]["id"]))
        pruned = ok(cloud.openstack("database", "backup", "prune", "--instance", sid,
                                    "--keep", "1", "--wait", "--wait-timeout", TIMEOUT,
                                    "-f", "json")).json()
        assert [r["Action"] for r in pruned] == [r["Action"].replace("would delete", "deleted")
                                                 for r in dry]
        left = {b["id"] for b in demo_api.backups.list(instance_id=sid)}
        assert history["a"]["id"] not in left and history["a1"]["id"] not in left
        assert {history["b"]["id"], history["c"]["id"], slow["id"]} <= left
    finally:
        quiet_wait(lambda: demo_api.backups.get(slow["id"]), COMPLETED)
        wait_instance(demo_api, sid)


@pytest.fixture(scope="module")
def tuned(demo_api):
    """A mysql 5.7 group with a parameter MariaDB 10.11 has not."""
    group = demo_api.configurations.create(
        name=name("tuned"), datastore={"type": "mysql", "version": "5.7"},
        values={"max_connections": 300, "innodb_adaptive_flushing_lwm": 20})
    yield group
    for row in demo_api.configurations.list():
        if row["name"].startswith(name("")) and row["id"] != group["id"]:
            demo_api.configurations.delete(row["id"])
    quiet_wait(lambda: list(demo_api.configurations.instances(group["id"])),
               lambda attached: not attached, lambda _: False, status_of=lambda _: "ATTACHED")
    demo_api.configurations.delete(group["id"])


def test_clone_copies_data_and_settings(cloud, demo_api, source, history, tuned):
    demo_api.instances.update(source["id"], configuration=tuned["id"])
    wait_instance(demo_api, source["id"],
                  lambda row: row["status"] in ("ACTIVE", "RESTART_REQUIRED"))
    result = ok(cloud.openstack("database", "instance", "clone", source["name"], name("twin"),
                                "--wait", "--wait-timeout", TIMEOUT, "-f", "json"))
    new = result.json()
    try:
        backups = [b for b in demo_api.backups.list(instance_id=source["id"])
                   if b["name"] == f"clone-{name('twin')}"]
        assert [b["status"] for b in backups] == ["COMPLETED"]
        assert (f"Cloning {source['name']} from backup 'clone-{name('twin')}' "
                f"({backups[0]['id']}, taken {backups[0]['created']}).") in result.err
        got = demo_api.instances.get(new["id"])
        assert got["configuration"]["id"] == tuned["id"]
        assert (got["flavor"]["id"], got["volume"]["size"], got["datastore"]["version"]) == (
            source["flavor"]["id"], source["volume"]["size"], source["datastore"]["version"])
        assert {"in_a", "in_b", "in_c"} <= {d["name"] for d in
                                            demo_api.databases.list(new["id"])}
    finally:
        delete_instance(demo_api, new["id"], wait_gone=True)
        demo_api.instances.update(source["id"], configuration=None)
        settled = wait_instance(demo_api, source["id"],
                                lambda row: row["status"] in ("ACTIVE", "RESTART_REQUIRED"))
        if settled["status"] == "RESTART_REQUIRED":
            demo_api.instances.restart(source["id"])
            wait_instance(demo_api, source["id"])


def test_clone_whose_backup_fails_creates_no_instance(cloud, demo_api, source, history):
    result = cloud.openstack("database", "instance", "clone", source["id"], name("fails"),
                             "--backup-name", "FAIL", "--wait-timeout", TIMEOUT)
    assert result.code == 1 and result.out == "" and "Traceback" not in result.err
    failed = [b for b in demo_api.backups.list(instance_id=source["id"]) if b["name"] == "FAIL"]
    assert [b["status"] for b in failed] == ["FAILED"]
    assert result.err.strip().splitlines()[-1].endswith(
        f"No instance was created; backup 'FAIL' ({failed[0]['id']}) exists: "
        f"'openstack database backup delete {failed[0]['id']}' removes it.")
    assert named_instances(demo_api, name("fails")) == []
    wait_instance(demo_api, source["id"])


def test_configuration_export_reads_back_and_diffs(cloud, demo_api, tuned):
    exported = json.loads(ok(cloud.openstack("database", "configuration", "export",
                                             tuned["name"])).out)
    assert exported == {"name": tuned["name"], "description": None, "datastore": "mysql",
                        "version": "5.7", "values": {"max_connections": 300,
                                                     "innodb_adaptive_flushing_lwm": 20}}
    # Read back (configuration create --from-file's part): Trove takes the fields as they are.
    from osc_trove.api import configuration_files

    again = demo_api.configurations.create(
        name=name("again"), **configuration_files.read_export(json.dumps(exported)))
    assert demo_api.configurations.get(again["id"])["values"] == exported["values"]
    assert ok(cloud.openstack("database", "configuration", "diff", tuned["id"], again["id"],
                              "-f", "json")).json() == []
    other = demo_api.configurations.create(
        name=name("other"), datastore={"type": "mysql", "version": "5.7"},
        values={"max_connections": 400, "wait_timeout": 60})
    rows = ok(cloud.openstack("database", "configuration", "diff", tuned["name"], other["id"],
                              "-f", "json")).json()
    assert rows == [
        {"Parameter": "innodb_adaptive_flushing_lwm", tuned["name"]: 20, name("other"): None},
        {"Parameter": "max_connections", tuned["name"]: 300, name("other"): 400},
        {"Parameter": "wait_timeout", tuned["name"]: None, name("other"): 60},
    ]


def test_configuration_copy_drops_what_the_new_version_lacks(cloud, demo_api, tuned):
    result = ok(cloud.openstack("database", "configuration", "copy", tuned["id"], name("maria"),
                                "--datastore", "mariadb", "--datastore-version", "10.11",
                                "-f", "json"))
    assert result.err.strip().splitlines() == [
        f"Not copied to {name('maria')}, which mariadb 10.11 does not allow: "
        "innodb_adaptive_flushing_lwm (no such parameter)."]
    made = demo_api.configurations.get(result.json()["id"])
    assert made["values"] == {"max_connections": 300}
    assert (made["datastore_name"], made["datastore_version_name"]) == ("mariadb", "10.11")


def test_replica_list_shows_the_source_and_its_replica(cloud, demo_api, source, history):
    with made_instance(demo_api, name("rep"), flavor=None, replica_of=source["id"]) as replica:
        rows = ok(cloud.openstack("database", "replica", "list", source["name"],
                                  "-f", "json")).json()
        assert [(r["Source ID"], r["Replica ID"], r["Replica Status"]) for r in rows] == [
            (source["id"], replica["id"], demo_api.instances.get(replica["id"])["status"])]
        assert [r["id"] for r in demo_api.instances.get(source["id"])["replicas"]] == [
            replica["id"]]
        everything = ok(cloud.openstack("database", "replica", "list", "-f", "json")).json()
        assert replica["id"] in [r["Replica ID"] for r in everything]
        # Gone before the source's deletion, which Trove refuses while it has replicas.
        delete_instance(demo_api, replica["id"], wait_gone=True)
    wait_instance(demo_api, source["id"], lambda row: row["status"] == "ACTIVE"
                  and not row.get("replicas"))


def test_outdated_reads_the_clouds_own_rows(demo_api, source):
    """osc_trove.api.upgrades.outdated (for instance list --outdated) on the rows this
    cloud lists: mysql's default is 5.7, so an 8.0 instance is not on it."""
    from osc_trove.api import upgrades

    with made_instance(demo_api, name("v80"),
                       datastore={"type": "mysql", "version": "8.0"}) as newer:
        found = {row["id"]: row for row in upgrades.outdated(demo_api.instances.list(),
                                                             demo_api.datastores.list())}
        assert found[newer["id"]] == {"id": newer["id"], "name": name("v80"),
                                      "datastore": "mysql", "version": "8.0",
                                      "reason": "not the default", "upgrade_to": None}
        assert source["id"] not in found


def test_restore_from_the_backups_of_a_deleted_instance(cloud, demo_api):
    with made_instance(demo_api, name("gone")) as gone:
        make_database(demo_api, gone["id"], "kept")
        taken = make_backup(demo_api, gone["id"], name("last"))
        delete_instance(demo_api, gone["id"], wait_gone=True)
    try:
        without = one_line_error(*cloud.openstack(
            "database", "instance", "restore", gone["id"], name("back"), "--time",
            taken["created"]))
        assert without.endswith("give --flavor (and --size) for the instance restored from "
                                "its backups.")
        result = ok(cloud.openstack(
            "database", "instance", "restore", gone["id"], name("back"), "--time",
            taken["created"], "--flavor", gone["flavor"]["id"], "--size", "1", "--wait",
            "--wait-timeout", TIMEOUT, "-f", "json"))
        back = result.json()
        try:
            assert f"Restoring backup '{name('last')}' ({taken['id']}" in result.err
            assert "kept" in {d["name"] for d in demo_api.databases.list(back["id"])}
        finally:
            delete_instance(demo_api, back["id"])
    finally:
        demo_api.backups.delete(taken["id"])
