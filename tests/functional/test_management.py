"""The operators' management routes (issue 30) against the local cloud: each
command as an admin ("local-admin"), and refused in one line to a member."""

import pytest
from osc_lib import exceptions

from tests.functional.helpers import (
    TIMEOUT,
    delete_instance,
    made_cluster,
    made_instance,
    ok,
    one_line_error,
    unique,
)

ADMIN = "local-admin"
ADMIN_NEEDED = "(an admin role is needed): User does not have admin privileges."


@pytest.fixture(scope="module")
def db(demo_api):
    with made_instance(demo_api, unique("mgmt")) as row:
        yield row


@pytest.fixture(scope="module")
def cluster(demo_api):
    with made_cluster(demo_api, unique("mgmt-redis"), "redis", "7.0", 2) as row:
        yield row


@pytest.mark.parametrize("argv", [
    ("instance", "stop"), ("instance", "migrate"), ("instance", "reset", "task"),
    ("instance", "ping"), ("root", "history", "show"),
])
def test_a_member_is_refused_in_one_line(cloud, db, argv):
    line = one_line_error(*cloud.openstack("database", *argv, db["id"]))
    assert line.startswith("The cloud's policy refused ") and line.endswith(ADMIN_NEEDED)


def test_stop_waits_for_the_service_to_be_shutdown(cloud, demo_api):
    with made_instance(demo_api, unique("mgmt-stop")) as row:
        result = ok(cloud.openstack("database", "instance", "stop", row["name"], "--wait",
                                    "--wait-timeout", TIMEOUT, cloud=ADMIN))
        assert result.out == ""
        shown = demo_api.instances.get(row["id"])
        assert (shown["status"], shown["operating_status"]) == ("ACTIVE", "SHUTDOWN")
        ok(cloud.openstack("database", "instance", "reset", "task", row["id"], cloud=ADMIN))


def test_ping_says_the_agent_answered(cloud, db):
    result = ok(cloud.openstack("database", "instance", "ping", db["name"], cloud=ADMIN))
    assert result.out == f"The guest agent of instance {db['id']} answered.\n"


def test_ping_of_a_silent_agent_is_one_line(cloud, demo_api):
    # The fake agent of an instance named *_SILENT answers no call (tools/localcloud).
    with made_instance(demo_api, unique("mgmt-ping")) as row:
        demo_api.instances.update(row["id"], name=row["name"] + "_SILENT")
        line = one_line_error(*cloud.openstack("database", "instance", "ping", row["id"],
                                              cloud=ADMIN))
    assert line == (f"The guest agent of instance '{row['id']}' did not answer: "
                    "Timeout trying to connect to the Guest Agent.")


def test_migrate_wait_says_trove_left_the_instance_where_it_was(cloud, admin_api, demo_api):
    # Stock Trove passes force_host to novaclient's Server.migrate, which does not
    # take it (Trove commit 166fd33e): the task manager gives up and starts the
    # database again on the same host.
    with made_instance(demo_api, unique("mgmt-migrate")) as row:
        host = admin_api.mgmt_instances.get(row["id"])["server"]["host"]
        result = cloud.openstack("database", "instance", "migrate", row["id"], "--wait",
                                 "--wait-timeout", TIMEOUT, cloud=ADMIN)
        assert (result.code, result.out) == (1, ""), result
        *progress, line = result.err.strip().splitlines()  # --wait's progress, then the line
        assert line == (f"Instance {row['id']} is ACTIVE again on host {host}: Trove did not "
                        "move it (its task manager's log says why).")
        assert demo_api.instances.get(row["id"])["status"] == "ACTIVE"


def test_root_history_names_who_enabled_root(cloud, demo_api, db):
    never = ok(cloud.openstack("database", "root", "history", "show", db["id"], "-f", "json",
                               cloud=ADMIN)).json()
    if never["enabled"] == "Never":
        assert never == {"id": db["id"], "enabled": "Never", "user": "Nobody"}
    demo_api.instance_root.enable(db["id"])
    shown = ok(cloud.openstack("database", "root", "history", "show", db["id"], "-f", "json",
                               cloud=ADMIN)).json()
    assert shown["user"] == demo_api.http.adapter.get_user_id()
    assert shown["enabled"] != "Never"


