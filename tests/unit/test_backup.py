"""database backup create/list/show/delete and backup strategy commands: requests sent."""

import pytest

from tests.unit.conftest import TROVE, sample
from tests.unit.helpers import IID

BID = "a9832168-7541-4536-b8d9-a8a9b79cf1b4"
PARENT = "b1111111-7541-4536-b8d9-a8a9b79cf1b4"
OTHER = "c2222222-7541-4536-b8d9-a8a9b79cf1b4"


def backup(backup_id=BID, name="snapshot", status="COMPLETED", **extra):
    row = dict(sample("backup-get-response.json")["backup"])
    row.update(id=backup_id, name=name, status=status, **extra)
    return row


def instances_body(*rows):
    return {"instances": [{"id": i, "name": n, "status": "ACTIVE"} for i, n in rows]}


def page(rows, next_offset=None, path="backups"):
    body = {"backups": rows}
    if next_offset is not None:
        body["links"] = [
            {"rel": "next", "href": f"https://elsewhere/v1.0/p/{path}?limit=2&offset={next_offset}"}
        ]
    return body


# --- create ------------------------------------------------------------------


def test_create_with_ids_sends_one_request(trove):
    trove.on("POST", "/backups", {"backup": backup(status="NEW")})
    shown = trove.run_json("database", "backup", "create", IID, "nightly")
    assert trove.requests == [("POST", "/backups")]
    assert trove.bodies() == [{"backup": {"name": "nightly", "instance": IID}}]
    assert shown["id"] == BID and shown["status"] == "NEW"


def test_create_with_every_option_by_name(trove):
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("GET", "/backups", page([backup(PARENT, "full")]))
    trove.on("POST", "/backups", {"backup": backup(status="NEW")})
    code, out, err = trove.run(
        "database", "backup", "create", "db1", "incr",
        "--description", "after load", "--incremental", "--parent", "full",
        "--swift-container", "my-backups",
    )
    assert code == 0, err
    assert trove.requests == [("GET", "/instances"), ("GET", "/backups"), ("POST", "/backups")]
    assert trove.bodies() == [{"backup": {
        "name": "incr", "instance": IID, "description": "after load", "incremental": 1,
        "parent_id": PARENT, "swift_container": "my-backups",
    }}]


@pytest.mark.parametrize("argv", [
    ["nightly", "--instance", "db1"],
    ["nightly", "-i", "db1"],
    ["--instance", "db1", "nightly"],
    ["db1", "nightly"],  # the older order: <instance> <name>
])
def test_create_takes_the_documented_and_the_older_forms(trove, argv):
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("POST", "/backups", {"backup": backup(status="NEW")})
    code, out, err = trove.run("database", "backup", "create", *argv,
                               "--storage-driver", "cinder")
    assert code == 0, err
    assert trove.bodies() == [
        {"backup": {"name": "nightly", "instance": IID, "storage_driver": "cinder"}}
    ]


def test_create_restores_from_another_region_by_version_name(trove):
    trove.on("GET", "/datastores", sample("datastore-list-response.json"))
    version_id = sample("datastore-list-response.json")["datastores"][0]["versions"][0]["id"]
    version_name = sample("datastore-list-response.json")["datastores"][0]["versions"][0]["name"]
    trove.on("GET", f"/datastores/versions/{version_id}",
             {"version": {"id": version_id, "name": version_name}})
    trove.on("POST", "/backups", {"backup": backup(status="RESTORED")})
    url = "https://swift.other/v1/AUTH_p/backups/b1.xbstream.gz.enc"
    code, out, err = trove.run("database", "backup", "create", "moved", "--restore-from", url,
                               "--restore-datastore-version", version_name,
                               "--restore-size", "0.5")
    assert code == 0, err
    assert trove.bodies() == [{"backup": {"name": "moved", "restore_from": {
        "remote_location": url, "local_datastore_version_id": version_id, "size": 0.5}}}]


