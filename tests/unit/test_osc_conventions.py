"""OSC's conventions: every list takes --long and --max-items, deletes take several
names, --project-domain goes with every --project given by name, an abbreviation
of one option's spellings is that option."""

import pytest

from tests.unit.helpers import COMMANDS, IID, fake_identity, mgmt_version

V_ID = "a1b2c3d4-0000-4000-8000-00000000000a"
LISTERS = sorted(name for name, cls in COMMANDS.items()
                 if hasattr(cls, "long_columns") and not getattr(cls, "deprecated", False))


def test_the_lists_are_found():
    assert {"database backup list", "datastore version list", "database user list"} <= set(
        LISTERS)


@pytest.mark.parametrize("name", LISTERS)
def test_every_list_takes_long(name):
    parser = COMMANDS[name](None, None).get_parser(f"openstack {name}")
    assert parser._option_string_actions["--long"].help


@pytest.mark.parametrize("name", LISTERS)
def test_every_list_takes_max_items_for_its_total(name):
    command = COMMANDS[name](None, None)
    parser = command.get_parser(f"openstack {name}")
    if not command.lists:  # it acts: capping its report would hide what it did
        assert name == "database backup prune"
        assert "--max-items" not in parser._option_string_actions
        return
    assert parser._option_string_actions["--max-items"].dest == "limit"
    if "--limit" in parser._option_string_actions:
        assert parser._option_string_actions["--limit"].dest == "limit"


def test_max_items_caps_a_paged_list_at_the_server(trove):
    trove.on("GET", "/instances", {"instances": [{"id": IID, "name": "db1"}]})
    assert len(trove.run_json("database", "instance", "list", "--max-items", "1")) == 1
    assert trove.requests[0][1].endswith("/instances?limit=1")


def test_max_items_caps_a_list_the_server_does_not_page(trove):
    trove.on("GET", "/datastores", {"datastores": [
        {"id": f"d{n}", "name": f"ds{n}", "versions": []} for n in range(3)]})
    assert [d["Name"] for d in trove.run_json("datastore", "list", "--max-items", "2")] == [
        "ds0", "ds1"]


def test_an_abbreviation_of_one_options_spellings_is_that_option(trove):
    # A cloud provider's guide for an older troveclient writes --volume for
    # --volume_type; argparse called it ambiguous with --volume-type.
    trove.on("GET", "/flavors", {"flavors": [{"id": 2, "str_id": "2", "name": "m1"}]})
    trove.on("POST", "/instances", {"instance": {"id": IID, "name": "db1"}})
    code, out, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                               "--size", "1", "--volume", "b1.standard")
    assert code == 0, err
    assert trove.bodies()[-1]["instance"]["volume"] == {"size": 1, "type": "b1.standard"}


def test_an_abbreviation_of_two_options_stays_ambiguous(trove):
    parser = COMMANDS["database instance create"](None, None).get_parser("create")
    assert len(parser._get_option_tuples("--da")) > 1  # --datastore, --datastore-version...
    with pytest.raises(SystemExit) as exit_:
        trove.run("database", "instance", "create", "db1", "--flavor", "2", "--da", "mysql")
    assert exit_.value.code == 2
    assert trove.requests == []


@pytest.mark.parametrize("argv, answer, extra", [
    (["database", "backup", "list"], ("/backups", {"backups": [{
        "id": "b1", "name": "n", "status": "COMPLETED", "description": "nightly", "size": 0.5,
        "created": "2026-01-01", "datastore": {"type": "mysql", "version": "8.0"}}]}),
     {"Description": "nightly", "Size": 0.5, "Datastore": "mysql", "Datastore Version": "8.0",
      "Created": "2026-01-01"}),
    (["database", "cluster", "list"], ("/clusters", {"clusters": [{
        "id": "c1", "name": "c", "created": "2026-01-01", "updated": "2026-01-02",
        "locality": "soft-affinity", "instances": [{"id": "m1"}, {"id": "m2"}],
        "datastore": {"type": "redis", "version": "7.0"}, "task": {"name": "NONE"}}]}),
     {"Instance Count": 2, "Locality": "soft-affinity", "Created": "2026-01-01",
      "Updated": "2026-01-02"}),
    (["database", "configuration", "list"], ("/configurations", {"configurations": [{
        "id": "g1", "name": "g", "created": "2026-01-01", "updated": "2026-01-02"}]}),
     {"Created": "2026-01-01", "Updated": "2026-01-02"}),
])
def test_long_adds_what_the_answer_has(trove, argv, answer, extra):
    trove.on("GET", *answer)
    short = trove.run_json(*argv)[0]
    assert not set(extra) & set(short)
    long = trove.run_json(*argv, "--long")[0]
    assert {k: long[k] for k in extra} == extra and set(long) == set(short) | set(extra)


