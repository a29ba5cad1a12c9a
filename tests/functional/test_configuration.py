"""Configuration group commands, run as a user runs them, against the local cloud.

One MySQL 8.0 instance, made over the API, is shared by this module; every
group made here carries the run's unique prefix and is deleted at the end.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from osc_lib import exceptions

from tests.functional.helpers import made_instance, ok, one_line_error, run_names

name = run_names("fc")



def values_of(api, group_id):
    return api.configurations.get(group_id)["values"]


def group_of(api, instance_id):
    return (api.instances.get(instance_id).get("configuration") or {}).get("id")


@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, name("db"),
                       datastore={"type": "mysql", "version": "8.0"}) as row:
        yield row
        for _ in range(2):
            try:
                demo_api.instances.update(row["id"], configuration=None)
                break
            except exceptions.ClientException:
                pass
    for group in demo_api.configurations.list():
        if group["name"].startswith(name("")):
            try:
                demo_api.configurations.delete(group["id"])
            except exceptions.ClientException:
                pass


def test_group_life_cycle(cloud, demo_api, instance):
    run = cloud.openstack
    db, tuned = instance["name"], name("tuned")

    created = ok(run(
        "database", "configuration", "create", tuned, "--datastore", "mysql",
        "--datastore-version", "8.0", "--description", "load tests",
        "--value", "max_connections=200", "--value", "autocommit=off", "-f", "json",
    )).json()
    gid = created["id"]
    # typed as Trove wants them: integers, and MySQL's on/off integer as 0
    assert values_of(demo_api, gid) == {"max_connections": 200, "autocommit": 0}
    assert created["datastore_version_name"] == "8.0"

    shown = ok(run("database", "configuration", "show", tuned, "-f", "json")).json()
    assert shown["id"] == gid and shown["description"] == "load tests"
    listed = ok(run("database", "configuration", "list", "-f", "json")).json()
    assert [r["ID"] for r in listed if r["Name"] == tuned] == [gid]

    ok(run("database", "configuration", "attach", db, tuned))
    assert group_of(demo_api, instance["id"]) == gid

    # a value that needs a restart: merged into the group, and the instance named
    result = ok(run("database", "configuration", "parameter", "set", tuned,
                    "--value", "innodb_buffer_pool_size=8388608"))
    assert result.err == (f"Restart to apply the new values: {db} "
                          "('openstack database instance restart <instance>').\n")
    assert values_of(demo_api, gid) == {
        "max_connections": 200, "autocommit": 0, "innodb_buffer_pool_size": 8388608}
    ok(run("database", "configuration", "set", "--patch", tuned, '{"long_query_time": 1.5}'))
    assert values_of(demo_api, gid)["long_query_time"] == 1.5
    assert len(values_of(demo_api, gid)) == 4

    # set replaces every value, and shows the group afterwards
    replaced = ok(run("database", "configuration", "set", gid, "--value",
                      "max_connections=300", "-f", "json")).json()
    assert values_of(demo_api, gid) == {"max_connections": 300}
    assert replaced["values"] == '{"max_connections": 300}'

    rows = ok(run("database", "configuration", "instances", tuned, "-f", "json")).json()
    assert rows == [{"ID": instance["id"], "Name": db}]

    refused = run("database", "configuration", "delete", tuned)
    assert refused.code == 1 and "Traceback" not in refused.err
    first, count = refused.err.splitlines()
    assert first.startswith(f"Failed to delete configuration group '{tuned}': A configuration "
                            "group cannot be deleted")
    assert first.endswith(f"Attached to: {db}.")
    assert count == "1 of 1 configuration group failed to delete."

    # the group survives a rename of the instance
    ok(run("database", "instance", "update", instance["id"], "--name", name("db2")))
    assert demo_api.instances.get(instance["id"])["name"] == name("db2")
    assert group_of(demo_api, instance["id"]) == gid

    default = ok(run("database", "configuration", "default", instance["id"], "-f", "json"))
    assert "max_connections" in default.json()

    ok(run("database", "configuration", "detach", name("db2")))
    assert group_of(demo_api, instance["id"]) is None
    ok(run("database", "configuration", "add", name("db2"), gid))
    assert group_of(demo_api, instance["id"]) == gid
    ok(run("database", "configuration", "remove", instance["id"]))
    assert group_of(demo_api, instance["id"]) is None

    ok(run("database", "configuration", "delete", tuned))
    with pytest.raises(exceptions.NotFound):
        demo_api.configurations.get(gid)


@pytest.mark.parametrize(
    "values, message",
    [
        (["--value", "max_connectionz=5"],
         "Unknown configuration parameter 'max_connectionz' for mysql 8.0; "
         "'openstack database configuration parameter list' shows the allowed ones."),
        (["--value", "max_connections=0"],
         "Configuration parameter 'max_connections' takes an integer from 1 to 100000, "
         "not '0'."),
        (['{"innodb_deadlock_detect": "sometimes"}'],
         "Configuration parameter 'innodb_deadlock_detect' takes true or false, "
         "not 'sometimes'."),
        (['{"max_connections": 5'],
         "The values are not valid JSON (Expecting ',' delimiter: line 1 column 22 "
         "(char 21)); give an object such as '{\"max_connections\": 200}'."),
    ],
    ids=["unknown", "out of range", "wrong type", "bad JSON"],
)
def test_bad_values_are_one_line_and_create_nothing(cloud, demo_api, values, message):
    result = cloud.openstack("database", "configuration", "create", name("bad"), *values,
                             "--datastore", "mysql", "--datastore-version", "8.0")
    assert one_line_error(*result) == message
    assert not [g for g in demo_api.configurations.list() if g["name"] == name("bad")]


def test_parameters_with_and_without_datastore(cloud, demo_api):
    version = demo_api.datastore_versions.find("8.0", "mysql")
    by_store = ok(cloud.openstack("database", "configuration", "parameter", "list", "8.0",
                                  "--datastore", "mysql", "-f", "json")).json()
    by_name = ok(cloud.openstack("database", "configuration", "parameter", "list", "8.0",
                                 "-f", "json")).json()
    assert by_store == by_name
    assert {"Name": "max_connections", "Type": "integer", "Min Size": 1,
            "Max Size": 100000, "Restart Required": False} in by_store
    shown = ok(cloud.openstack("database", "configuration", "parameter", "show", "8.0",
                               "innodb_buffer_pool_size", "--datastore", "mysql",
                               "-f", "json")).json()
    assert shown["restart_required"] is True and shown["type"] == "integer"
    by_id = ok(cloud.openstack("database", "configuration", "parameter", "show",
                               version["id"], "autocommit", "-f", "json")).json()
    assert (by_id["min"], by_id["max"]) == (0, 1)


def test_45_groups_list_as_45_and_delete_several(cloud, demo_api):
    prefix = name("many")
    with ThreadPoolExecutor(5) as pool:  # the API server takes requests in parallel
        ids = list(pool.map(lambda i: demo_api.configurations.create(
            name=f"{prefix}-{i:02d}", values={}, datastore={"type": "mysql", "version": "8.0"}
        )["id"], range(45)))
    rows = ok(cloud.openstack("database", "configuration", "list", "-f", "json")).json()
    assert sorted(r["ID"] for r in rows if r["Name"].startswith(prefix)) == sorted(ids)

    result = cloud.openstack("database", "configuration", "delete", ids[0], f"{prefix}-01",
                             name("none"))
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.splitlines() == [
        f"Failed to delete configuration group '{name('none')}': No configuration group with "
        f"a name or ID of '{name('none')}' exists.",
        "1 of 3 configuration groups failed to delete.",
    ]
    remaining = {g["id"] for g in demo_api.configurations.list()}
    assert ids[0] not in remaining and ids[1] not in remaining and ids[2] in remaining


def test_unset_removes_the_named_values_and_keeps_the_others(cloud, demo_api):
    group = demo_api.configurations.create(
        name=name("unset"), values={"max_connections": 300, "autocommit": 1,
                                    "connect_timeout": 20},
        datastore={"type": "mysql", "version": "8.0"})
    try:
        ok(cloud.openstack("database", "configuration", "unset", name("unset"),
                           "max_connections", "connect_timeout"))
        assert values_of(demo_api, group["id"]) == {"autocommit": 1}
        line = one_line_error(*cloud.openstack("database", "configuration", "unset",
                                              name("unset"), "no_such_value"))
        assert "no_such_value" in line
        assert values_of(demo_api, group["id"]) == {"autocommit": 1}  # nothing sent
    finally:
        demo_api.configurations.delete(group["id"])


def test_set_names_what_it_removes_and_attach_detach_wait(cloud, demo_api, instance):
    """Three values, then a set of one: stderr names the two it removed, and its
    command puts them back; attach and detach --wait end on the instance's view."""
    run = cloud.openstack
    group = demo_api.configurations.create(
        name=name("three"), values={"max_connections": 300, "autocommit": 1,
                                    "connect_timeout": 20},
        datastore={"type": "mysql", "version": "8.0"})
    gid = group["id"]
    attached = ok(run("database", "configuration", "attach", instance["id"], gid, "--wait",
                      "--wait-timeout", "120"))
    # Dynamic values: Trove applies them within the request and the instance stays ACTIVE.
    assert attached.err.splitlines()[-1].startswith(f"instance {instance['id']}: ACTIVE (")
    assert group_of(demo_api, instance["id"]) == gid

    result = ok(run("database", "configuration", "set", name("three"), "--value",
                    "max_connections=400"))
    assert result.err == (
        f"Removed from configuration group '{name('three')}' (set replaces every value): "
        "autocommit=1, connect_timeout=20. To put them back: 'openstack database "
        f"configuration parameter set {gid} --value autocommit=1 --value connect_timeout=20'.\n")
    assert values_of(demo_api, gid) == {"max_connections": 400}
    ok(run("database", "configuration", "parameter", "set", gid, "--value", "autocommit=1",
           "--value", "connect_timeout=20"))
    assert values_of(demo_api, gid) == {"max_connections": 400, "autocommit": 1,
                                        "connect_timeout": 20}

    detached = ok(run("database", "configuration", "detach", instance["id"], "--wait",
                      "--wait-timeout", "120"))
    assert detached.err.splitlines()[-1].startswith(f"instance {instance['id']}: ")
    assert group_of(demo_api, instance["id"]) is None
    demo_api.configurations.delete(gid)