@pytest.mark.parametrize("argv, message", [
    (["b"], "Name the instance to back up: 'database backup create <name> --instance "
            "<instance>' (or --restore-from to register a backup stored elsewhere)."),
    (["db1", "b", "--instance", "db1"],
     "Give the instance once: 'database backup create <name> --instance <instance>'."),
    (["b", "--restore-from", "u"],
     "--restore-from needs --restore-datastore-version and --restore-size."),
    (["b", "--restore-from", "u", "--instance", "db1", "--incremental"],
     "--restore-from cannot go with --incremental, --instance."),
    (["b", "--instance", "db1", "--restore-size", "1"],
     "--restore-datastore-version and --restore-size go with --restore-from."),
])
def test_create_refuses_what_cannot_go_together_before_any_request(trove, argv, message):
    code, out, err = trove.run("database", "backup", "create", *argv)
    assert (code, out, err) == (1, "", message + "\n")
    assert trove.requests == []


def test_create_unknown_instance_is_one_line(trove):
    trove.on("GET", "/instances", instances_body())
    code, out, err = trove.run("database", "backup", "create", "nope", "b")
    assert code == 1 and out == ""
    assert err.strip() == "No instance with a name or ID of 'nope' exists."
    assert ("POST", "/backups") not in trove.requests


def test_create_wait_until_completed(trove, fake_time):
    trove.on("POST", "/backups", {"backup": backup(status="NEW")})
    trove.mocker.get(
        f"{TROVE}/backups/{BID}",
        [{"json": {"backup": backup(status=s)}} for s in ("NEW", "BUILDING", "COMPLETED")],
    )
    code, out, err = trove.run(
        "database", "backup", "create", IID, "nightly", "--wait", "-f", "json"
    )
    assert code == 0, err
    assert '"status": "COMPLETED"' in out
    assert trove.requests == [("POST", "/backups")] + [("GET", f"/backups/{BID}")] * 3
    assert err.splitlines() == [
        "backup nightly: NEW (0s)",
        "backup nightly: BUILDING (1s)",
        "backup nightly: COMPLETED (2s)",
    ]


def test_create_wait_failed_is_an_error(trove, fake_time):
    trove.on("POST", "/backups", {"backup": backup(status="NEW", name="FAIL")})
    trove.on("GET", f"/backups/{BID}", {"backup": backup(status="FAILED", name="FAIL")})
    code, out, err = trove.run("database", "backup", "create", IID, "FAIL", "--wait")
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == "backup FAIL went to FAILED after 0s."


# --- list --------------------------------------------------------------------


def test_list_follows_every_page(trove):
    trove.on("GET", "/backups", page([backup(BID, "a"), backup(PARENT, "b")], next_offset=2))
    trove.on("GET", "/backups?offset=2", page([backup(OTHER, "c")]))
    rows = trove.run_json("database", "backup", "list")
    assert [r["Name"] for r in rows] == ["a", "b", "c"]
    assert list(rows[0]) == [
        "ID", "Instance ID", "Name", "Status", "Parent ID", "Updated", "Project ID"
    ]
    assert trove.requests == [("GET", "/backups"), ("GET", "/backups?limit=2&offset=2")]


def test_list_filters_by_instance_name_datastore_and_all_projects(trove):
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("GET", "/backups", page([]))
    trove.run_json(
        "database", "backup", "list", "--instance", "db1", "--datastore", "mysql",
        "--all-projects",
    )
    assert trove.requests == [
        ("GET", "/instances"),
        ("GET", f"/backups?instance_id={IID}&datastore=mysql&all_projects=True"),
    ]


def test_list_by_instance_id_needs_no_lookup(trove):
    trove.on("GET", "/backups", page([backup()]))
    trove.run_json("database", "backup", "list", "--instance", IID)
    assert trove.requests == [("GET", f"/backups?instance_id={IID}")]


