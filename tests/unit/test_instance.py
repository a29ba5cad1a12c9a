"""Instance create/list/show/delete: request bodies, request counts, output, errors."""

import json
import logging

import pytest

from tests.unit.conftest import PRIVATE_NET_ID, TROVE, sample
from tests.unit.helpers import (
    BACKUP_ID,
    CONFIG_ID,
    FLAVORS,
    IID,
    MODULE_ID,
    NEW_ID,
    SUBNET_ID,
    list_body,
    one_line_error,
    row,
    show_body,
)

# --- create -----------------------------------------------------------------


def test_create_with_every_option_by_name(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", "/backups", {"backups": [{"id": BACKUP_ID, "name": "nightly"}]})
    trove.on(
        "GET", "/configurations", {"configurations": [{"id": CONFIG_ID, "name": "tuned"}]}
    )
    trove.on("GET", "/modules", {"modules": [{"id": MODULE_ID, "name": "ping"}]})
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    shown = trove.run_json(
        "database", "instance", "create", "db1",
        "--flavor", "m1.large", "--size", "2", "--volume-type", "ssd",
        "--databases", "app", "logs", "--users", "alice:pw:with:colons", "bob:x",
        "--backup", "nightly", "--availability-zone", "az1",
        "--datastore", "mysql", "--datastore-version", "5.7",
        "--datastore-version-number", "5.7.29",
        "--nic", f"net-id={PRIVATE_NET_ID},subnet-id={SUBNET_ID},ip-address=10.0.0.5",
        "--configuration", "tuned", "--replica-count", "1",
        "--module", "ping", "--module", MODULE_ID,
        "--locality", "anti-affinity", "--region", "RegionTwo",
        "--is-public", "--allowed-cidr", "10.0.0.0/24", "--allowed-cidr", "10.1.0.0/24",
    )
    access = [{"name": "app"}, {"name": "logs"}]
    assert trove.bodies() == [
        {
            "instance": {
                "name": "db1",
                "flavorRef": "d3",
                "volume": {"size": 2, "type": "ssd"},
                "datastore": {"type": "mysql", "version": "5.7", "version_number": "5.7.29"},
                "databases": access,
                "users": [
                    {"name": "alice", "password": "pw:with:colons", "databases": access},
                    {"name": "bob", "password": "x", "databases": access},
                ],
                "restorePoint": {"backupRef": BACKUP_ID},
                "configuration": CONFIG_ID,
                "replica_count": 1,
                "modules": [{"id": MODULE_ID}, {"id": MODULE_ID}],
                "nics": [{"network_id": PRIVATE_NET_ID, "subnet_id": SUBNET_ID,
                          "ip_address": "10.0.0.5"}],
                "availability_zone": "az1",
                "locality": "anti-affinity",
                "region_name": "RegionTwo",
                "access": {"is_public": True, "allowed_cidrs": ["10.0.0.0/24", "10.1.0.0/24"]},
            }
        }
    ]
    # One list per name given; the module given by ID is not looked up.
    assert trove.requests == [
        ("GET", "/flavors"),
        ("GET", "/backups"),
        ("GET", "/configurations"),
        ("GET", "/modules"),
        ("POST", "/instances"),
    ]
    assert shown["id"] == NEW_ID and shown["status"] == "BUILD"


def test_create_minimal_with_ids_sends_only_the_flavor_lookup(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, out, err = trove.run(
        "database", "instance", "create", "db1", "--flavor", "2", "--size", "1",
        "--backup", BACKUP_ID, "--configuration", CONFIG_ID, "--nic", f"net-id={PRIVATE_NET_ID}",
        "--datastore", "mysql",
    )
    assert code == 0, err
    assert trove.bodies()[0]["instance"] == {
        "name": "db1",
        "flavorRef": "2",
        "volume": {"size": 1},
        "datastore": {"type": "mysql"},
        "restorePoint": {"backupRef": BACKUP_ID},
        "configuration": CONFIG_ID,
        "nics": [{"network_id": PRIVATE_NET_ID}],
    }
    assert trove.requests == [("GET", "/flavors"), ("POST", "/instances")]
    assert "| status " in out and "BUILD" in out


def backup_of(version, version_id, **changes):
    backup = sample("backup-get-response.json")
    backup["backup"].update(id=BACKUP_ID, **changes)
    backup["backup"]["datastore"].update(version=version, version_id=version_id)
    return backup


def test_a_restore_without_a_datastore_takes_the_backups_version(trove):
    v80 = "5c1f3a2e-8d4b-4c6a-9e7f-0a1b2c3d4e5f"
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", f"/backups/{BACKUP_ID}", backup_of("8.0", v80))
    trove.on("GET", "/backups", {"backups": [backup_of("8.0", v80, name="b80")["backup"]]})
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    for ref in (BACKUP_ID, "b80"):
        code, _, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                                 "--size", "1", "--backup", ref)
        assert code == 0, err
        assert err == ("Restoring into mysql 8.0, the datastore version of the backup "
                       "(give --datastore and --datastore-version for another).\n")
    for body in trove.bodies():
        assert body["instance"]["datastore"] == {"type": "mysql", "version": v80}
        assert body["instance"]["restorePoint"] == {"backupRef": BACKUP_ID}
    assert trove.requests == [
        ("GET", "/flavors"), ("GET", f"/backups/{BACKUP_ID}"), ("POST", "/instances"),
        ("GET", "/flavors"), ("GET", "/backups"), ("POST", "/instances")]
    # A datastore option given is kept as given, and the backup is not read.
    for given, sent in ((("--datastore-version", "5.7"), {"version": "5.7"}),
                        (("--datastore", "mariadb"), {"type": "mariadb"})):
        code, _, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                                 "--size", "1", "--backup", BACKUP_ID, *given)
        assert (code, err) == (0, "")
        assert trove.bodies()[-1]["instance"]["datastore"] == sent
        assert trove.requests[-2:] == [("GET", "/flavors"), ("POST", "/instances")]


