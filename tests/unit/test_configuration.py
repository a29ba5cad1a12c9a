"""database configuration ... commands: URLs, bodies, typing, refusals, restart notices."""

import json

import pytest

from tests.unit.conftest import TROVE
from tests.unit.helpers import IID, list_body, one_line_error, row, show_body

GID = "1f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
OTHER = "2f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
VID = "7c5a3e21-1a2b-4c3d-8e9f-001122334455"
DSID = "9a8b7c6d-1a2b-4c3d-8e9f-554433221100"

# A few of MySQL 8.0's parameters, one of each type (ranges as Trove serves them).
PARAMS = [
    {"name": "max_connections", "type": "integer", "min": 1, "max": 100000,
     "restart_required": False, "datastore_version_id": VID},
    {"name": "innodb_buffer_pool_size", "type": "integer", "min": 5242880,
     "max": 9223372036854775807, "restart_required": True, "datastore_version_id": VID},
    {"name": "autocommit", "type": "integer", "min": 0, "max": 1, "restart_required": False,
     "datastore_version_id": VID},
    {"name": "innodb_deadlock_detect", "type": "boolean", "restart_required": False,
     "datastore_version_id": VID},
    {"name": "long_query_time", "type": "float", "min": 0, "max": 3600,
     "restart_required": False, "datastore_version_id": VID},
    {"name": "character_set_server", "type": "string", "restart_required": False,
     "datastore_version_id": VID},
]
PARAMS_BODY = {"configuration-parameters": PARAMS}


def group(group_id=GID, name="tuned", values=None, **extra):
    return {
        "id": group_id, "name": name, "description": "for load tests",
        "values": {"max_connections": 200} if values is None else values,
        "created": "2026-01-01T10:00:00", "updated": "2026-01-01T10:00:00",
        "instance_count": 0, "datastore_name": "mysql", "datastore_version_id": VID,
        "datastore_version_name": "8.0", "datastore_version_number": "8.0.36", **extra,
    }


def listed(group_id=GID, name="tuned"):
    row_ = group(group_id, name)
    for key in ("values", "instance_count", "datastore_version_number"):
        row_.pop(key)
    return row_


def page(key, rows, marker=None):
    body = {key: rows}
    if marker:
        body["links"] = [{"rel": "next", "href": f"https://x/v1.0/p/{key}?marker={marker}"}]
    return body


@pytest.fixture
def mysql(trove):
    """mysql 8.0: the datastore, its versions and its parameters."""
    versions = [{"id": VID, "name": "8.0", "version": "8.0.36", "datastore": DSID}]
    trove.on("GET", "/datastores/mysql", {"datastore": {
        "id": DSID, "name": "mysql", "default_version": VID, "versions": versions}})
    trove.on("GET", "/datastores/mysql/versions", {"versions": versions})
    trove.on("GET", "/datastores/mysql/versions/8.0", {"version": versions[0]})
    trove.on("GET", f"/datastores/versions/{VID}/parameters", PARAMS_BODY)
    return trove


# --- create ------------------------------------------------------------------


def test_create_with_value_pairs_types_each_value(mysql):
    mysql.on("POST", "/configurations", {"configuration": group()}, status=200)
    shown = mysql.run_json(
        "database", "configuration", "create", "tuned", "--datastore", "mysql",
        "--datastore-version", "8.0", "--description", "for load tests",
        "--value", "max_connections=200", "--value", "autocommit=off",
        "--value", "innodb_deadlock_detect=true",
        "--value", "long_query_time=2", "--value", "character_set_server=utf8mb4",
    )
    assert mysql.requests == [
        ("GET", "/datastores/mysql/versions/8.0"),
        ("GET", f"/datastores/versions/{VID}/parameters"),
        ("POST", "/configurations"),
    ]
    sent = mysql.bodies()[-1]
    assert sent == {"configuration": {
        "name": "tuned",
        "values": {"max_connections": 200, "autocommit": 0, "innodb_deadlock_detect": True,
                   "long_query_time": 2.0,
                   "character_set_server": "utf8mb4"},
        "datastore": {"type": "mysql", "version": "8.0"},
        "description": "for load tests",
    }}
    # float stays a float on the wire: Trove refuses 2 for a float parameter
    assert '"long_query_time": 2.0' in mysql.mocker.request_history[-1].text
    assert shown["id"] == GID and shown["values"] == '{"max_connections": 200}'
    assert shown["datastore_version_number"] == "8.0.36"


