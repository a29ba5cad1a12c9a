"""Issue 31's commands for DBAs: backup prune, instance restore and clone, configuration
export/diff/copy, replica list; and the pure functions the lead wires elsewhere
(configuration create --from-file, instance list --outdated)."""

import json

import pytest

from osc_trove.api import backup_picks, configuration_files, upgrades
from osc_trove.api.errors import TroveError
from tests.unit.conftest import TROVE, sample
from tests.unit.helpers import CONFIG_ID, IID, one_line_error, row, show_body

NEW = "5e0c0a57-0000-4000-8000-000000000001"
VERSION_ID = sample("backup-get-response.json")["backup"]["datastore"]["version_id"]


def bid(n):
    return f"b{n:07d}-7541-4536-b8d9-a8a9b79cf1b4"


def backup(n, created, status="COMPLETED", parent=None, name=None):
    data = dict(sample("backup-get-response.json")["backup"])
    data.update(id=bid(n), name=name or f"b{n}", status=status, created=created,
                parent_id=bid(parent) if parent else None, instance_id=IID)
    return data


def on_backups(trove, *rows):
    trove.on("GET", f"/backups?instance_id={IID}", {"backups": list(rows)})


# --- backup prune -------------------------------------------------------------------------

# Four completed fulls (1 oldest .. 4 newest); 1 has a chain of two incrementals,
# 2 has an incremental still running; 9 failed.
CHAINS = (
    backup(1, "2026-11-01T00:00:00"), backup(11, "2026-11-01T06:00:00", parent=1),
    backup(12, "2026-11-01T12:00:00", parent=11),
    backup(2, "2026-11-02T00:00:00"), backup(21, "2026-11-02T06:00:00", "BUILDING", parent=2),
    backup(3, "2026-11-03T00:00:00"), backup(4, "2026-11-04T00:00:00"),
    backup(9, "2026-10-01T00:00:00", "FAILED"),
)


def test_prune_deletes_old_fulls_with_their_chains_and_keeps_a_running_one(trove):
    on_backups(trove, *CHAINS)
    trove.on("DELETE", f"/backups/{bid(1)}", status=202)
    rows = trove.run_json("database", "backup", "prune", "--instance", IID, "--keep", "2")
    # Only the root of each pruned chain is deleted: Trove deletes its incrementals.
    assert trove.requests == [("GET", f"/backups?instance_id={IID}"),
                              ("DELETE", f"/backups/{bid(1)}")]
    assert [(r["ID"], r["Parent ID"], r["Action"]) for r in rows] == [
        (bid(2), None, f"kept: incremental {bid(21)} is BUILDING"),
        (bid(21), bid(2), "kept: running"),
        (bid(1), None, "deleted"),
        (bid(11), bid(1), "deleted"),
        (bid(12), bid(11), "deleted"),
    ]
    assert set(rows[0]) == {"ID", "Name", "Created", "Parent ID", "Action"}


def test_prune_dry_run_deletes_nothing(trove):
    trove.on("GET", "/instances", {"instances": [row(IID, "db1")]})
    on_backups(trove, *CHAINS)
    rows = trove.run_json("database", "backup", "prune", "--instance", "db1", "--keep", "3",
                          "--dry-run")
    assert [method for method, _ in trove.requests] == ["GET", "GET"]
    assert [(r["ID"], r["Action"]) for r in rows] == [
        (bid(1), "would delete"), (bid(11), "would delete"), (bid(12), "would delete")]


def test_prune_with_nothing_old_says_so(trove):
    on_backups(trove, *CHAINS)
    code, out, err = trove.run("database", "backup", "prune", "--instance", IID, "--keep", "4",
                               "-f", "json")
    assert code == 0 and json.loads(out) == []
    assert err == (f"Nothing to prune: no COMPLETED full backup of instance {IID} is older "
                   "than its 4 newest.\n")
    assert [method for method, _ in trove.requests] == ["GET"]


def test_prune_whose_old_chains_are_all_running_deletes_nothing(trove):
    on_backups(trove, *CHAINS[3:])  # 2 (and its running 21), 3, 4, failed 9
    code, out, err = trove.run("database", "backup", "prune", "--instance", IID, "--keep", "2",
                               "-f", "json")
    assert code == 0
    assert [r["Action"] for r in json.loads(out)] == [
        f"kept: incremental {bid(21)} is BUILDING", "kept: running"]
    assert err == "Nothing to prune now: every older full backup has a running incremental.\n"
    assert [method for method, _ in trove.requests] == ["GET"]