def test_create_without_size_where_trove_needs_one_names_size(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", status=400, json={"badRequest": {
        "code": 400, "message": "Volume size was not specified."}})
    result = trove.run("database", "instance", "create", "db1", "--flavor", "2")
    assert one_line_error(*result) == (
        "Give the volume size with --size <GB>: this cloud keeps the datastore's data on a "
        "volume (Trove: Volume size was not specified, HTTP 400).")
    # Only Trove knows whether a volume is needed: the create is sent without --size.
    assert trove.requests == [("GET", "/flavors"), ("POST", "/instances")]
    trove.on("POST", "/instances", status=400, json={"badRequest": {
        "code": 400, "message": "Volume 'size' cannot exceed maximum of 10 GB."}})
    result = trove.run("database", "instance", "create", "db1", "--flavor", "2", "--size", "99")
    assert one_line_error(*result) == "Volume 'size' cannot exceed maximum of 10 GB. (HTTP 400)"


def test_create_finds_a_network_by_name_through_the_network_service(network_service):
    trove = network_service
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, _, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                             "--size", "1", "--nic", f"net-id=private,subnet-id={SUBNET_ID}")
    assert code == 0, err
    assert trove.bodies()[0]["instance"]["nics"] == [
        {"network_id": PRIVATE_NET_ID, "subnet_id": SUBNET_ID}]


def test_nic_takes_troves_own_key_spellings_as_cluster_members_do(network_service):
    trove = network_service
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, _, err = trove.run("database", "instance", "create", "db1", "--flavor", "2", "--size",
                             "1", "--nic",
                             f"network_id=private,subnet_id={SUBNET_ID},ip_address=10.0.0.5")
    assert code == 0, err
    assert trove.bodies()[0]["instance"]["nics"] == [
        {"network_id": PRIVATE_NET_ID, "subnet_id": SUBNET_ID, "ip_address": "10.0.0.5"}]


def test_create_with_an_unknown_network_name_sends_no_create(network_service):
    trove = network_service
    trove.on("GET", "/flavors", FLAVORS)
    result = trove.run("database", "instance", "create", "db1", "--flavor", "2", "--size", "1",
                       "--nic", "net-id=nowhere")
    assert one_line_error(*result) == "No network with a name or ID of 'nowhere' exists."
    assert ("POST", "/instances") not in trove.requests


def test_a_network_name_on_a_cloud_without_a_network_service_is_one_line(trove):
    trove.on("GET", "/flavors", FLAVORS)
    result = trove.run("database", "instance", "create", "db1", "--flavor", "2", "--size", "1",
                       "--nic", "net-id=private")
    assert one_line_error(*result) == (
        "The service catalog has no Network (neutron) service to find network 'private' in; "
        "give its ID instead.")
    assert trove.requests == [("GET", "/flavors")]


def test_create_a_replica_needs_no_flavor(trove):
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, _, err = trove.run("database", "instance", "create", "r1", "--replica-of", IID)
    assert code == 0, err
    assert trove.bodies() == [{"instance": {"name": "r1", "replica_of": IID}}]
    assert trove.requests == [("POST", "/instances")]


