"""datastore version parameter create/set/delete: an admin defines what configuration
groups of a datastore version may set (/mgmt/datastores/versions/{id}/parameters); and
the API's descriptions of parameters and their definitions."""

import pytest

from osc_trove.api.errors import UnaddressableName
from tests.unit.conftest import API
from tests.unit.helpers import V_ID, sent

MGMT = f"/mgmt/datastores/versions/{V_ID}/parameters"
SHOW = f"/datastores/versions/{V_ID}/parameters/probe"


def definition(**changes):
    param = {"name": "probe", "datastore_version_id": V_ID, "type": "integer", "min": 1,
             "max": 100, "restart_required": False}
    return {**param, **changes}


def test_create_by_version_name_sends_the_whole_definition(trove):
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [
        {"id": V_ID, "name": "8.4", "datastore_id": "ds-1", "datastore_name": "mysql"},
        {"id": "other", "name": "8.4", "datastore_id": "ds-2", "datastore_name": "mariadb"}]})
    trove.on("POST", MGMT, {"configuration-parameters": [definition()]})
    trove.on("GET", SHOW, definition())
    shown = trove.run_json("datastore", "version", "parameter", "create", "8.4", "probe",
                           "--datastore", "mysql", "--type", "integer", "--min", "1",
                           "--max", "100")
    assert trove.bodies() == [{"configuration-parameter": {
        "name": "probe", "data_type": "integer", "restart_required": 0,
        "min_size": 1, "max_size": 100}}]
    assert trove.requests == [("GET", "/mgmt/datastore-versions"), ("POST", MGMT),
                              ("GET", SHOW)]
    assert shown["name"] == "probe" and shown["max"] == 100


def test_create_a_string_parameter_that_needs_a_restart(trove):
    trove.on("POST", MGMT, {"configuration-parameters": [definition()]})
    trove.on("GET", SHOW, definition(type="string"))
    code, _, err = trove.run("datastore", "version", "parameter", "create", V_ID, "probe",
                             "--type", "string", "--restart-required", "--min", "3")
    assert code == 0, err
    # A range means nothing for a string: Trove is not sent one.
    assert trove.bodies() == [{"configuration-parameter": {
        "name": "probe", "data_type": "string", "restart_required": 1}}]


@pytest.mark.parametrize("options, message", [
    (["--type", "integer", "--min", "1"], "An integer parameter needs --min and --max."),
    (["--type", "integer", "--min", "9", "--max", "2"], "--min 9 is above --max 2."),
])
def test_a_bad_range_is_refused_before_any_request(trove, options, message):
    code, out, err = trove.run("datastore", "version", "parameter", "create", V_ID, "probe",
                               *options)
    assert (code, out, err) == (1, "", message + "\n")
    assert trove.requests == []


def test_set_keeps_what_is_not_given(trove):
    trove.on("GET", SHOW, definition())
    trove.on("PUT", f"{MGMT}/probe", definition(max=200, restart_required=True))
    code, _, err = trove.run("datastore", "version", "parameter", "set", V_ID, "probe",
                             "--max", "200", "--restart-required")
    assert code == 0, err
    assert trove.bodies() == [{"configuration-parameter": {
        "name": "probe", "data_type": "integer", "restart_required": 1,
        "min_size": 1, "max_size": 200}}]
    assert trove.requests == [("GET", SHOW), ("PUT", f"{MGMT}/probe"), ("GET", SHOW)]


def test_delete_takes_several_names(trove):
    for name in ("probe", "other"):
        trove.on("DELETE", f"{MGMT}/{name}", status=204)
    assert trove.run("datastore", "version", "parameter", "delete", V_ID, "probe",
                     "other") == (0, "", "")
    assert trove.requests == [("DELETE", f"{MGMT}/probe"), ("DELETE", f"{MGMT}/other")]


def test_a_user_without_the_admin_role_is_told_so(trove):
    trove.on("DELETE", f"{MGMT}/probe", status=401,
             json={"unauthorized": {"code": 401,
                                    "message": "User does not have admin privileges."}})
    code, out, err = trove.run("datastore", "version", "parameter", "delete", V_ID, "probe")
    assert (code, out) == (1, "")
    assert err == ("The cloud's policy refused deleting configuration parameters (an admin "
                   "role is needed): User does not have admin privileges.\n")


# --- the API: trove.configuration_parameters and trove.parameter_definitions --------------

def test_parameters_of_a_version_by_id_or_within_its_datastore(api):
    trove, mocker = api
    listed = {"configuration-parameters": [definition()]}
    mocker.get(API + f"/datastores/versions/{V_ID}/parameters", json=listed)
    mocker.get(API + "/datastores/mysql/versions/8.4/parameters", json=listed)
    mocker.get(API + "/datastores/mysql/versions/8.4/parameters/probe", json=definition())
    params = trove.configuration_parameters
    assert list(params.list(V_ID)) == list(params.list("8.4", datastore="mysql")) \
        == [definition()]
    # One parameter's GET answers it unwrapped.
    assert params.get("8.4", "probe", datastore="mysql") == definition()
    assert sent(mocker) == [("GET", f"/datastores/versions/{V_ID}/parameters"),
                            ("GET", "/datastores/mysql/versions/8.4/parameters"),
                            ("GET", "/datastores/mysql/versions/8.4/parameters/probe")]


def test_a_parameter_named_as_a_path_step_is_refused_as_a_parameter(api):
    trove, mocker = api
    with pytest.raises(UnaddressableName,
                       match="cannot address configuration parameter '..'"):
        trove.configuration_parameters.get(V_ID, "..")
    assert sent(mocker) == []


def test_create_and_update_send_one_body_shape(api):
    trove, mocker = api
    mocker.post(API + MGMT, json=definition())
    mocker.put(API + f"{MGMT}/probe", json=definition())
    defs = trove.parameter_definitions
    defs.create(V_ID, [{"name": "probe", "data_type": "string", "restart_required": True,
                        "min_size": None, "max_size": None}])
    defs.update(V_ID, "probe", data_type="integer", restart_required=False, min_size=1,
                max_size=5)
    # One definition a POST; the flag as 0/1, a range left out when None.
    assert [r.json() for r in mocker.request_history] == [
        {"configuration-parameter": {"name": "probe", "data_type": "string",
                                     "restart_required": 1}},
        {"configuration-parameter": {"name": "probe", "data_type": "integer",
                                     "restart_required": 0, "min_size": 1, "max_size": 5}}]
    assert sent(mocker) == [("POST", MGMT), ("PUT", f"{MGMT}/probe")]


def test_a_definition_is_read_unwrapped(api):
    trove, mocker = api
    shown = {"name": "probe", "datastore_version_id": V_ID, "type": "integer",
             "restart_required": False, "min_size": 1, "max_size": 100}
    mocker.get(API + f"{MGMT}/probe", json=shown)
    assert trove.parameter_definitions.get(V_ID, "probe") == shown