def test_prune_failure_is_shown_and_exits_1(trove):
    on_backups(trove, *CHAINS)
    trove.on("DELETE", f"/backups/{bid(1)}", {"badRequest": {"message": "no way"}}, status=400)
    code, out, err = trove.run("database", "backup", "prune", "--instance", IID, "--keep", "2",
                               "-f", "json")
    assert code == 1
    actions = {r["ID"]: r["Action"] for r in json.loads(out)}
    assert actions[bid(1)].startswith("failed: ") and "no way" in actions[bid(1)]
    assert actions[bid(12)] == actions[bid(1)]
    assert err.strip().splitlines()[-1] == "1 backup deletion(s) failed: see Action."


def test_prune_wait_polls_every_deleted_backup_until_gone(trove, fake_time):
    on_backups(trove, *CHAINS)
    trove.on("DELETE", f"/backups/{bid(1)}", status=202)
    for n in (1, 11, 12):
        trove.on("GET", f"/backups/{bid(n)}", {"itemNotFound": {"message": "gone"}}, status=404)
    code, out, err = trove.run("database", "backup", "prune", "--instance", IID, "--keep", "2",
                               "--wait")
    assert code == 0, err
    assert trove.requests[2:] == [("GET", f"/backups/{bid(n)}") for n in (1, 11, 12)]


def test_prune_refuses_keep_0(trove):
    with pytest.raises(SystemExit) as usage_error:
        trove.run("database", "backup", "prune", "--instance", IID, "--keep", "0")
    assert usage_error.value.code == 2 and trove.requests == []


# --- instance restore ---------------------------------------------------------------------

SOURCE = show_body(id=IID, name="db1", flavor={"id": "3"}, volume={"size": 5},
                   configuration={"id": CONFIG_ID, "name": "tuned"},
                   access={"is_public": False, "allowed_cidrs": ["10.0.0.0/8"]})


def created_body(name="db2"):
    return {"instance": {"id": NEW, "name": name, "status": "BUILD"}}


def test_restore_takes_the_newest_completed_backup_at_or_before_the_time(trove):
    trove.on("GET", f"/instances/{IID}", SOURCE)
    on_backups(trove, backup(1, "2026-11-01T00:00:00"),
               backup(11, "2026-11-01T10:00:00", parent=1),
               backup(12, "2026-11-01T11:00:00", "FAILED", parent=11),
               backup(2, "2026-11-01T13:00:00"))
    trove.on("POST", "/instances", created_body())
    code, out, err = trove.run("database", "instance", "restore", IID, "db2",
                               "--time", "2026-11-01T12:30:00+01:00", "-f", "json")
    assert code == 0, err
    assert f"Restoring backup 'b11' ({bid(11)}, taken 2026-11-01T10:00:00) of instance" in err
    # The source's flavor and size, the backup's datastore version; nothing else of it.
    assert trove.bodies() == [{"instance": {
        "name": "db2", "flavorRef": "3", "volume": {"size": 5},
        "restorePoint": {"backupRef": bid(11)},
        "datastore": {"type": "mysql", "version": VERSION_ID}}}]
    assert json.loads(out)["id"] == NEW


def test_restore_refuses_when_no_backup_is_that_old(trove):
    trove.on("GET", f"/instances/{IID}", SOURCE)
    on_backups(trove, backup(1, "2026-11-01T00:00:00", "FAILED"),
               backup(2, "2026-11-02T00:00:00"))
    line = one_line_error(*trove.run("database", "instance", "restore", IID, "db2",
                                     "--time", "2026-11-01T12:00:00Z"))
    assert line == (f"No backup of instance {IID} is that old: none COMPLETED was taken at or "
                    "before 2026-11-01T12:00:00 UTC (its oldest COMPLETED backup was taken "
                    "2026-11-02T00:00:00).")
    assert ("POST", "/instances") not in trove.requests