def test_create_is_private_with_cidrs(trove):
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    trove.run("database", "instance", "create", "r1", "--replica-of", IID,
              "--allowed-cidr", "10.0.0.0/8")
    assert trove.bodies()[0]["instance"]["access"] == {
        "is_public": False, "allowed_cidrs": ["10.0.0.0/8"],
    }


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--users", ":pw"], "--users takes <user>:<password> pairs or <user> names (with "
         "--password-prompt or --password-stdin); ':pw' is not one."),
        (["--users", "bob:"], "--users takes <user>:<password> pairs or <user> names (with "
         "--password-prompt or --password-stdin); 'bob:' is not one."),
        (["--users", "bob:x", "alice"], "--users alice has no password: give "
         "alice:<password>, or add --password-prompt or --password-stdin."),
        (["--users", "bob:x", "--password-stdin"], "--password-stdin reads the passwords of "
         "--users given as bare names; every user given has one."),
        (["--users", "bob", "--password-stdin", "--password-prompt"],
         "Give --password-prompt or --password-stdin, not both."),
        (["--users", "bob", "--password-prompt"], "--password-prompt needs a terminal; use "
         "--password-stdin to read the password of user bob from standard input."),
        (["--users", "bob", "al", "--password-stdin"],
         "Standard input is empty: no password of user bob to read."),
        (["--nic", "net=abc"], "--nic takes net-id=<network>,subnet-id=<subnet>,ip-address=<ip> "
         "(at least net-id or subnet-id); 'net=abc' is not that."),
        (["--nic", "net-id"], "--nic takes net-id=<network>,subnet-id=<subnet>,ip-address=<ip> "
         "(at least net-id or subnet-id); 'net-id' is not that."),
        (["--nic", "ip-address=10.0.0.1"], "--nic 'ip-address=10.0.0.1' needs net-id or "
         "subnet-id."),
        (["--replica-count", "2"], "--replica-count 2 needs --replica-of: Trove creates "
         "several instances at once only as replicas of one source."),
        (["--volume-type", "ssd"], "--volume-type needs --size."),
    ],
)
def test_create_rejects_bad_input_before_any_request(trove, argv, message):
    result = trove.run("database", "instance", "create", "db1", "--flavor", "2", *argv)
    assert one_line_error(*result) == message
    assert trove.requests == []


@pytest.mark.parametrize("option", ["--size", "--replica-count"])
def test_create_refuses_a_count_below_one_as_a_usage_error(trove, option):
    with pytest.raises(SystemExit) as exit_:
        trove.run("database", "instance", "create", "db1", "--flavor", "2", option, "0")
    assert exit_.value.code == 2
    assert trove.requests == []


def test_create_without_flavor(trove):
    result = trove.run("database", "instance", "create", "db1", "--size", "1")
    assert one_line_error(*result) == "--flavor is required (except with --replica-of)."
    assert trove.requests == []


def test_create_with_an_unknown_flavor(trove):
    trove.on("GET", "/flavors", FLAVORS)
    result = trove.run("database", "instance", "create", "db1", "--flavor", "m9.huge")
    assert one_line_error(*result) == "No flavor with a name or ID of 'm9.huge' exists."
    assert trove.requests == [("GET", "/flavors")]


def test_create_wait_prints_json_on_stdout_and_progress_on_stderr(trove, fake_time):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    building = show_body(id=NEW_ID, status="BUILD")
    trove.mocker.get(
        f"http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/instances/{NEW_ID}",
        [{"json": building}, {"json": building}, {"json": show_body(id=NEW_ID)}],
    )
    code, out, err = trove.run(
        "database", "instance", "create", "db1", "--flavor", "m1.small", "--size", "1",
        "--wait", "-f", "json",
    )
    assert code == 0, err
    shown = json.loads(out)
    assert shown["status"] == "ACTIVE" and shown["id"] == NEW_ID
    assert err.splitlines() == ["instance db1: BUILD (0s)", "instance db1: ACTIVE (2s)"]
    assert trove.requests == [("GET", "/flavors"), ("POST", "/instances")] + [
        ("GET", f"/instances/{NEW_ID}")
    ] * 3


def test_create_wait_keeps_the_root_password_of_the_create_answer(trove, fake_time):
    created = sample("instance-create-response.json")
    created["instance"]["password"] = "generated-root-pw"
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", created)
    trove.on("GET", f"/instances/{NEW_ID}", show_body(id=NEW_ID))
    shown = trove.run_json("database", "instance", "create", "db1", "--flavor", "2", "--wait")
    assert shown["password"] == "generated-root-pw" and shown["status"] == "ACTIVE"


def test_create_wait_ending_in_error_shows_the_fault(trove, fake_time):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    failed = show_body(id=NEW_ID, status="ERROR", fault={"message": "No valid host was found."})
    trove.on("GET", f"/instances/{NEW_ID}", failed)
    code, out, err = trove.run(
        "database", "instance", "create", "db1", "--flavor", "2", "--wait", "-f", "json"
    )
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "instance db1: ERROR (0s)",
        "instance db1 went to ERROR after 0s: No valid host was found.",
    ]


