"""database configuration unset: the group's other values are kept."""

import pytest

from tests.unit.helpers import IID

GID = "1f2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
VID = "7c5a3e21-1a2b-4c3d-8e9f-001122334455"
VALUES = {"max_connections": 200, "innodb_buffer_pool_size": 8388608, "autocommit": 0}
PARAMS = [
    {"name": "max_connections", "type": "integer", "restart_required": False},
    {"name": "innodb_buffer_pool_size", "type": "integer", "restart_required": True},
    {"name": "autocommit", "type": "integer", "restart_required": False},
]


@pytest.fixture
def group(trove):
    trove.on("GET", f"/configurations/{GID}", {"configuration": {
        "id": GID, "name": "tuned", "values": VALUES, "datastore_name": "mysql",
        "datastore_version_id": VID, "datastore_version_name": "8.0"}})
    trove.on("GET", f"/datastores/versions/{VID}/parameters",
             {"configuration-parameters": PARAMS})
    trove.on("PUT", f"/configurations/{GID}", status=202)
    return trove


def test_unset_sends_the_other_values_back(group):
    group.on("GET", f"/configurations/{GID}/instances", {"instances": []})
    code, out, err = group.run("database", "configuration", "unset", GID, "autocommit",
                               "max_connections")
    assert (code, err) == (0, "")
    assert group.bodies() == [{"configuration": {"values": {"innodb_buffer_pool_size": 8388608}}}]
    assert group.requests == [
        ("GET", f"/configurations/{GID}"),
        ("GET", f"/datastores/versions/{VID}/parameters"),
        ("PUT", f"/configurations/{GID}"),
        ("GET", f"/configurations/{GID}/instances"),
        ("GET", f"/configurations/{GID}"),
    ]


def test_unset_names_the_instances_to_restart(group):
    group.on("GET", f"/configurations/{GID}/instances",
             {"instances": [{"id": IID, "name": "db1"}]})
    code, _, err = group.run("database", "configuration", "unset", GID,
                             "innodb_buffer_pool_size")
    assert code == 0
    assert err == ("Restart to apply the new values: db1 "
                   "('openstack database instance restart <instance>').\n")


def test_unset_refuses_a_name_the_group_has_no_value_for(group):
    code, out, err = group.run("database", "configuration", "unset", GID, "autocommit",
                               "wait_timeout")
    assert (code, out) == (1, "")
    assert err == (f"Configuration group '{GID}' has no value for wait_timeout (it has: "
                   "autocommit, innodb_buffer_pool_size, max_connections).\n")
    assert group.requests == [("GET", f"/configurations/{GID}")]