def test_restore_of_a_deleted_source_by_id(trove):
    trove.on("GET", f"/instances/{IID}", {"itemNotFound": {"message": "gone"}}, status=404)
    trove.on("GET", "/instances", {"instances": []})
    trove.on("GET", "/flavors", {"flavors": [{"id": 2, "str_id": "2", "name": "m1.small"}]})
    on_backups(trove, backup(1, "2026-11-01T00:00:00"))
    trove.on("POST", "/instances", created_body())
    code, out, err = trove.run("database", "instance", "restore", IID, "db2", "--time",
                               "2026-11-05", "--flavor", "m1.small", "--size", "2")
    assert code == 0, err
    assert "no longer exists" in err
    assert trove.bodies()[-1]["instance"]["flavorRef"] == "2"
    assert trove.bodies()[-1]["instance"]["volume"] == {"size": 2}


def test_restore_of_a_deleted_source_needs_a_flavor(trove):
    trove.on("GET", f"/instances/{IID}", {"itemNotFound": {"message": "gone"}}, status=404)
    trove.on("GET", "/instances", {"instances": []})
    on_backups(trove, backup(1, "2026-11-01T00:00:00"))
    line = one_line_error(*trove.run("database", "instance", "restore", IID, "db2",
                                     "--time", "2026-11-05"))
    assert line == (f"Instance {IID} no longer exists: give --flavor (and --size) for the "
                    "instance restored from its backups.")
    assert ("POST", "/instances") not in trove.requests


def test_restore_refuses_a_time_that_is_not_iso_8601(trove):
    line = one_line_error(*trove.run("database", "instance", "restore", IID, "db2",
                                     "--time", "yesterday"))
    assert "is not an ISO 8601 time" in line
    assert trove.requests == []


# --- instance clone -----------------------------------------------------------------------

MODULE = {"id": "8a8b4f0c-4f3e-4f2a-9c1e-3f9a6b7c8d9e", "name": "audit"}


def clone_source(trove):
    trove.on("GET", f"/instances/{IID}", SOURCE)
    trove.on("GET", f"/instances/{IID}/modules", {"modules": [MODULE]})


def test_clone_backs_up_waits_and_restores_with_the_sources_settings(trove, fake_time):
    clone_source(trove)
    trove.on("POST", "/backups", {"backup": backup(7, "2026-12-01T00:00:00", "NEW",
                                                   name="clone-db2")})
    trove.mocker.register_uri("GET", f"{TROVE}/backups/{bid(7)}", [
        {"json": {"backup": backup(7, "2026-12-01T00:00:00", "BUILDING")}},
        {"json": {"backup": backup(7, "2026-12-01T00:00:00", name="clone-db2")}}])
    trove.on("POST", "/instances", created_body())
    code, out, err = trove.run("database", "instance", "clone", IID, "db2", "-f", "json")
    assert code == 0, err
    assert trove.requests == [
        ("GET", f"/instances/{IID}"), ("GET", f"/instances/{IID}/modules"),
        ("POST", "/backups"), ("GET", f"/backups/{bid(7)}"), ("GET", f"/backups/{bid(7)}"),
        ("POST", "/instances")]
    backup_body, instance_body = trove.bodies()
    assert backup_body["backup"]["name"] == "clone-db2"
    assert backup_body["backup"]["instance"] == IID
    assert instance_body == {"instance": {
        "name": "db2", "flavorRef": "3", "volume": {"size": 5},
        "restorePoint": {"backupRef": bid(7)},
        "datastore": {"type": "mysql", "version": VERSION_ID},
        "configuration": CONFIG_ID,
        "access": {"is_public": False, "allowed_cidrs": ["10.0.0.0/8"]},
        "modules": [{"id": MODULE["id"]}]}}
    assert err.strip().splitlines() == [
        "backup clone-db2: BUILDING (0s)", "backup clone-db2: COMPLETED (1s)",
        f"Cloning {IID} from backup 'clone-db2' ({bid(7)}, taken 2026-12-01T00:00:00)."]


def test_clone_overrides_and_a_given_backup(trove):
    clone_source(trove)
    trove.on("GET", f"/backups/{bid(4)}", {"backup": backup(4, "2026-12-01T00:00:00")})
    trove.on("POST", "/instances", created_body())
    code, out, err = trove.run("database", "instance", "clone", IID, "db2", "--backup", bid(4),
                               "--size", "8", "--volume-type", "ssd")
    assert code == 0, err
    assert ("POST", "/backups") not in trove.requests
    body = trove.bodies()[-1]["instance"]
    assert body["volume"] == {"size": 8, "type": "ssd"}
    assert body["restorePoint"] == {"backupRef": bid(4)}