def test_create_wait_timeout(trove, fake_time):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    trove.on("GET", f"/instances/{NEW_ID}", show_body(id=NEW_ID, status="BUILD"))
    code, out, err = trove.run(
        "database", "instance", "create", "db1", "--flavor", "2", "--wait", "--wait-timeout", "5"
    )
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == (
        "Timed out after 5s waiting for instance db1 (status BUILD)."
    )
    assert sum(fake_time.sleeps) == 5


# --- list -------------------------------------------------------------------


def test_list_follows_every_page_of_the_summary_view(trove):
    pages = [
        list_body(*(row(f"id-{i}", f"db{i}") for i in range(0, 20)), next_marker="id-19"),
        list_body(*(row(f"id-{i}", f"db{i}") for i in range(20, 40)), next_marker="id-39"),
        list_body(*(row(f"id-{i}", f"db{i}") for i in range(40, 45))),
    ]
    trove.mocker.get(
        "http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/instances",
        [{"json": page} for page in pages],
    )
    rows = trove.run_json("database", "instance", "list")
    assert [r["Name"] for r in rows] == [f"db{i}" for i in range(45)]
    assert trove.requests == [
        ("GET", "/instances"),
        ("GET", "/instances?limit=20&marker=id-19"),
        ("GET", "/instances?limit=20&marker=id-39"),
    ]


def test_list_limit_marker_and_clustered(trove):
    trove.on("GET", "/instances", list_body(row(IID, "a"), row(NEW_ID, "b")))
    rows = trove.run_json(
        "database", "instance", "list", "--limit", "1", "--marker", "m1", "--include-clustered"
    )
    assert [r["Name"] for r in rows] == ["a"]
    assert trove.requests == [
        ("GET", "/instances?marker=m1&include_clustered=true&limit=1")
    ]


def test_list_long_asks_the_detail_view_for_the_fault(trove):
    trove.on("GET", "/instances/detail", list_body(row(IID, "a")))
    rows = trove.run_json("database", "instance", "list", "--long")
    assert [r["Name"] for r in rows] == ["a"] and "Fault" in rows[0]
    assert trove.requests == [("GET", "/instances/detail")]


def test_list_rows_are_readable_in_tables_and_data_in_json(trove):
    body = sample("instance-list-detail-response.json")
    recorded = {item["id"]: item for item in body["instances"]}
    test, broken = recorded[IID], recorded[NEW_ID]  # `test` is ACTIVE, the other failed
    test["addresses"].append({"address": "172.24.5.114", "type": "public"})
    test["replicas"] = [{"id": NEW_ID, "links": []}]
    broken["replica_of"] = {"id": IID, "links": []}
    trove.on("GET", "/instances/detail", body)
    rows = {row["ID"]: row for row in trove.run_json("database", "instance", "list", "--long")}
    assert rows[IID] == {
        "ID": IID,
        "Name": "test",
        "Datastore": "mysql",
        "Datastore Version": "5.7",
        "Status": "ACTIVE",
        "Operating Status": "HEALTHY",
        "Public": True,
        "Addresses": test["addresses"],
        "Flavor ID": "1",
        "Size": 1,
        "Role": "primary",
        "Fault": None,
    }
    assert rows[NEW_ID]["Role"] == "replica" and rows[NEW_ID]["Status"] == "ERROR"
    assert rows[NEW_ID]["Fault"] == broken["fault"]
    code, out, err = trove.run("database", "instance", "list", "--long")
    assert code == 0, err
    private = test["addresses"][0]["address"]
    assert f"{private} (private), 172.24.5.114 (public)" in out
    assert "| " + broken["fault"]["message"].splitlines()[0] in out
    assert "Project ID" not in out


def test_list_all_projects_uses_the_admin_api_and_adds_the_project(trove):
    trove.on("GET", "/mgmt/instances", sample("instance-mgmt-list-response.json"))
    recorded = sample("instance-mgmt-list-response.json")["instances"]
    rows = trove.run_json("database", "instance", "list", "--all-projects")
    assert [row["Project ID"] for row in rows] == [item["tenant_id"] for item in recorded]
    assert len(rows) == 2 and all(len(row["Project ID"]) == 32 for row in rows)
    assert trove.requests == [("GET", "/mgmt/instances?deleted=false")]