def test_create_from_an_export_file_types_its_values_for_its_version(mysql, tmp_path):
    export = tmp_path / "tuned.json"
    export.write_text(json.dumps({"name": "old", "description": "copied", "datastore": "mysql",
                                  "version": "8.0", "values": {"max_connections": "250"}}))
    mysql.on("POST", "/configurations", {"configuration": group()})
    code, _, err = mysql.run("database", "configuration", "create", "tuned",
                             "--from-file", str(export))
    assert code == 0, err
    assert mysql.bodies()[-1] == {"configuration": {
        "name": "tuned", "values": {"max_connections": 250},
        "datastore": {"type": "mysql", "version": "8.0"}, "description": "copied"}}


def test_create_from_a_file_that_is_no_export_is_one_line(trove, tmp_path):
    export = tmp_path / "list.json"
    export.write_text("[1, 2]")
    code, out, err = trove.run("database", "configuration", "create", "tuned",
                               "--from-file", str(export))
    assert one_line_error(code, out, err).startswith(f"'{export}' is not a configuration export")
    assert trove.requests == []


def test_create_legacy_json_with_default_version_of_the_datastore(mysql):
    mysql.on("POST", "/configurations", {"configuration": group()})
    code, _, err = mysql.run(
        "database", "configuration", "create", "tuned", '{"max_connections": "300"}',
        "--datastore", "mysql",
    )
    assert code == 0, err
    assert mysql.requests[:2] == [
        ("GET", "/datastores/mysql"), ("GET", f"/datastores/versions/{VID}/parameters")]
    assert mysql.bodies()[-1]["configuration"]["values"] == {"max_connections": 300}


def test_create_with_version_number_picks_that_version(mysql):
    mysql.on("POST", "/configurations", {"configuration": group()})
    code, _, err = mysql.run(
        "database", "configuration", "create", "tuned", "--value", "autocommit=1",
        "--datastore", "mysql", "--datastore-version", "8.0",
        "--datastore-version-number", "8.0.36",
    )
    assert code == 0, err
    assert mysql.requests[0] == ("GET", "/datastores/mysql/versions")
    assert mysql.bodies()[-1]["configuration"]["datastore"] == {
        "type": "mysql", "version": "8.0", "version_number": "8.0.36"}
    assert mysql.bodies()[-1]["configuration"]["values"] == {"autocommit": 1}


def test_create_without_values_or_datastore_is_one_post(trove):
    trove.on("POST", "/configurations", {"configuration": group(values={})})
    code, _, err = trove.run("database", "configuration", "create", "empty", "{}")
    assert code == 0, err
    assert trove.requests == [("POST", "/configurations")]
    assert trove.bodies() == [{"configuration": {"name": "empty", "values": {}}}]


@pytest.mark.parametrize(
    "values, message",
    [
        (["--value", "max_connection=5"],
         "Unknown configuration parameter 'max_connection' for mysql 8.0; "
         "'openstack database configuration parameter list' shows the allowed ones."),
        (["--value", "max_connections=0"],
         "Configuration parameter 'max_connections' takes an integer from 1 to 100000, "
         "not '0'."),
        (["--value", "max_connections=lots"],
         "Configuration parameter 'max_connections' takes an integer from 1 to 100000, "
         "not 'lots'."),
        (['{"max_connections": 1.5}'],
         "Configuration parameter 'max_connections' takes an integer from 1 to 100000, "
         "not 1.5."),
        (['{"autocommit": "maybe"}'],
         "Configuration parameter 'autocommit' takes 0 or 1 (or true or false), not 'maybe'."),
        (['{"innodb_deadlock_detect": 2}'],
         "Configuration parameter 'innodb_deadlock_detect' takes true or false, not 2."),
        (['{"long_query_time": 4000}'],
         "Configuration parameter 'long_query_time' takes a number from 0 to 3600, not 4000."),
        (['{"character_set_server": true}'],
         "Configuration parameter 'character_set_server' takes a string, not True."),
        (["{max_connections: 5}"],
         "The values are not valid JSON (Expecting property name enclosed in double quotes: "
         "line 1 column 2 (char 1)); give an object such as '{\"max_connections\": 200}'."),
        (["[1, 2]"], "The values must be a JSON object such as '{\"max_connections\": 200}'."),
        (["--value", "max_connections"],
         "--value 'max_connections' is not name=value (e.g. --value max_connections=200)."),
        (['{"autocommit": true}', "--value", "autocommit=false"],
         "Give the values either as a JSON object or with --value, not both."),
    ],
)
def test_create_refuses_bad_values_before_changing_anything(mysql, values, message):
    code, out, err = mysql.run(
        "database", "configuration", "create", "tuned", *values, "--datastore", "mysql",
        "--datastore-version", "8.0",
    )
    assert (code, out, err) == (1, "", message + "\n")
    assert all(method == "GET" for method, _ in mysql.requests)


