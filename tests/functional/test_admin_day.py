"""A DBA's and an admin's day with instances, as one scenario on the local cloud (issue 27).

The member (local-demo) makes a MySQL 8.0 instance whose users' passwords come
from stdin, backs it up, restores it without naming a datastore, adds a
replica and deletes the replica set in one command; the admin (local-admin)
acts by name on the member's instance and lists every project's live
instances. Each step checks what the cloud holds afterwards, over the API.
"""


from tests.functional.helpers import (
    TIMEOUT,
    backup_done,
    create_instance,
    delete_instance,
    gone,
    ok,
    one_line_error,
    run_names,
    wait_instance,
)

name = run_names("fd")



def create(cloud, *argv, stdin=None):
    """`instance create ... --wait -f json`: the instance, and what stderr said."""
    result = ok(cloud.openstack("database", "instance", "create", *argv, "--wait",
                                "--wait-timeout", TIMEOUT, "-f", "json", stdin=stdin))
    return result.json(), result.err


def test_a_dba_and_an_admin_day(cloud, demo_api, admin_api):
    made = []
    try:
        # Forgetting --size: one line naming it, and no instance.
        line = one_line_error(*cloud.openstack(
            "database", "instance", "create", name("nosize"), "--flavor", "m1.small",
            "--datastore", "mysql", "--datastore-version", "8.0"))
        assert line.startswith("Give the volume size with --size <GB>"), line
        assert name("nosize") not in {row["name"] for row in demo_api.instances.list()}

        # Create-time users whose passwords are read from stdin, not argv.
        source, _ = create(cloud, name("src"), "--flavor", "m1.small", "--size", "1",
                           "--datastore", "mysql", "--datastore-version", "8.0",
                           "--databases", "app", "--users", "alice", "bob",
                           "--password-stdin", stdin="Alice-pw-1\nBob-pw-2\n")
        made.append(source["id"])
        users = {row["name"] for row in demo_api.users.list(source["id"])}
        assert {"alice", "bob"} <= users

        # A restore with no datastore given lands on the backup's version.
        backup = demo_api.backups.create(name=name("bk"), instance=source["id"])
        backup_done(demo_api, backup["id"])
        restored, said = create(cloud, name("restored"), "--flavor", "m1.small", "--size", "1",
                                "--backup", name("bk"))
        made.append(restored["id"])
        assert "Restoring into mysql 8.0, the datastore version of the backup" in said
        assert demo_api.instances.get(restored["id"])["datastore"]["version"] == "8.0"

        # The admin acts by name on the member's instance; the member's unknown
        # name stays one line.
        shown = ok(cloud.openstack("database", "instance", "show", name("restored"), "-f",
                                   "json", cloud="local-admin")).json()
        assert shown["id"] == restored["id"]
        ok(cloud.openstack("database", "instance", "reset", "status", name("restored"),
                           cloud="local-admin"))
        line = one_line_error(*cloud.openstack("database", "instance", "show", name("nobody")))
        assert line == f"No instance with a name or ID of '{name('nobody')}' exists."

        # A replica set deleted in one command: the replica first, then the source.
        replica = create_instance(demo_api, name("rep"), flavor=None, replica_of=source["id"])
        made.append(replica["id"])
        wait_instance(demo_api, replica["id"])
        result = ok(cloud.openstack("database", "instance", "delete", name("src"),
                                    name("rep"), "--wait", "--wait-timeout", TIMEOUT))
        assert "Failed" not in result.err
        assert gone(demo_api, source["id"]) and gone(demo_api, replica["id"])

        # The admin's lists hold live instances only.
        ok(cloud.openstack("database", "instance", "delete", name("restored"), "--wait",
                           "--wait-timeout", TIMEOUT))
        unfiltered = {row["id"] for row in admin_api.http.paginate("/mgmt/instances", "instances")}
        assert set(made) <= unfiltered  # Trove's own default: deleted rows too
        for scope in (["--all-projects"], ["--project", "demo"]):
            rows = ok(cloud.openstack("database", "instance", "list", *scope, "-f", "json",
                                      cloud="local-admin")).json()
            assert not {row["ID"] for row in rows} & set(made), scope
    finally:
        for instance_id in reversed(made):
            delete_instance(demo_api, instance_id, wait_gone=True)


def test_an_admin_is_told_every_project_holding_a_name(cloud, demo_api):
    project = demo_api.http.adapter.get_project_id()
    twins = []
    try:
        for _ in range(2):
            twins.append(create_instance(demo_api, name("twin")))
        line = one_line_error(*cloud.openstack("database", "instance", "show", name("twin"),
                                              cloud="local-admin"))
        assert line.startswith(f"More than one instance is named '{name('twin')}' in other "
                               "projects (")
        for twin in twins:
            assert f"{twin['id']} of project {project}" in line
    finally:
        for twin in twins:
            delete_instance(demo_api, twin["id"])