def test_list_for_one_project(trove, monkeypatch):
    from openstackclient.identity import common

    class Project:
        id = "p-42"

    looked_up = []
    monkeypatch.setattr(
        common, "find_project", lambda client, name, domain: looked_up.append((name, domain))
        or Project()
    )
    trove.on("GET", "/mgmt/instances", {"instances": []})
    code, _, err = trove.run("database", "instance", "list", "--project", "demo")
    assert code == 0, err
    assert looked_up == [("demo", None)]
    assert trove.requests == [("GET", "/mgmt/instances?project_id=p-42&deleted=false")]


def test_list_help_names_the_admin_columns(trove):
    code, out, _ = trove.run("help", "database", "instance", "list")
    assert "Admins also get Server ID, Tenant ID and Project ID columns" in " ".join(out.split())


# --- show -------------------------------------------------------------------


def test_show_by_id_is_one_request_with_troveclients_fields(trove):
    body = show_body(
        volume={"size": 1, "used": 0.12, "used_percent": 13.33},
        fault={"message": "Disk full", "created": "2019", "details": None},
        access={"is_public": True, "allowed_cidrs": ["10.0.0.0/24"]},
        configuration={"id": CONFIG_ID, "name": "tuned", "links": []},
        replicas=[{"id": NEW_ID, "links": []}],
        ip=["10.1.0.62", "172.24.5.114"],
    )
    body["instance"]["datastore"]["version_number"] = "5.7.29"
    body["instance"]["addresses"].append({"address": "172.24.5.114", "type": "public"})
    private = body["instance"]["addresses"][0]["address"]
    flavor = body["instance"]["flavor"]["id"]
    trove.on("GET", f"/instances/{IID}", body)
    shown = trove.run_json("database", "instance", "show", IID)
    assert {k: shown[k] for k in (
        "id", "flavor", "volume", "volume_used", "datastore", "datastore_version",
        "datastore_version_number", "configuration", "replicas", "fault", "fault_date",
        "public", "allowed_cidrs", "ip",
    )} == {
        "id": IID, "flavor": flavor, "volume": 1, "volume_used": 0.12, "datastore": "mysql",
        "datastore_version": "5.7", "datastore_version_number": "5.7.29",
        "configuration": CONFIG_ID, "replicas": NEW_ID, "fault": "Disk full",
        "fault_date": "2019", "public": True, "allowed_cidrs": ["10.0.0.0/24"],
        "ip": "10.1.0.62, 172.24.5.114",
    }
    assert "fault_details" not in shown and "links" not in shown
    # Extras: what troveclient flattens away stays available.
    assert shown["access"] == {"is_public": True, "allowed_cidrs": ["10.0.0.0/24"]}
    assert shown["volume_used_percent"] == 13.33
    assert list(shown) == sorted(shown)
    for field, text in (("volume", "1"), ("flavor", flavor), ("datastore", "mysql")):
        code, out, err = trove.run("database", "instance", "show", IID, "-f", "value",
                                   "-c", field)
        assert (code, out) == (0, text + "\n"), err
    code, out, err = trove.run("database", "instance", "show", IID)
    assert f"{private} (private), 172.24.5.114 (public)" in " ".join(out.split())
    assert trove.requests == [("GET", f"/instances/{IID}")] * 5


def test_show_json_keeps_the_addresses_as_the_server_sent_them(trove):
    trove.on("GET", f"/instances/{IID}", show_body())
    recorded = show_body()["instance"]
    shown = trove.run_json("database", "instance", "show", IID)
    assert shown["addresses"] == recorded["addresses"]
    assert (shown["id"], shown["name"]) == (recorded["id"], recorded["name"])


def test_show_by_name_lists_then_gets(trove):
    trove.on("GET", "/instances", list_body(row(NEW_ID, "other"), row(IID, "test")))
    trove.on("GET", f"/instances/{IID}", show_body())
    assert trove.run_json("database", "instance", "show", "test")["id"] == IID
    assert trove.requests == [("GET", "/instances"), ("GET", f"/instances/{IID}")]


def test_show_unknown_and_ambiguous_names(trove):
    trove.on("GET", "/instances", list_body(row(IID, "twin"), row(NEW_ID, "twin")))
    result = trove.run("database", "instance", "show", "nope")
    assert one_line_error(*result) == "No instance with a name or ID of 'nope' exists."
    result = trove.run("database", "instance", "show", "twin")
    assert one_line_error(*result) == (
        f"More than one instance is named 'twin' ({IID}, {NEW_ID}); use an ID."
    )


def test_show_unknown_id(trove):
    missing = {"itemNotFound": {"code": 404, "message": f"Instance {IID} not found"}}
    trove.on("GET", f"/instances/{IID}", missing, status=404)
    trove.on("GET", "/instances", list_body())
    result = trove.run("database", "instance", "show", IID)
    assert one_line_error(*result) == f"No instance with a name or ID of '{IID}' exists."