def test_create_value_pairs_need_a_datastore(trove):
    code, _, err = trove.run("database", "configuration", "create", "t", "--value", "a=1")
    assert code == 1
    assert err == ("--value needs --datastore or --datastore-version, to type the values "
                   "from that version's parameters.\n")
    assert trove.requests == []


# --- list, show, instances ----------------------------------------------------


def test_list_follows_every_page(trove):
    trove.mocker.get(TROVE + "/configurations", [
        {"json": page("configurations", [listed(GID, "a")], marker=GID)},
        {"json": page("configurations", [listed(OTHER, "b")])},
    ])
    rows = trove.run_json("database", "configuration", "list")
    assert [r["Name"] for r in rows] == ["a", "b"]
    assert list(rows[0]) == ["ID", "Name", "Description", "Datastore Name",
                             "Datastore Version Name", "Datastore Version Number"]
    assert trove.requests == [("GET", "/configurations"),
                              ("GET", f"/configurations?marker={GID}")]


def test_list_limit_and_marker(trove):
    trove.on("GET", "/configurations", page("configurations", [listed()]))
    code, _, err = trove.run("database", "configuration", "list", "--limit", "1",
                             "--marker", OTHER)
    assert code == 0, err
    assert trove.requests == [("GET", f"/configurations?marker={OTHER}&limit=1")]


def test_show_by_name_lists_then_gets(trove):
    trove.on("GET", "/configurations", page("configurations", [listed()]))
    trove.on("GET", f"/configurations/{GID}", {"configuration": group()})
    shown = trove.run_json("database", "configuration", "show", "tuned")
    assert trove.requests == [("GET", "/configurations"), ("GET", f"/configurations/{GID}")]
    assert json.loads(shown["values"]) == {"max_connections": 200}
    assert {"id", "name", "description", "datastore_name", "datastore_version_name",
            "datastore_version_number", "instance_count", "created", "updated"} <= set(shown)


def test_instances_of_a_group_every_page(trove):
    trove.mocker.get(TROVE + f"/configurations/{GID}/instances", [
        {"json": page("instances", [{"id": IID, "name": "db1"}], marker=IID)},
        {"json": page("instances", [{"id": OTHER, "name": "db2"}])},
    ])
    rows = trove.run_json("database", "configuration", "instances", GID)
    assert rows == [{"ID": IID, "Name": "db1"}, {"ID": OTHER, "Name": "db2"}]
    assert trove.requests == [("GET", f"/configurations/{GID}/instances"),
                              ("GET", f"/configurations/{GID}/instances?marker={IID}")]


# --- delete -------------------------------------------------------------------


def test_delete_several_reports_each_failure(trove):
    trove.on("GET", "/configurations", page("configurations", [listed()]))
    trove.on("DELETE", f"/configurations/{GID}", status=202)
    trove.on("DELETE", f"/configurations/{OTHER}", status=400, json={"badRequest": {
        "code": 400, "message": "A configuration group cannot be deleted if it is associated "
        "with one or more non-terminated instances. Detach the configuration group from "
        "all non-terminated instances and please try again."}})
    trove.on("GET", f"/configurations/{OTHER}/instances", page("instances", [
        {"id": IID, "name": "db1"}]))
    code, out, err = trove.run("database", "configuration", "delete", "tuned", OTHER, "nope")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"Failed to delete configuration group '{OTHER}': A configuration group cannot be "
        "deleted if it is associated with one or more non-terminated instances. Detach the "
        "configuration group from all non-terminated instances and please try again. "
        "Attached to: db1.",
        "Failed to delete configuration group 'nope': No configuration group with a name or "
        "ID of 'nope' exists.",
        "2 of 3 configuration groups failed to delete.",
    ]
    assert ("DELETE", f"/configurations/{GID}") in trove.requests