def test_clone_refuses_a_backup_that_is_not_completed(trove):
    clone_source(trove)
    trove.on("GET", f"/backups/{bid(4)}", {"backup": backup(4, "2026-12-01T00:00:00",
                                                            "BUILDING")})
    line = one_line_error(*trove.run("database", "instance", "clone", IID, "db2",
                                     "--backup", bid(4)))
    assert line == f"Backup {bid(4)} is BUILDING: only a COMPLETED backup can be restored."
    assert ("POST", "/instances") not in trove.requests


def test_clone_whose_backup_fails_names_it_and_creates_nothing(trove, fake_time):
    clone_source(trove)
    trove.on("POST", "/backups", {"backup": backup(7, "2026-12-01T00:00:00", "NEW")})
    trove.on("GET", f"/backups/{bid(7)}", {"backup": backup(7, "2026-12-01T00:00:00",
                                                            "FAILED")})
    code, out, err = trove.run("database", "instance", "clone", IID, "db2",
                               "--backup-name", "FAIL")
    assert code == 1 and out == ""
    last = err.strip().splitlines()[-1]
    assert last.startswith("backup FAIL went to FAILED after")
    assert last.endswith(f"No instance was created; backup 'FAIL' ({bid(7)}) exists: "
                         f"'openstack database backup delete {bid(7)}' removes it.")
    assert ("POST", "/instances") not in trove.requests


def test_clone_whose_create_fails_names_the_backup_kept(trove):
    clone_source(trove)
    trove.on("GET", f"/backups/{bid(4)}", {"backup": backup(4, "2026-12-01T00:00:00")})
    trove.on("POST", "/instances", {"overLimit": {"message": "Quota exceeded"}}, status=413)
    code, out, err = trove.run("database", "instance", "clone", IID, "db2", "--backup", bid(4))
    assert (code, out) == (1, "")
    notice, line = err.strip().splitlines()
    assert notice.startswith(f"Cloning {IID} from backup 'b4'")
    assert line.startswith("Quota exceeded")
    assert line.endswith(f"(HTTP 413). No instance was created; backup 'b4' ({bid(4)}, taken "
                         "2026-12-01T00:00:00) is kept.")


def test_clone_whose_instance_fails_names_both(trove, fake_time):
    clone_source(trove)
    trove.on("GET", f"/backups/{bid(4)}", {"backup": backup(4, "2026-12-01T00:00:00")})
    trove.on("POST", "/instances", created_body())
    trove.on("GET", f"/instances/{NEW}", {"instance": {"id": NEW, "status": "ERROR"}})
    code, out, err = trove.run("database", "instance", "clone", IID, "db2", "--backup", bid(4),
                               "--wait")
    assert code == 1
    assert err.strip().splitlines()[-1].endswith(
        f"Instance db2 ({NEW}) exists, made from backup 'b4' ({bid(4)}, taken "
        "2026-12-01T00:00:00).")


# --- configuration export / diff / copy ---------------------------------------------------

OTHER_ID = "3bb51628-5c42-4086-8682-137caffd2ba6"


def group(group_id=CONFIG_ID, name="tuned", values=None, **extra):
    return {"configuration": {
        "id": group_id, "name": name, "description": "for reports",
        "datastore_name": "mysql", "datastore_version_name": "5.7",
        "datastore_version_id": VERSION_ID,
        "values": {"max_connections": 200, "connect_timeout": 20} if values is None else values,
        **extra}}


def test_export_prints_a_json_document_by_default(trove):
    trove.on("GET", f"/configurations/{CONFIG_ID}", group())
    code, out, err = trove.run("database", "configuration", "export", CONFIG_ID)
    assert code == 0, err
    assert json.loads(out) == {"name": "tuned", "description": "for reports",
                               "datastore": "mysql", "version": "5.7",
                               "values": {"max_connections": 200, "connect_timeout": 20}}
    assert list(json.loads(out)) == ["name", "description", "datastore", "version", "values"]


def test_an_export_reads_back_as_create_fields():
    document = json.dumps(configuration_files.export(group()["configuration"]))
    assert configuration_files.read_export(document) == {
        "values": {"max_connections": 200, "connect_timeout": 20},
        "description": "for reports", "datastore": {"type": "mysql", "version": "5.7"}}
    assert configuration_files.read_export('{"values": {}}') == {"values": {}}