# --- delete -----------------------------------------------------------------


def test_delete_by_id_is_one_request(trove):
    trove.on("DELETE", f"/instances/{IID}", status=202)
    code, out, err = trove.run("database", "instance", "delete", IID)
    assert (code, out, err) == (0, "", "")
    assert trove.requests == [("DELETE", f"/instances/{IID}")]


def test_delete_several_tries_every_one_and_reports_failures(trove):
    trove.on("GET", "/instances", list_body(row(IID, "a"), row(NEW_ID, "b")))
    trove.on("DELETE", f"/instances/{IID}", status=202)
    trove.on("DELETE", f"/instances/{NEW_ID}", status=202)
    code, out, err = trove.run("database", "instance", "delete", "a", "ghost", "b")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Failed to delete instance 'ghost': No instance with a name or ID of 'ghost' exists.",
        "1 of 3 instances failed to delete.",
    ]
    deletes = [r for r in trove.requests if r[0] == "DELETE"]
    assert deletes == [("DELETE", f"/instances/{IID}"), ("DELETE", f"/instances/{NEW_ID}")]


def test_delete_reports_server_errors_with_their_status(trove):
    conflict = {"unprocessableEntity": {"code": 422, "message": "Instance is busy."}}
    trove.on("DELETE", f"/instances/{IID}", conflict, status=422)
    code, out, err = trove.run("database", "instance", "delete", IID)
    assert code == 1
    assert err.splitlines() == [
        f"Failed to delete instance '{IID}': Instance is busy. (HTTP 422)",
        "1 of 1 instance failed to delete.",
    ]


def test_delete_unknown_id_is_checked_once_more(trove):
    missing = {"itemNotFound": {"code": 404, "message": "not found"}}
    trove.on("DELETE", f"/instances/{NEW_ID}", missing, status=404)
    trove.on("GET", f"/instances/{NEW_ID}", missing, status=404)
    trove.on("GET", "/instances", list_body())
    code, _, err = trove.run("database", "instance", "delete", NEW_ID)
    assert code == 1
    assert f"No instance with a name or ID of '{NEW_ID}' exists." in err
    assert trove.requests == [
        ("DELETE", f"/instances/{NEW_ID}"),
        ("GET", f"/instances/{NEW_ID}"),
        ("GET", "/instances"),
    ]


def test_delete_wait_until_gone(trove, fake_time):
    trove.on("DELETE", f"/instances/{IID}", status=202)
    trove.mocker.get(
        f"http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/instances/{IID}",
        [
            {"json": show_body(status="SHUTDOWN")},
            {"json": {"itemNotFound": {"code": 404, "message": "gone"}}, "status_code": 404},
        ],
    )
    code, out, err = trove.run("database", "instance", "delete", IID, "--wait")
    assert code == 0, err
    assert err.splitlines() == [f"instance {IID}: SHUTDOWN (0s)", f"instance {IID}: DELETED (1s)"]


def test_delete_wait_fails_when_the_instance_goes_to_error(trove, fake_time):
    trove.on("DELETE", f"/instances/{IID}", status=202)
    trove.mocker.get(
        f"http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/instances/{IID}",
        [
            {"json": show_body(status="SHUTDOWN")},
            {"json": show_body(status="ERROR", fault={"message": "Server delete failed"})},
        ],
    )
    code, out, err = trove.run("database", "instance", "delete", IID, "--wait")
    assert code == 1
    assert err.splitlines()[-2:] == [
        f"Failed to delete instance '{IID}': instance {IID} went to ERROR after 1s: "
        "Server delete failed",
        "1 of 1 instance failed to delete.",
    ]


def test_delete_wait_of_an_instance_already_in_error_waits_for_it_to_go(trove, fake_time):
    trove.on("DELETE", f"/instances/{IID}", status=202)
    trove.mocker.get(
        f"http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/instances/{IID}",
        [
            {"json": show_body(status="ERROR")},
            {"json": {"itemNotFound": {"code": 404, "message": "gone"}}, "status_code": 404},
        ],
    )
    code, out, err = trove.run("database", "instance", "delete", IID, "--wait")
    assert code == 0, err


GONE = {"json": {"itemNotFound": {"code": 404, "message": "gone"}}, "status_code": 404}
REFUSED = {"json": {"forbidden": {"code": 403, "message":
                                  "Detach replicas before deleting replica source."}},
           "status_code": 403}