def test_a_list_without_more_columns_takes_long_and_shows_the_same(trove):
    trove.on("GET", f"/instances/{IID}/databases", {"databases": [{"name": "shop"}]})
    argv = ("database", "db", "list", IID)
    assert trove.run_json(*argv, "--long") == trove.run_json(*argv) == [{"Name": "shop"}]


# --- several names to delete -----------------------------------------------------


def test_db_delete_several_finds_the_instance_once_and_reports_each_failure(trove):
    trove.on("GET", "/instances", {"instances": [{"id": IID, "name": "db1"}]})
    trove.on("DELETE", f"/instances/{IID}/databases/a", status=202)
    trove.on("DELETE", f"/instances/{IID}/databases/gone", status=404,
             json={"itemNotFound": {"code": 404, "message": "Database gone cannot be found."}})
    trove.on("DELETE", f"/instances/{IID}/databases/c", status=202)
    code, out, err = trove.run("database", "db", "delete", "db1", "a", "gone", "c")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Failed to delete database 'gone': Database gone cannot be found. (HTTP 404)",
        "1 of 3 databases failed to delete."]
    assert trove.requests == [("GET", "/instances"),
                              ("DELETE", f"/instances/{IID}/databases/a"),
                              ("DELETE", f"/instances/{IID}/databases/gone"),
                              ("DELETE", f"/instances/{IID}/databases/c")]


def test_user_delete_several_from_one_host(trove):
    trove.on("DELETE", f"/instances/{IID}/users/bob%4010.0.0.1", status=202)
    trove.on("DELETE", f"/instances/{IID}/users/eve%4010.0.0.1", status=202)
    code, _, err = trove.run("database", "user", "delete", IID, "bob", "eve",
                             "--host", "10.0.0.1")
    assert code == 0, err
    assert trove.requests == [("DELETE", f"/instances/{IID}/users/bob%4010.0.0.1"),
                              ("DELETE", f"/instances/{IID}/users/eve%4010.0.0.1")]


def test_datastore_and_version_delete_take_several(trove):
    trove.on("DELETE", "/datastores/mysql", status=202)
    trove.on("DELETE", "/datastores/redis", status=202)
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [mgmt_version()]})
    trove.on("DELETE", f"/mgmt/datastore-versions/{V_ID}", status=202)
    assert trove.run("datastore", "delete", "mysql", "redis")[0] == 0
    code, _, err = trove.run("datastore", "version", "delete", V_ID, "8.4", "9.9")
    assert code == 1
    assert err.splitlines()[-1] == "1 of 3 datastore versions failed to delete."
    assert "'9.9'" in err.splitlines()[0]
    assert trove.requests == [("DELETE", "/datastores/mysql"), ("DELETE", "/datastores/redis"),
                              ("DELETE", f"/mgmt/datastore-versions/{V_ID}"),
                              ("GET", "/mgmt/datastore-versions"),
                              ("DELETE", f"/mgmt/datastore-versions/{V_ID}"),
                              ("GET", "/mgmt/datastore-versions")]


# --- --project-domain --------------------------------------------------------------


@pytest.mark.parametrize("argv, request_", [
    (["database", "backup", "list"], ("GET", "/backups?project_id=p-42")),
    (["database", "backup", "strategy", "list"], ("GET", "/backup_strategies?project_id=p-42")),
    (["database", "backup", "strategy", "delete"],
     ("DELETE", "/backup_strategies?project_id=p-42")),
])
def test_project_by_name_in_a_domain(trove, monkeypatch, argv, request_):
    looked_up = fake_identity(monkeypatch)
    trove.on(*request_, json={"backups": [], "backup_strategies": []}, status=200)
    code, _, err = trove.run(*argv, "--project", "demo", "--project-domain", "Default")
    assert code == 0, err
    assert looked_up == [("demo", "Default")]
    assert trove.requests == [request_]


def test_nic_is_given_once(trove):
    code, out, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                               "--nic", "net-id=a", "--nic", "net-id=b")
    assert (code, out, err.strip()) == (
        1, "", "Give --nic once: Trove's API takes one NIC per instance.")
    assert trove.requests == []