# --- set (PUT) and parameter set (PATCH) ----------------------------------------


@pytest.fixture
def attached(trove):
    trove.on("GET", f"/configurations/{GID}", {"configuration": group()})
    trove.on("GET", f"/datastores/versions/{VID}/parameters", PARAMS_BODY)
    trove.on("GET", f"/configurations/{GID}/instances", page("instances", [
        {"id": IID, "name": "db1"}]))
    trove.on("PUT", f"/configurations/{GID}", status=202)
    trove.on("PATCH", f"/configurations/{GID}", status=200)
    return trove


def test_set_replaces_every_value_and_shows_the_group(attached):
    attached.on("GET", "/instances", list_body(row(IID, "db1")))
    code, out, err = attached.run(
        "database", "configuration", "set", GID, "--value", "max_connections=150",
        "--name", "renamed", "--description", "d", "-f", "json",
    )
    assert (code, err) == (0, "")
    assert attached.bodies() == [{"configuration": {
        "values": {"max_connections": 150}, "name": "renamed", "description": "d"}}]
    assert attached.requests == [
        ("GET", f"/configurations/{GID}"),
        ("GET", f"/datastores/versions/{VID}/parameters"),
        ("PUT", f"/configurations/{GID}"),
        ("GET", f"/configurations/{GID}/instances"),
        ("GET", "/instances"),
        ("GET", f"/configurations/{GID}"),
    ]
    assert json.loads(json.loads(out)["values"]) == {"max_connections": 200}


@pytest.mark.parametrize("argv", [
    ["parameter", "set", GID], ["set", "--patch", GID]], ids=["parameter set", "set --patch"])
def test_parameter_set_merges_and_names_instances_to_restart(attached, argv):
    code, out, err = attached.run(
        "database", "configuration", *argv, '{"innodb_buffer_pool_size": "8388608"}',
    )
    assert code == 0, err
    assert attached.bodies() == [{"configuration": {"values": {
        "innodb_buffer_pool_size": 8388608}}}]
    assert ("PATCH", f"/configurations/{GID}") in attached.requests
    assert err == ("Restart to apply the new values: db1 "
                   "('openstack database instance restart <instance>').\n")


def test_set_names_instances_left_in_restart_required(attached):
    attached.on("GET", "/instances", list_body(row(IID, "db1", status="RESTART_REQUIRED"),
                                               row(OTHER, "db2")))
    code, _, err = attached.run("database", "configuration", "set", GID, "{}")
    assert code == 0
    assert attached.bodies() == [{"configuration": {"values": {}}}]
    assert err.splitlines()[-1] == ("Restart to apply the new values: db1 "
                                    "('openstack database instance restart <instance>').")