def replica_set(trove, *replica_ids):
    """Instance IID `src` is the source of `replica_ids` (named r1, r2, ...)."""
    rows = [row(IID, "src")] + [row(r, f"r{n}") for n, r in enumerate(replica_ids, 1)]
    trove.on("GET", "/instances", list_body(*rows))
    trove.on("GET", f"/instances/{IID}", show_body(replicas=[{"id": r} for r in replica_ids]))
    for replica in replica_ids:
        trove.on("DELETE", f"/instances/{replica}", status=202)
        trove.mocker.get(f"{TROVE}/instances/{replica}",
                         [{"json": show_body(id=replica, status="SHUTDOWN")}, GONE])


@pytest.mark.parametrize("wait", [[], ["--wait"]], ids=["no wait", "wait"])
def test_delete_a_source_and_its_replica_deletes_the_replica_first(trove, fake_time, wait):
    replica_set(trove, NEW_ID)
    trove.mocker.delete(f"{TROVE}/instances/{IID}", [REFUSED, {"status_code": 202}])
    trove.mocker.get(f"{TROVE}/instances/{IID}",
                     [{"json": show_body(replicas=[{"id": NEW_ID}])}, GONE])
    code, out, err = trove.run("database", "instance", "delete", "src", "r1", *wait)
    assert (code, out) == (0, ""), err
    deletes = [path for method, path in trove.requests if method == "DELETE"]
    assert deletes == [f"/instances/{IID}", f"/instances/{NEW_ID}", f"/instances/{IID}"]
    # The replica is waited for, --wait or not; only --wait waits for the source.
    assert err.splitlines()[:2] == ["instance r1: SHUTDOWN (0s)", "instance r1: DELETED (1s)"]
    assert (("GET", f"/instances/{IID}") in trove.requests[-2:]) == bool(wait)


def test_delete_a_source_without_its_replicas_names_them(trove, fake_time):
    other = "5c1f3a2e-8d4b-4c6a-9e7f-0a1b2c3d4e5f"
    replica_set(trove, NEW_ID, other)
    trove.mocker.delete(f"{TROVE}/instances/{IID}", **REFUSED)
    code, out, err = trove.run("database", "instance", "delete", "src", "r1")
    assert code == 1 and out == ""
    assert err.splitlines()[-2:] == [
        "Failed to delete instance 'src': Trove refuses to delete a replica source while it "
        f"has replicas: delete {other} in the same command, or detach them first "
        "('openstack database instance detach <replica>').",
        "1 of 2 instances failed to delete.",
    ]
    deletes = [path for method, path in trove.requests if method == "DELETE"]
    assert deletes == [f"/instances/{IID}", f"/instances/{NEW_ID}"]
    # Any other 403 (no replicas in the instance's GET) stays Trove's own line.
    trove.on("GET", f"/instances/{IID}", show_body())
    trove.mocker.delete(f"{TROVE}/instances/{IID}", json={"forbidden": {
        "code": 403, "message": "Policy doesn't allow instance:delete."}}, status_code=403)
    code, out, err = trove.run("database", "instance", "delete", IID)
    assert err.splitlines() == [
        f"Failed to delete instance '{IID}': Policy doesn't allow instance:delete. (HTTP 403)",
        "1 of 1 instance failed to delete."]


@pytest.mark.parametrize(
    "argv", [["delete", "--force"], ["force", "delete"]], ids=["delete --force", "force delete"]
)
def test_force_delete_resets_the_status_first(trove, argv):
    trove.on("GET", "/instances", list_body(row(IID, "stuck")))
    trove.on("POST", f"/instances/{IID}/action", status=202)
    trove.on("DELETE", f"/instances/{IID}", status=202)
    code, _, err = trove.run("database", "instance", *argv, "stuck")
    assert code == 0, err
    assert trove.requests == [
        ("GET", "/instances"),
        ("POST", f"/instances/{IID}/action"),
        ("DELETE", f"/instances/{IID}"),
    ]
    assert trove.bodies() == [{"reset_status": {}}]


def test_force_delete_wait(trove, fake_time):
    trove.on("POST", f"/instances/{IID}/action", status=202)
    trove.on("DELETE", f"/instances/{IID}", status=202)
    trove.on("GET", f"/instances/{IID}", {"itemNotFound": {"code": 404, "message": "x"}},
             status=404)
    code, _, err = trove.run("database", "instance", "force", "delete", IID, "--wait")
    assert code == 0, err
    assert err == f"instance {IID}: DELETED (0s)\n"


def test_create_users_passwords_never_show_in_the_debug_log(trove, caplog):
    caplog.set_level(logging.DEBUG)
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, out, err = trove.run("--debug", "database", "instance", "create", "db1", "--flavor",
                               "2", "--size", "1", "--users", "bob:Pw-one:x", "al:Pw-two",
                               "--databases", "a")
    assert code == 0, err
    assert trove.bodies()[0]["instance"]["users"] == [
        {"name": "bob", "password": "Pw-one:x", "databases": [{"name": "a"}]},
        {"name": "al", "password": "Pw-two", "databases": [{"name": "a"}]},
    ]
    logged = out + err + caplog.text
    assert "Pw-one" not in logged and "Pw-two" not in logged
    assert "--users bob:*** al:***" in logged  # osc-lib's START line
    assert "users=['bob:***', 'al:***']" in logged  # osc-lib's run(Namespace(...)) line