def test_list_limit_and_marker(trove):
    trove.on("GET", "/backups", page([backup(BID, "a"), backup(PARENT, "b")], next_offset=2))
    rows = trove.run_json("database", "backup", "list", "--limit", "1", "--marker", OTHER)
    assert len(rows) == 1
    assert trove.requests == [("GET", f"/backups?marker={OTHER}&limit=1")]


def test_list_rejects_a_zero_limit(trove):
    with pytest.raises(SystemExit) as exit_:  # argparse's usage error
        trove.run("database", "backup", "list", "--limit", "0")
    assert exit_.value.code == 2
    assert trove.requests == []


def test_list_instance_by_id_follows_pages(trove):
    path = f"/instances/{IID}/backups"
    trove.on("GET", path, page([backup(BID, "a")], next_offset=1,
                               path=f"instances/{IID}/backups"))
    trove.on("GET", path + "?offset=1", page([backup(PARENT, "b")]))
    rows = trove.run_json("database", "backup", "list", "instance", IID)
    assert [r["Name"] for r in rows] == ["a", "b"]
    assert trove.requests == [("GET", path), ("GET", path + "?limit=2&offset=1")]


def test_list_instance_by_name(trove):
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("GET", f"/instances/{IID}/backups", page([backup()]))
    rows = trove.run_json("database", "backup", "list", "instance", "db1")
    assert [r["ID"] for r in rows] == [BID]
    assert trove.requests == [("GET", "/instances"), ("GET", f"/instances/{IID}/backups")]


# --- show --------------------------------------------------------------------


def test_show_by_id_is_one_get(trove):
    trove.on("GET", f"/backups/{BID}", {"backup": backup()})
    shown = trove.run_json("database", "backup", "show", BID)
    assert trove.requests == [("GET", f"/backups/{BID}")]
    assert shown["id"] == BID and shown["name"] == "snapshot"
    store = backup()["datastore"]
    assert (shown["datastore"], shown["datastore_version"], shown["datastore_version_id"]) == (
        store["type"], store["version"], store["version_id"])
    assert "links" not in shown


def test_show_by_name_is_one_list_per_page(trove):
    trove.on("GET", "/backups", page([backup(PARENT, "other")], next_offset=1))
    trove.on("GET", "/backups?offset=1", page([backup(BID, "snapshot")]))
    shown = trove.run_json("database", "backup", "show", "snapshot")
    assert shown["id"] == BID
    assert trove.requests == [("GET", "/backups"), ("GET", "/backups?limit=2&offset=1")]


def test_show_unknown_is_one_line(trove):
    trove.on("GET", "/backups", page([]))
    code, out, err = trove.run("database", "backup", "show", "nope")
    assert code == 1 and out == ""
    assert err.strip() == "No backup with a name or ID of 'nope' exists."


def test_show_ambiguous_name(trove):
    trove.on("GET", "/backups", page([backup(BID, "x"), backup(PARENT, "x")]))
    code, out, err = trove.run("database", "backup", "show", "x")
    assert code == 1 and "More than one backup is named 'x'" in err


# --- delete ------------------------------------------------------------------


def test_delete_by_id_is_one_request_and_by_name_two(trove):
    trove.on("GET", "/backups", page([backup(PARENT, "old")]))
    trove.on("DELETE", f"/backups/{BID}", status=202)
    trove.on("DELETE", f"/backups/{PARENT}", status=202)
    code, out, err = trove.run("database", "backup", "delete", BID, "old")
    assert code == 0, err
    assert trove.requests == [
        ("DELETE", f"/backups/{BID}"), ("GET", "/backups"), ("DELETE", f"/backups/{PARENT}"),
    ]