def test_set_names_every_value_it_removes_and_how_to_put_them_back(trove):
    values = {"max_connections": 200, "autocommit": 1, "character_set_server": "utf8 mb4",
              "innodb_deadlock_detect": True}
    trove.on("GET", "/configurations", page("configurations", [listed()]))
    trove.on("GET", f"/configurations/{GID}", {"configuration": group(values=values)})
    trove.on("GET", f"/datastores/versions/{VID}/parameters", PARAMS_BODY)
    trove.on("GET", f"/configurations/{GID}/instances", page("instances", []))
    trove.on("PUT", f"/configurations/{GID}", status=202)
    code, out, err = trove.run("database", "configuration", "set", "tuned", "--value",
                               "MAX_CONNECTIONS=400", "-f", "json")
    assert code == 0, err
    assert trove.bodies() == [{"configuration": {"values": {"MAX_CONNECTIONS": 400}}}]
    assert err == (
        "Removed from configuration group 'tuned' (set replaces every value): autocommit=1, "
        "character_set_server=utf8 mb4, innodb_deadlock_detect=true. To put them back: "
        f"'openstack database configuration parameter set {GID} --value autocommit=1 --value "
        "'character_set_server=utf8 mb4' --value innodb_deadlock_detect=true'.\n")
    # A listed row lacks the values: the one GET of the group has them (and is shown after).
    assert trove.requests == [
        ("GET", "/configurations"), ("GET", f"/configurations/{GID}"),
        ("GET", f"/datastores/versions/{VID}/parameters"), ("PUT", f"/configurations/{GID}"),
        ("GET", f"/configurations/{GID}/instances"), ("GET", f"/configurations/{GID}"),
    ]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["set", GID, "--name", "x"],
         "Give the group's values (JSON or --value): this command replaces all of them."),
        (["set", GID, "{}", "--patch", "--name", "x"],
         "--patch changes values only: not with --name or --description."),
        (["parameter", "set", GID], "Give the values to set (JSON or --value)."),
        (["parameter", "set", GID, "--value", "autocommit=2"],
         "Configuration parameter 'autocommit' takes 0 or 1 (or true or false), not '2'."),
    ],
)
def test_set_refusals_change_nothing(attached, argv, message):
    code, out, err = attached.run("database", "configuration", *argv)
    assert (code, out, err) == (1, "", message + "\n")
    assert all(method == "GET" for method, _ in attached.requests)


# --- attach, detach, default ------------------------------------------------------


@pytest.mark.parametrize("verb", ["attach", "add"])
def test_attach_by_names_and_restart_notice(trove, verb):
    trove.on("GET", "/configurations", page("configurations", [listed()]))
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("PUT", f"/instances/{IID}", status=202)
    trove.on("GET", f"/instances/{IID}", show_body(status="RESTART_REQUIRED", name="db1"))
    code, out, err = trove.run("database", "configuration", verb, "db1", "tuned")
    assert (code, out) == (0, "")
    assert trove.bodies() == [{"instance": {"configuration": GID}}]
    assert trove.requests == [("GET", "/configurations"), ("GET", "/instances"),
                              ("PUT", f"/instances/{IID}"), ("GET", f"/instances/{IID}")]
    assert err == ("Restart to apply the new values: db1 "
                   "('openstack database instance restart <instance>').\n")


def test_attach_wait_until_the_instance_shows_the_group_and_leaves_its_task(trove, fake_time):
    trove.on("PUT", f"/instances/{IID}", status=202)
    attached = {"id": GID, "name": "tuned"}
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(status="ACTIVE", name="db1")},  # not attached yet
        {"json": show_body(status="RESTART_REQUIRED", name="db1", configuration=attached)}])
    code, out, err = trove.run("database", "configuration", "attach", IID, GID, "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == [
        f"instance {IID}: ACTIVE (0s)", f"instance {IID}: RESTART_REQUIRED (1s)",
        "Restart to apply the new values: db1 ('openstack database instance restart "
        "<instance>').",
    ]
    # The wait's last answer tells about the restart: no further GET.
    assert trove.requests == [("PUT", f"/instances/{IID}")] + [("GET", f"/instances/{IID}")] * 2