@pytest.mark.parametrize("text,words", [
    ("not json", "is not JSON"),
    ("[1]", "is not a configuration export"),
    ('{"values": [1]}', "is not a configuration export"),
    ('{"values": {}, "id": "x"}', "has keys a configuration export has not: id"),
])
def test_reading_back_refuses_what_is_not_an_export(text, words):
    with pytest.raises(TroveError, match=words):
        configuration_files.read_export(text, "g.json")


def test_diff_of_two_groups(trove):
    trove.on("GET", f"/configurations/{CONFIG_ID}", group())
    trove.on("GET", f"/configurations/{OTHER_ID}", group(
        OTHER_ID, "other", {"max_connections": 300, "connect_timeout": 20, "wait_timeout": 60}))
    rows = trove.run_json("database", "configuration", "diff", CONFIG_ID, OTHER_ID)
    assert rows == [
        {"Parameter": "max_connections", "tuned": 200, "other": 300},
        {"Parameter": "wait_timeout", "tuned": None, "other": 60},
    ]


def test_diff_with_an_instance_compares_its_group(trove):
    trove.on("GET", f"/configurations/{CONFIG_ID}", group())
    trove.on("GET", "/configurations", {"configurations": [group()["configuration"]]})
    trove.on("GET", "/instances", {"instances": [row(IID, "db1")]})
    trove.on("GET", f"/instances/{IID}", show_body(
        id=IID, name="db1", configuration={"id": OTHER_ID, "name": "other"}))
    trove.on("GET", f"/configurations/{OTHER_ID}", group(OTHER_ID, "other",
                                                         {"max_connections": 200}))
    rows = trove.run_json("database", "configuration", "diff", CONFIG_ID, "db1")
    assert rows == [{"Parameter": "connect_timeout", "tuned": 20,
                     "instance db1 (other)": None}]


def test_diff_with_an_instance_without_a_group(trove):
    trove.on("GET", f"/configurations/{CONFIG_ID}", group())
    trove.on("GET", "/configurations", {"configurations": [group()["configuration"]]})
    trove.on("GET", "/instances", {"instances": [row(IID, "db1")]})
    trove.on("GET", f"/instances/{IID}", show_body(id=IID, name="db1"))
    code, out, err = trove.run("database", "configuration", "diff", CONFIG_ID, "db1",
                               "-f", "json")
    assert code == 0, err
    assert "has no configuration group" in err
    assert len(json.loads(out)) == 2


def test_diff_with_neither_a_group_nor_an_instance(trove):
    trove.on("GET", f"/configurations/{CONFIG_ID}", group())
    trove.on("GET", "/configurations", {"configurations": []})
    trove.on("GET", "/instances", {"instances": []})
    line = one_line_error(*trove.run("database", "configuration", "diff", CONFIG_ID, "nope"))
    assert "No configuration group or instance with a name or ID of 'nope'" in line


PARAMS_80 = {"configuration-parameters": [
    {"name": "max_connections", "type": "integer", "min": 1, "max": 100,
     "restart_required": False},
    {"name": "wait_timeout", "type": "integer", "min": 1, "max": 31536000,
     "restart_required": False},
]}
V80 = "0e8099f6-4eb4-42d2-8264-1a97257fc9d6"


def test_copy_keeps_what_the_new_version_allows_and_names_the_rest(trove):
    trove.on("GET", f"/configurations/{CONFIG_ID}", group(
        values={"max_connections": 200, "connect_timeout": 20, "wait_timeout": "60"}))
    trove.on("GET", "/datastores/mysql/versions/8.0", {"version": {"id": V80, "name": "8.0"}})
    trove.on("GET", f"/datastores/versions/{V80}/parameters", PARAMS_80)
    trove.on("POST", "/configurations", group("new-id", "tuned-80", {"wait_timeout": 60}))
    code, out, err = trove.run("database", "configuration", "copy", CONFIG_ID, "tuned-80",
                               "--datastore-version", "8.0", "-f", "json")
    assert code == 0, err
    assert trove.bodies() == [{"configuration": {
        "name": "tuned-80", "values": {"wait_timeout": 60},
        "datastore": {"type": "mysql", "version": V80}, "description": "for reports"}}]
    assert err.strip().splitlines() == [
        "Not copied to tuned-80, which mysql 8.0 does not allow: max_connections=200 (takes "
        "an integer from 1 to 100), connect_timeout (no such parameter)."]