def test_delete_many_with_a_missing_one_deletes_the_others_and_fails(trove):
    trove.on("GET", "/backups", page([backup(PARENT, "old")]))
    trove.on("DELETE", f"/backups/{PARENT}", status=202)
    trove.on("DELETE", f"/backups/{OTHER}", status=202)
    trove.on("DELETE", f"/backups/{BID}", {"itemNotFound": {"code": 404, "message": "gone"}},
             status=404)
    trove.on("GET", f"/backups/{BID}", {"itemNotFound": {"code": 404, "message": "gone"}},
             status=404)
    code, out, err = trove.run("database", "backup", "delete", "nope", BID, "old", OTHER)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Failed to delete backup 'nope': No backup with a name or ID of 'nope' exists.",
        f"Failed to delete backup '{BID}': No backup with a name or ID of '{BID}' exists.",
        "2 of 4 backups failed to delete.",
    ]
    assert ("DELETE", f"/backups/{PARENT}") in trove.requests
    assert ("DELETE", f"/backups/{OTHER}") in trove.requests


def test_delete_wait_until_gone(trove, fake_time):
    trove.on("DELETE", f"/backups/{BID}", status=202)
    trove.mocker.get(
        f"{TROVE}/backups/{BID}",
        [{"json": {"backup": backup(status="DELETE_PENDING")}},
         {"json": {"itemNotFound": {"code": 404, "message": "x"}}, "status_code": 404}],
    )
    code, out, err = trove.run("database", "backup", "delete", BID, "--wait")
    assert code == 0, err
    assert trove.requests == [("DELETE", f"/backups/{BID}")] + [("GET", f"/backups/{BID}")] * 2
    assert err.splitlines()[-1] == f"backup {BID}: DELETED (1s)"


def test_delete_wait_failed(trove, fake_time):
    trove.on("DELETE", f"/backups/{BID}", status=202)
    trove.on("GET", f"/backups/{BID}", {"backup": backup(status="DELETE_FAILED")})
    code, out, err = trove.run("database", "backup", "delete", BID, "--wait")
    assert code == 1
    assert err.splitlines()[-1] == "1 of 1 backup failed to delete."


# --- strategies --------------------------------------------------------------


def test_strategy_create_for_an_instance_by_name(trove):
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("POST", "/backup_strategies", sample("backup-strategy-create-response.json"))
    shown = trove.run_json(
        "database", "backup", "strategy", "create", "--instance", "db1",
        "--swift-container", "my_trove_backups",
    )
    assert trove.bodies() == [
        {"backup_strategy": {"swift_container": "my_trove_backups", "instance_id": IID}}
    ]
    assert trove.requests == [("GET", "/instances"), ("POST", "/backup_strategies")]
    assert shown["backend"] == "swift"


def test_strategy_create_for_the_project(trove):
    trove.on("POST", "/backup_strategies", sample("backup-strategy-create-response.json"))
    trove.run_json("database", "backup", "strategy", "create", "--swift-container", "c")
    assert trove.bodies() == [{"backup_strategy": {"swift_container": "c"}}]


def test_strategy_list_and_delete(trove):
    trove.on("GET", "/backup_strategies", sample("backup-strategy-list-response.json"))
    trove.on("DELETE", "/backup_strategies", status=202)
    rows = trove.run_json("database", "backup", "strategy", "list", "--instance", IID)
    assert rows[0]["Swift Container"] == "my_trove_backups"
    code, out, err = trove.run("database", "backup", "strategy", "delete", "--instance", IID)
    assert code == 0, err
    assert trove.requests == [
        ("GET", f"/backup_strategies?instance_id={IID}"),
        ("DELETE", f"/backup_strategies?instance_id={IID}"),
    ]


def test_list_with_an_instance_argument_lists_the_instance_backups(trove):
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("GET", f"/instances/{IID}/backups", page([backup()]))
    rows = trove.run_json("database", "backup", "list", "db1")
    assert [r["ID"] for r in rows] == [BID]
    assert trove.requests == [("GET", "/instances"), ("GET", f"/instances/{IID}/backups")]


def test_list_instance_argument_refuses_filters(trove):
    code, out, err = trove.run("database", "backup", "list", IID, "--datastore", "mysql")
    assert code == 1 and "cannot go with --instance" in err
    assert trove.requests == []