def test_detach_wait_until_the_instance_shows_no_group(trove, fake_time):
    trove.on("PUT", f"/instances/{IID}", status=202)
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(configuration={"id": GID, "name": "tuned"})},
        {"json": show_body()}])
    code, out, err = trove.run("database", "configuration", "detach", IID, "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == [f"instance {IID}: ACTIVE (0s)"]
    assert trove.requests == [("PUT", f"/instances/{IID}")] + [("GET", f"/instances/{IID}")] * 2


def test_attach_and_detach_help_say_when_the_wait_ends(trove):
    for verb, words in (("attach", "the instance shows the group as its configuration and is "
                                   "ACTIVE or RESTART_REQUIRED"),
                        ("detach", "the instance shows no configuration group and is ACTIVE "
                                   "or RESTART_REQUIRED")):
        code, out, _ = trove.run("help", "database", "configuration", verb)
        assert f"Wait until {words}" in " ".join(out.split())


def test_an_interrupted_delete_of_several_groups_says_what_was_sent(trove):
    def interrupt(request, context):
        raise KeyboardInterrupt

    trove.on("DELETE", f"/configurations/{GID}", status=202)
    trove.mocker.get(TROVE + "/configurations", text=interrupt)
    code, out, err = trove.run("database", "configuration", "delete", GID, "tuned", OTHER)
    assert (code, out) == (130, "")
    assert err == (f"Interrupted: deletion sent for '{GID}' (Trove goes on with it); perhaps "
                   f"sent for 'tuned' (interrupted while sending it); not sent for '{OTHER}'.\n")


@pytest.mark.parametrize("verb", ["detach", "remove"])
def test_detach_sends_a_null_configuration(trove, verb):
    trove.on("PUT", f"/instances/{IID}", status=202)
    code, out, err = trove.run("database", "configuration", verb, IID)
    assert (code, out, err) == (0, "", "")
    assert trove.requests == [("PUT", f"/instances/{IID}")]
    assert trove.bodies() == [{"instance": {"configuration": None}}]


def test_default_shows_the_template_values(trove):
    trove.on("GET", f"/instances/{IID}/configuration", {"instance": {"configuration": {
        "max_connections": "100", "innodb_log_file_size": "50M"}}})
    shown = trove.run_json("database", "configuration", "default", IID)
    assert shown == {"innodb_log_file_size": "50M", "max_connections": "100"}
    assert trove.requests == [("GET", f"/instances/{IID}/configuration")]


# --- parameters -----------------------------------------------------------------


def test_parameter_list_by_version_name_alone(trove):
    trove.on("GET", "/datastores", {"datastores": [
        {"id": DSID, "name": "mysql", "versions": [{"id": VID, "name": "8.0"}]},
        {"id": OTHER, "name": "redis", "versions": [{"id": GID, "name": "7.0"}]}]})
    trove.on("GET", f"/datastores/versions/{VID}", {"version": {"id": VID, "name": "8.0"}})
    trove.on("GET", f"/datastores/versions/{VID}/parameters", PARAMS_BODY)
    rows = trove.run_json("database", "configuration", "parameter", "list", "8.0")
    assert rows[0] == {"Name": "max_connections", "Type": "integer", "Min Size": 1,
                       "Max Size": 100000, "Restart Required": False}
    assert rows[3]["Min Size"] == "-" and rows[3]["Max Size"] == "-"
    assert trove.requests[-1] == ("GET", f"/datastores/versions/{VID}/parameters")


def test_parameter_list_with_datastore_is_one_request(trove):
    trove.on("GET", "/datastores/mysql/versions/8.0/parameters", PARAMS_BODY)
    code, _, err = trove.run("database", "configuration", "parameter", "list", "8.0",
                             "--datastore", "mysql")
    assert code == 0, err
    assert trove.requests == [("GET", "/datastores/mysql/versions/8.0/parameters")]


def test_parameter_show_by_version_id(trove):
    trove.on("GET", f"/datastores/versions/{VID}/parameters/autocommit", PARAMS[2])
    shown = trove.run_json("database", "configuration", "parameter", "show", VID, "autocommit")
    assert shown == PARAMS[2] and list(shown)[0] == "name"
    assert trove.requests == [("GET", f"/datastores/versions/{VID}/parameters/autocommit")]


# --- instance requests keep the group (Trove 21.1 to 24.0 drop it) -----------------

GROUP_REF = {"id": GID, "name": "tuned"}


def test_rename_on_a_fixed_server_sends_only_the_rename(trove):
    trove.on("GET", f"/instances/{IID}", show_body(configuration=GROUP_REF))
    trove.on("PUT", f"/instances/{IID}", status=202)
    code, out, err = trove.run("database", "instance", "update", IID, "--name", "db2")
    assert (code, out, err) == (0, "", "")
    assert trove.bodies() == [{"instance": {"name": "db2"}}]
    assert trove.requests == [("GET", f"/instances/{IID}"), ("PUT", f"/instances/{IID}"),
                              ("GET", f"/instances/{IID}")]


def test_rename_on_an_affected_server_attaches_the_group_again(trove, fake_time):
    trove.on("PUT", f"/instances/{IID}", status=202)
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(configuration=GROUP_REF)},
        {"json": show_body()},  # the server dropped the group
        {"json": show_body(status="ACTIVE")},
    ])
    code, out, err = trove.run("database", "instance", "update", IID, "--name", "db2")
    assert code == 0, err
    assert trove.bodies() == [{"instance": {"name": "db2"}},
                              {"instance": {"configuration": GID}}]
    assert err.splitlines()[0] == (
        f"Trove detached configuration group 'tuned' from instance {IID} (a fault of Trove "
        "21.1 to 24.0); attaching it again.")