# --- replica list -------------------------------------------------------------------------

SRC, R1, R2 = (f"{n}0000000-0000-4000-8000-000000000000" for n in (1, 2, 3))


def test_replica_list_reads_one_instance_list(trove):
    trove.on("GET", "/instances", {"instances": [
        row(R1, "r1", status="BUILD", replica_of={"id": SRC}),
        row(SRC, "src", replicas=[{"id": R1}, {"id": R2}]),
        row(R2, "r2", replica_of={"id": SRC}),
        row("lone", "alone"),
    ]})
    rows = trove.run_json("database", "replica", "list")
    assert trove.requests == [("GET", "/instances")]
    assert [(r["Source Name"], r["Replica Name"], r["Replica Status"]) for r in rows] == [
        ("src", "r1", "BUILD"), ("src", "r2", "ACTIVE")]


def test_replica_list_reads_a_source_the_list_lacks(trove):
    trove.on("GET", "/instances", {"instances": [row(R1, "r1", replica_of={"id": SRC})]})
    trove.on("GET", f"/instances/{SRC}", {"instance": row(SRC, "src", status="PROMOTE")})
    rows = trove.run_json("database", "replica", "list", "r1")
    assert rows == []  # r1 is a replica, not a source
    rows = trove.run_json("database", "replica", "list")
    assert [(r["Source Status"], r["Replica ID"]) for r in rows] == [("PROMOTE", R1)]
    assert trove.requests[-2:] == [("GET", "/instances"), ("GET", f"/instances/{SRC}")]


def test_replica_list_of_one_source(trove):
    trove.on("GET", "/instances", {"instances": [
        row(SRC, "src", replicas=[{"id": R1}]), row(R1, "r1", replica_of={"id": SRC}),
        row(R2, "other-src", replicas=[])]})
    rows = trove.run_json("database", "replica", "list", "src")
    assert [(r["Source ID"], r["Replica ID"]) for r in rows] == [(SRC, R1)]
    assert trove.requests == [("GET", "/instances")]


# --- what the lead wires: instance list --outdated ------------------------------------------


def test_outdated_instances():
    datastores = sample("datastore-list-response.json")["datastores"]
    mysql = datastores[0]  # default 5.7; 8.0 listed too
    default = next(v["name"] for v in mysql["versions"] if v["id"] == mysql["default_version"])
    other = next(v["name"] for v in mysql["versions"] if v["id"] != mysql["default_version"])
    instances = [
        row("a", "current", datastore={"type": "mysql", "version": default}),
        row("b", "other", datastore={"type": "mysql", "version": other}),
        row("c", "retired", datastore={"type": "mysql", "version": "5.5"}),
        row("d", "gone-store", datastore={"type": "db2", "version": "11"}),
    ]
    assert upgrades.outdated(instances, datastores) == [
        # The default is older: no upgrade to it.
        {"id": "b", "name": "other", "datastore": "mysql", "version": other,
         "reason": "not the default", "upgrade_to": None},
        {"id": "c", "name": "retired", "datastore": "mysql", "version": "5.5",
         "reason": "inactive", "upgrade_to": default},
        {"id": "d", "name": "gone-store", "datastore": "db2", "version": "11",
         "reason": "inactive", "upgrade_to": None},
    ]


def test_outdated_reads_an_admins_inactive_flag():
    datastores = [{"name": "mysql", "default_version": "v2", "versions": [
        {"id": "v1", "name": "5.7", "active": False},
        {"id": "v2", "name": "8.0", "version": "8.0.36", "active": True},
        {"id": "v3", "name": "latest", "version": "8.4.1", "active": True}]}]
    instances = [row("a", "old", datastore={"type": "mysql", "version": "5.7"}),
                 row("b", "new", datastore={"type": "mysql", "version": "8.0"}),
                 row("c", "newer", datastore={"type": "mysql", "version": "latest"})]
    assert [(r["name"], r["reason"], r["upgrade_to"])
            for r in upgrades.outdated(instances, datastores)] == [
        ("old", "inactive", "8.0"), ("newer", "not the default", None)]


def test_times_are_compared_in_utc():
    assert backup_picks.when("2026-11-01T12:30:00+01:00").isoformat() == "2026-11-01T11:30:00"
    assert backup_picks.when("2026-11-01T11:30:00Z") == backup_picks.when("2026-11-01T11:30:00")