def test_create_reads_bare_users_passwords_from_stdin_in_order(trove, caplog):
    caplog.set_level(logging.DEBUG)
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, out, err = trove.run("--debug", "database", "instance", "create", "db1", "--flavor",
                               "2", "--size", "1", "--users", "bob", "al:Pw-two", "cy",
                               "--databases", "a", "--password-stdin",
                               stdin="Pw-bob\nPw-cy\nnot read\n")
    assert code == 0, err
    assert [(u["name"], u["password"]) for u in trove.bodies()[0]["instance"]["users"]] == [
        ("bob", "Pw-bob"), ("al", "Pw-two"), ("cy", "Pw-cy")]
    logged = out + err + caplog.text
    assert "Pw-bob" not in logged and "Pw-cy" not in logged and "Pw-two" not in logged


def test_create_prompts_for_each_bare_users_password(trove, monkeypatch):
    from osc_trove.cli import passwords

    prompts = []
    typed = iter(["Pw-bob", "Pw-bob", "Pw-cy", "Pw-cy"])
    monkeypatch.setattr(passwords.getpass, "getpass", lambda p: prompts.append(p) or next(typed))
    monkeypatch.setattr(passwords, "is_terminal", lambda stream: True)
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, _, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                             "--size", "1", "--users", "bob", "cy", "--password-prompt")
    assert code == 0, err
    assert prompts == ["Password of user bob: ", "Repeat password of user bob: ",
                       "Password of user cy: ", "Repeat password of user cy: "]
    assert [u["password"] for u in trove.bodies()[0]["instance"]["users"]] == ["Pw-bob", "Pw-cy"]


def test_list_rejects_a_limit_below_one_before_any_request(trove):
    for argv in (["--limit", "0"], ["--limit", "-1"], ["--limit", "x"]):
        with pytest.raises(SystemExit) as exit_:  # argparse's usage error
            trove.run("database", "instance", "list", *argv)
        assert exit_.value.code == 2
    assert trove.requests == []


def test_show_keeps_the_volume_details_a_guest_adds(trove):
    """PostgreSQL's guest reports its WAL sizes in `volume`; `volume` stays the size."""
    trove.on("GET", f"/instances/{IID}", show_body(
        volume={"size": 2, "used": 0.3, "wal_size": 16777216, "wal_archive_size": 0}))
    shown = trove.run_json("database", "instance", "show", IID)
    assert {k: v for k, v in shown.items() if k.startswith("volume")} == {
        "volume": 2, "volume_used": 0.3, "volume_wal_size": 16777216,
        "volume_wal_archive_size": 0}


@pytest.mark.parametrize("policy", ["soft-affinity", "soft-anti-affinity"])
def test_create_takes_the_soft_localities(trove, policy):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, _, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                             "--locality", policy)
    assert code == 0, err
    assert trove.bodies() == [{"instance": {"name": "db1", "flavorRef": "2", "locality": policy}}]


def test_a_replica_leaves_out_what_trove_copies_from_the_source_saying_so(trove):
    trove.on("GET", "/instances", list_body(row(IID, "src")))
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, out, err = trove.run(
        "database", "instance", "create", "db2", "--replica-of", "src", "--replica-count", "2",
        "--flavor", "m1.large", "--size", "2", "--volume-type", "ssd", "--datastore", "mysql",
        "--datastore-version", "5.7", "--locality", "anti-affinity", "--availability-zone", "az1",
    )
    assert code == 0, err
    assert err == ("Left out --flavor, --size, --volume-type, --datastore, --datastore-version, "
                   "--locality: a replica gets them from its source instance, and Trove "
                   "refuses them in a replica's request.\n")
    assert trove.bodies() == [{"instance": {
        "name": "db2", "replica_of": IID, "replica_count": 2, "availability_zone": "az1"}}]
    # No flavor lookup for a flavor that is not sent.
    assert trove.requests == [("GET", "/instances"), ("POST", "/instances")]


def test_a_replica_with_only_what_trove_takes_says_nothing(trove):
    trove.on("POST", "/instances", sample("instance-create-response.json"))
    code, out, err = trove.run("database", "instance", "create", "db2", "--replica-of", IID)
    assert (code, err) == (0, "")
    assert trove.bodies() == [{"instance": {"name": "db2", "replica_of": IID}}]