def test_deleted_instances_are_listed_and_shown(admin_api, demo_api):
    with made_instance(demo_api, unique("mgmt-gone")) as row:
        delete_instance(demo_api, row["id"], wait_gone=True)
    listed = [r["id"] for r in admin_api.mgmt_instances.list_deleted()]
    assert row["id"] in listed
    shown = admin_api.mgmt_instances.find_even_deleted(row["id"])
    assert shown["deleted"] is True and shown["deleted_at"]
    live = admin_api.instances.list_all_projects()
    assert row["id"] not in [r["id"] for r in live]
    with pytest.raises(exceptions.Unauthorized):
        list(demo_api.mgmt_instances.list_deleted())


def test_volume_types_of_a_version(cloud):
    rows = ok(cloud.openstack("datastore", "version", "volume", "type", "list", "5.7",
                              "--datastore", "mysql", "-f", "json")).json()
    assert "lvmdriver-1" in [r["Name"] for r in rows]
    line = one_line_error(*cloud.openstack("datastore", "version", "volume", "type", "list",
                                          "no-such-version", "--datastore", "mysql"))
    assert "no-such-version" in line


def test_cluster_member_show_and_reset_task(cloud, admin_api, demo_api, cluster):
    member = cluster["instances"][0]
    shown = ok(cloud.openstack("database", "cluster", "member", "show", cluster["name"],
                               member["name"], "-f", "json")).json()
    assert shown["id"] == member["id"]
    ok(cloud.openstack("database", "cluster", "reset", "task", cluster["id"], cloud=ADMIN))
    assert demo_api.clusters.get(cluster["id"])["task"]["name"] == "NONE"
    line = one_line_error(*cloud.openstack("database", "cluster", "reset", "task",
                                          cluster["id"]))
    assert line.endswith(ADMIN_NEEDED)
    every = {c["id"]: c for c in admin_api.mgmt_clusters.list()}
    assert every[cluster["id"]]["tenant_id"] == demo_api.http.adapter.get_project_id()
    assert admin_api.mgmt_clusters.get(cluster["id"])["deleted"] is False
    with pytest.raises(exceptions.Unauthorized):
        list(demo_api.mgmt_clusters.list())


def test_the_admin_views_as_commands(cloud, demo_api, cluster):
    # instance list/show --deleted, cluster list --all-projects/--deleted, cluster show
    # --deleted: an admin's, each refused in one line to a member.
    name = unique("mgmt-cmd-gone")
    with made_instance(demo_api, name) as row:
        delete_instance(demo_api, row["id"], wait_gone=True)
    listed = ok(cloud.openstack("database", "instance", "list", "--deleted", "-f", "json",
                                cloud=ADMIN)).json()
    (gone,) = [r for r in listed if r["ID"] == row["id"]]
    assert gone["Deleted At"] and gone["Project ID"] == demo_api.http.adapter.get_project_id()
    shown = ok(cloud.openstack("database", "instance", "show", name, "--deleted", "-f", "json",
                               cloud=ADMIN)).json()
    assert (shown["id"], shown["deleted"]) == (row["id"], True)
    live = ok(cloud.openstack("database", "cluster", "list", "--all-projects", "-f", "json",
                              cloud=ADMIN)).json()
    assert cluster["id"] in [r["ID"] for r in live]
    dead = ok(cloud.openstack("database", "cluster", "list", "--deleted", "-f", "json",
                              cloud=ADMIN)).json()
    assert cluster["id"] not in [r["ID"] for r in dead]
    by_admin = ok(cloud.openstack("database", "cluster", "show", cluster["name"], "-f", "json",
                                  cloud=ADMIN)).json()  # another project's, by name
    assert by_admin["id"] == cluster["id"]
    for argv in (("instance", "list", "--deleted"), ("instance", "show", row["id"], "--deleted"),
                 ("cluster", "list", "--all-projects"), ("cluster", "show", cluster["id"],
                                                         "--deleted")):
        assert one_line_error(*cloud.openstack("database", *argv)).endswith(ADMIN_NEEDED)
