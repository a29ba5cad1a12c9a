"""The read-only commands against the local cloud, as a user runs them.

One run per command and lookup (JSON, whose fields are the table's rows and
columns); how each table looks is pinned on Trove's recorded answers in
tests/unit (test_datastore.py, test_flavor_limit.py, test_output_contract.py).
"""

import pytest

from tests.functional.helpers import one_line_error


@pytest.fixture(scope="module")
def mysql(cloud):
    rows = cloud.openstack("datastore", "list", "--long", "-f", "json").json()
    return next(r for r in rows if r["Name"] == "mysql")


def test_datastore_list_long(mysql):
    assert mysql["ID"] and "5.7" in mysql["Versions"]


def test_datastore_show_by_name_and_id(cloud, mysql):
    by_name = cloud.openstack("datastore", "show", "mysql", "-f", "json").json()
    by_id = cloud.openstack("datastore", "show", mysql["ID"], "-f", "json").json()
    assert by_name == by_id
    assert by_name["name"] == "mysql" and by_name["id"] == mysql["ID"]
    assert "default_version" in by_name


def test_datastore_show_unknown(cloud):
    line = one_line_error(*cloud.openstack("datastore", "show", "nope"))
    assert line == "No datastore with a name or ID of 'nope' exists."


def test_datastore_version_list_and_show(cloud, mysql):
    versions = cloud.openstack("datastore", "version", "list", "mysql", "-f", "json").json()
    v57 = next(v for v in versions if v["Name"] == "5.7")
    assert cloud.openstack("datastore", "version", "list", mysql["ID"], "-f",
                           "json").json() == versions
    by_id = cloud.openstack("datastore", "version", "show", v57["ID"], "-f", "json").json()
    by_name = cloud.openstack("datastore", "version", "show", "5.7", "--datastore", "mysql",
                              "-f", "json").json()
    assert by_id["id"] == by_name["id"] == v57["ID"]
    assert by_id["name"] == "5.7"


def test_datastore_version_show_unknown(cloud):
    line = one_line_error(*cloud.openstack("datastore", "version", "show", "0.0"))
    assert line == "No datastore version with a name or ID of '0.0' exists."


def test_flavor_list_show_by_name_and_id(cloud):
    rows = cloud.openstack("database", "flavor", "list", "-f", "json").json()
    assert rows and all(r["ID"] for r in rows)
    small = next(r for r in rows if r["Name"] == "m1.small")
    by_name = cloud.openstack("database", "flavor", "show", "m1.small", "-f", "json").json()
    by_id = cloud.openstack("database", "flavor", "show", str(small["ID"]), "-f",
                            "json").json()
    assert by_name == by_id and by_name["ram"] == small["RAM"]
    assert by_name["name"] == "m1.small"


def test_flavor_list_for_a_datastore_version(cloud):
    rows = cloud.openstack("database", "flavor", "list", "--datastore-type", "mysql",
                           "--datastore-version-id", "5.7", "-f", "json").json()
    assert "m1.small" in {r["Name"] for r in rows}


def test_flavor_show_unknown(cloud):
    line = one_line_error(*cloud.openstack("database", "flavor", "show", "nope"))
    assert line == "No flavor with a name or ID of 'nope' exists."


def test_limit_list_and_alias(cloud):
    rows = cloud.openstack("database", "limit", "list", "-f", "json").json()
    assert any(r["Verb"] == "ABSOLUTE" and r["Limit"] == "max_instances" for r in rows)
    assert any(r["Verb"] == "GET" for r in rows)
    alias = cloud.openstack("database", "limits", "list", "-f", "json").json()
    assert any(r["Verb"] == "ABSOLUTE" and r["Limit"] == "max_instances" for r in alias)


def test_admin_sees_the_same_datastores(cloud, mysql):
    admin = cloud.openstack("datastore", "list", "-f", "json", cloud="local-admin").json()
    assert "mysql" in {r["Name"] for r in admin}
    demo = cloud.openstack("datastore", "list", "-f", "json").json()
    assert {r["Name"] for r in demo} <= {r["Name"] for r in admin}