def test_access_change_waits_before_attaching_the_group_again(trove, fake_time):
    trove.on("PUT", f"/instances/{IID}", status=202)
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(configuration=GROUP_REF, access={"is_public": False})},
        {"json": show_body(status="UPDATING")},
        {"json": show_body(status="UPDATING")},
        {"json": show_body(status="ACTIVE")},
    ])
    code, _, err = trove.run("database", "instance", "update", IID, "--is-public")
    assert code == 0, err
    assert trove.bodies()[-1] == {"instance": {"configuration": GID}}
    assert [m for m, _ in trove.requests] == ["GET", "PUT", "GET", "GET", "GET", "PUT"]


def test_group_that_cannot_be_attached_again_is_one_line(trove, fake_time):
    trove.on("PATCH", f"/instances/{IID}", status=202)
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(configuration=GROUP_REF)},
        {"json": show_body(status="RESTART_REQUIRED")},
    ])
    code, out, err = trove.run("database", "instance", "detach", IID)
    assert code == 1
    assert err.splitlines()[-1].startswith(f"Could not attach configuration group '{GID}' again")
    assert err.splitlines()[-1].endswith(
        f"once the instance is ACTIVE, run 'openstack database configuration attach {IID} "
        f"{GID}'.")
    assert [m for m, _ in trove.requests] == ["GET", "PATCH", "GET", "GET"]


def test_upgrade_reports_a_dropped_group(trove):
    trove.on("PATCH", f"/instances/{IID}", status=202)
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(configuration=GROUP_REF)}, {"json": show_body()}])
    code, _, err = trove.run("database", "instance", "upgrade", IID, "8.0")
    assert code == 0
    assert trove.bodies() == [{"instance": {"datastore_version": "8.0"}}]
    assert err == (
        f"Trove detached configuration group 'tuned' from instance {IID} (a fault of Trove "
        f"21.1 to 24.0); attach a group for the new version with 'openstack database "
        f"configuration attach {IID} {GID}'.\n")


def test_replica_detach_failing_on_the_group_of_a_busy_instance_is_reported_as_under_way(trove):
    # Trove 21.1 to 24.0: the detach starts, then detaching the group of the now
    # DETACHING instance fails with a 500; the group stays.
    trove.on("PATCH", f"/instances/{IID}", status=500, json={"instanceFault": {
        "code": 500, "message": "The operation you have requested cannot be executed because "
        "the instance status is currently: DETACHING."}})
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(configuration=GROUP_REF, status="ACTIVE")},
        {"json": show_body(configuration=GROUP_REF, status="DETACHING")},
    ])
    code, out, err = trove.run("database", "instance", "detach", IID)
    assert (code, out) == (0, "")
    assert err == (
        "Trove answered HTTP 500 (a fault of Trove 21.1 to 24.0), but the change is under way "
        f"and instance {IID} keeps its configuration group.\n")


@pytest.mark.parametrize("status_after, group_after", [
    ("ACTIVE", GROUP_REF), ("DETACHING", None)], ids=["nothing started", "group gone"])
def test_other_server_errors_stay_errors(trove, status_after, group_after):
    trove.on("PATCH", f"/instances/{IID}", status=500, json={"instanceFault": {
        "code": 500, "message": "Something broke."}})
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(configuration=GROUP_REF, status="ACTIVE")},
        {"json": show_body(configuration=group_after, status=status_after)},
    ])
    code, out, err = trove.run("database", "instance", "detach", IID)
    assert (code, out) == (1, "")
    assert err.startswith("Something broke.") and len(err.splitlines()) == 1
