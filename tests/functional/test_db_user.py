"""Databases and users on an ACTIVE instance of the local cloud, as a user runs them."""

import pytest

from tests.functional.helpers import TIMEOUT, made_instance, ok, one_line_error, unique

SECRET = "S3cret-pw"


@pytest.fixture(scope="module")
def instance(demo_api):
    """An ACTIVE mysql 5.7 instance, made over the API and deleted at the end."""
    with made_instance(demo_api, unique("dbuser"),
                       datastore={"type": "mysql", "version": "5.7"}) as row:
        yield {"id": row["id"], "name": row["name"]}


def names(rows):
    return [row["Name"] for row in rows]


def access(cloud, instance, user, *extra):
    rows = ok(cloud.openstack("database", "user", "show", "access", instance["id"], user,
                              *extra, "-f", "json")).json()
    return sorted(names(rows))


# --- databases ---------------------------------------------------------------------------


def test_databases_create_list_delete_and_their_aliases(cloud, instance):
    ok(cloud.openstack("database", "db", "create", instance["name"], "shop",
                       "--character-set", "utf8mb4", "--collate", "utf8mb4_general_ci"))
    ok(cloud.openstack("database", "add", instance["id"], "stock"))
    rows = ok(cloud.openstack("database", "db", "list", instance["name"], "-f", "json")).json()
    assert {"shop", "stock"} <= set(names(rows))
    assert set(rows[0]) == {"Name"}
    assert ok(cloud.openstack("database", "list", instance["id"], "-f", "json")).json() == rows
    table = ok(cloud.openstack("database", "db", "list", instance["id"]))
    assert "| Name " in table.out and "| shop " in table.out
    ok(cloud.openstack("database", "db", "delete", instance["id"], "shop"))
    ok(cloud.openstack("database", "remove", instance["name"], "stock"))
    rows = ok(cloud.openstack("database", "db", "list", instance["id"], "-f", "json")).json()
    assert not {"shop", "stock"} & set(names(rows))


def test_database_names_with_special_characters_travel_intact(cloud, instance):
    special = ["a b", "x@y", "q?z", "h#1"]
    for name in special:
        ok(cloud.openstack("database", "db", "create", instance["id"], name))
    rows = ok(cloud.openstack("database", "db", "list", instance["id"], "-f", "json")).json()
    assert set(special) <= set(names(rows))
    for name in special:
        ok(cloud.openstack("database", "db", "delete", instance["id"], name))
    rows = ok(cloud.openstack("database", "db", "list", instance["id"], "-f", "json")).json()
    assert not set(special) & set(names(rows))


def test_database_list_reads_every_page(cloud, demo_api, instance):
    # 23 names that sort first: page one ends on "00p19@a", a marker Trove quotes twice.
    wanted = [f"00p{i:02}@a" for i in range(23)]
    demo_api.databases.create(instance["id"], wanted)
    try:
        rows = ok(cloud.openstack("database", "db", "list", instance["id"], "-f", "json")).json()
        assert [n for n in names(rows) if n.startswith("00p")] == wanted
        limited = ok(cloud.openstack("database", "db", "list", instance["id"], "--limit", "21",
                                     "-f", "json")).json()
        assert names(limited) == wanted[:21]
        after = ok(cloud.openstack("database", "db", "list", instance["id"], "--marker",
                                   "00p20@a", "-f", "json")).json()
        assert names(after)[:2] == wanted[21:]
    finally:
        for name in wanted:
            demo_api.databases.delete(instance["id"], name)


# --- users -------------------------------------------------------------------------------


def api_access(demo_api, instance, user, host=None):
    """The user's databases as the server has them (cheaper than a CLI run)."""
    return sorted(db["name"] for db in demo_api.users.list_access(instance["id"], user, host))


def api_user_names(demo_api, instance):
    return {user["name"] for user in demo_api.users.list(instance["id"])}


def test_user_life_cycle_with_every_command_and_alias(cloud, demo_api, instance):
    inst = instance["id"]
    # The database commands have their own tests: these two are made over the API.
    demo_api.databases.create(inst, ["story_a", "story_b"])

    created = ok(cloud.openstack("database", "user", "create", instance["name"], "alice",
                                 SECRET, "--databases", "story_a"))
    assert created.out == ""
    shown = ok(cloud.openstack("database", "user", "show", inst, "alice", "-f", "json")).json()
    assert shown == {"name": "alice", "host": "%", "databases": [{"name": "story_a"}]}
    table = ok(cloud.openstack("database", "user", "show", instance["name"], "alice"))
    assert "| databases | story_a" in table.out

    ok(cloud.openstack("database", "user", "grant", "access", inst, "alice", "story_b"))
    assert access(cloud, instance, "alice") == ["story_a", "story_b"]
    spec_form = ok(cloud.openstack("database", "user", "show", "--access", inst, "alice",
                                   "-f", "json")).json()
    assert sorted(names(spec_form)) == ["story_a", "story_b"]

    ok(cloud.openstack("database", "user", "revoke", "access", inst, "alice", "story_a"))
    assert api_access(demo_api, instance, "alice") == ["story_b"]
    ok(cloud.openstack("database", "user", "add", "--access", inst, "alice", "story_a"))
    assert api_access(demo_api, instance, "alice") == ["story_a", "story_b"]
    ok(cloud.openstack("database", "user", "remove", "--access", inst, "alice", "story_a"))
    assert api_access(demo_api, instance, "alice") == ["story_b"]

    ok(cloud.openstack("database", "user", "update", "attributes", inst, "alice",
                       "--new-name", "alice2", "--new-password-stdin", stdin=SECRET + "2\n"))
    assert ok(cloud.openstack("database", "user", "show", inst, "alice2", "-f",
                              "json")).json()["databases"] == [{"name": "story_b"}]
    line = one_line_error(*cloud.openstack("database", "user", "show", inst, "alice"))
    assert line == "User alice cannot be found on the instance. (HTTP 404)"
    ok(cloud.openstack("database", "user", "set", "--attributes", inst, "alice2",
                       "--new-password", SECRET + "3"))

    users = ok(cloud.openstack("database", "user", "list", instance["name"], "-f",
                               "json")).json()
    assert {"Name": "alice2", "Host": "%", "Databases": [{"name": "story_b"}]} in users
    value = ok(cloud.openstack("database", "user", "list", inst, "-f", "value"))
    assert "alice2 % story_b" in value.out.splitlines()
    table = ok(cloud.openstack("database", "user", "list", inst))
    assert "| alice2 " in table.out and "| Host " in table.out

    ok(cloud.openstack("database", "user", "delete", inst, "alice2"))
    assert "alice2" not in api_user_names(demo_api, instance)
    for database in ("story_a", "story_b"):
        demo_api.databases.delete(inst, database)


def test_users_with_hosts_and_special_names(cloud, demo_api, instance):
    inst = instance["id"]
    demo_api.databases.create(inst, ["hosts_db"])
    ok(cloud.openstack("database", "user", "create", inst, "x@y", "--host", "10.0.0.1",
                       "--password-stdin", stdin=SECRET + "\n"))
    shown = ok(cloud.openstack("database", "user", "show", inst, "x@y", "--host", "10.0.0.1",
                               "-f", "json")).json()
    assert shown == {"name": "x@y", "host": "10.0.0.1", "databases": []}
    line = one_line_error(*cloud.openstack("database", "user", "show", inst, "x@y"))
    assert line == "User x@y@% cannot be found on the instance. (HTTP 404)"

    host = ("--host", "10.0.0.1")
    ok(cloud.openstack("database", "user", "grant", "access", inst, "x@y", "hosts_db", *host))
    assert access(cloud, instance, "x@y", *host) == ["hosts_db"]
    ok(cloud.openstack("database", "user", "revoke", "access", inst, "x@y", "hosts_db", *host))
    assert access(cloud, instance, "x@y", *host) == []
    ok(cloud.openstack("database", "user", "update", "attributes", inst, "x@y", *host,
                       "--new-host", "10.0.0.2"))
    moved = ok(cloud.openstack("database", "user", "show", inst, "x@y", "--host", "10.0.0.2",
                               "-f", "json")).json()
    assert moved["host"] == "10.0.0.2"
    ok(cloud.openstack("database", "user", "delete", inst, "x@y", "--host", "10.0.0.2"))

    # Names that a single quoting would garble: Trove unquotes user names twice.
    for name, host in (("a b", "%"), ("p%41", "%"), ("z.json", "h.json")):
        ok(cloud.openstack("database", "user", "create", inst, name, "--host", host,
                           "--password-stdin", stdin=SECRET))
        shown = ok(cloud.openstack("database", "user", "show", inst, name, "--host", host,
                                   "-f", "json")).json()
        assert (shown["name"], shown["host"]) == (name, host)
        ok(cloud.openstack("database", "user", "delete", inst, name, "--host", host))
    assert not {"x@y", "a b", "p%41", "z.json"} & api_user_names(demo_api, instance)
    demo_api.databases.delete(inst, "hosts_db")


def test_user_list_reads_every_page(cloud, demo_api, instance):
    # 22 users that sort first: page one ends on "00u19@a@%", a marker Trove quotes twice.
    wanted = [f"00u{i:02}@a" for i in range(22)]
    demo_api.users.create(instance["id"], [{"name": n, "password": SECRET} for n in wanted])
    try:
        rows = ok(cloud.openstack("database", "user", "list", instance["id"], "-f",
                                  "json")).json()
        assert [n for n in names(rows) if n.startswith("00u")] == wanted
        limited = ok(cloud.openstack("database", "user", "list", instance["id"], "--limit",
                                     "20", "-f", "json")).json()
        assert names(limited) == wanted[:20]
    finally:
        for name in wanted:
            demo_api.users.delete(instance["id"], name)


# --- --wait: what Trove's API shows once the guest agent has done the work ---------------


def waited(cloud, *argv):
    """The progress lines of `argv --wait` (which must succeed)."""
    result = ok(cloud.openstack(*argv, "--wait", "--wait-timeout", TIMEOUT))
    assert result.out == ""
    return [line.rsplit(" (", 1)[0] for line in result.err.splitlines()]


def test_wait_ends_on_what_trove_then_shows(cloud, demo_api, instance):
    inst = instance["id"]
    # The local cloud's guest works within the request: each wait's first poll ends it.
    assert waited(cloud, "database", "db", "create", instance["name"], "w_db") == [
        "database w_db: LISTED"]
    created = ok(cloud.openstack("database", "user", "create", inst, "wuser", "--password-stdin",
                                 "--wait", stdin=SECRET + "\n"))
    assert created.err.startswith("user wuser: SHOWN (")
    assert waited(cloud, "database", "user", "grant", "access", inst, "wuser", "w_db") == [
        "access of user wuser to w_db: SHOWN"]
    assert api_access(demo_api, instance, "wuser") == ["w_db"]
    assert waited(cloud, "database", "user", "revoke", "access", inst, "wuser", "w_db") == [
        "access of user wuser to w_db: GONE"]
    assert waited(cloud, "database", "user", "update", "attributes", inst, "wuser",
                  "--new-name", "wuser2", "--new-host", "10.0.0.9") == [
        "user wuser2@10.0.0.9: SHOWN"]
    assert waited(cloud, "database", "user", "delete", inst, "wuser2", "--host", "10.0.0.9") == [
        "user wuser2@10.0.0.9: GONE"]
    assert waited(cloud, "database", "db", "delete", inst, "w_db") == ["database w_db: GONE"]
    assert "w_db" not in {db["name"] for db in demo_api.databases.list(inst)}
    assert "wuser2" not in api_user_names(demo_api, instance)


# --- errors ------------------------------------------------------------------------------


def test_errors_are_one_clear_line(cloud, demo_api, instance):
    inst = instance["id"]
    assert one_line_error(*cloud.openstack("database", "db", "list", "no-such-instance")) == (
        "No instance with a name or ID of 'no-such-instance' exists."
    )
    assert one_line_error(*cloud.openstack("database", "user", "show", "no-such-instance",
                                          "bob")) == (
        "No instance with a name or ID of 'no-such-instance' exists."
    )
    assert one_line_error(*cloud.openstack("database", "user", "show", inst, "nobody")) == (
        "User nobody cannot be found on the instance. (HTTP 404)"
    )
    assert one_line_error(*cloud.openstack("database", "user", "delete", inst, "nobody")) == (
        "User nobody cannot be found on the instance. (HTTP 404)"
    )
    assert one_line_error(*cloud.openstack("database", "db", "delete", inst, "nodb")) == (
        "Database nodb cannot be found on the instance. (HTTP 404)"
    )
    demo_api.databases.create(inst, ["dup_db"])
    try:
        assert one_line_error(*cloud.openstack("database", "db", "create", inst, "dup_db")) == (
            'A database with the name "dup_db" already exists. (HTTP 400)'
        )
    finally:
        demo_api.databases.delete(inst, "dup_db")
    reserved = one_line_error(*cloud.openstack("database", "db", "create", inst, "mysql"))
    assert reserved.startswith('Database name "mysql" is on the reserved list')
    assert reserved.endswith("(HTTP 400)")


def test_invalid_names_as_the_server_reports_them(cloud, instance):
    inst = instance["id"]
    bad_name = one_line_error(*cloud.openstack("database", "user", "create", inst, "bad;name",
                                              SECRET))
    assert bad_name == "User create error: 'bad;name' is not a valid user name. (HTTP 400)"
    no_letter = one_line_error(*cloud.openstack("database", "user", "create", inst, "%",
                                               SECRET))
    assert no_letter.startswith("Validation error: users[0]['name'] '%' does not match")
    bad_host = one_line_error(*cloud.openstack("database", "user", "create", inst, "ok",
                                              SECRET, "--host", "bad host"))
    assert bad_host.startswith("Validation error: users[0]['host'] 'bad host' does not match")
    assert bad_host.endswith("(HTTP 400)")


# --- passwords in --debug logs -------------------------------------------------------------


def secret_lines(result, secret):
    return [line for line in (result.out + result.err).splitlines() if secret in line]


def test_debug_user_create_never_shows_the_password(cloud, instance):
    inst = instance["id"]
    try:
        result = ok(cloud.openstack_process("--debug", "database", "user", "create", inst,
                                            "bob", SECRET))
        assert '"password": "***"' in result.err  # keystoneauth's request body line
        assert "password='***'" in result.err  # osc-lib's run(Namespace(...)) line
        assert "START with options:" in result.err and " bob ***" in result.err
        assert secret_lines(result, SECRET) == []
    finally:
        cloud.openstack("database", "user", "delete", inst, "bob")


def test_passwords_from_stdin_never_show_in_debug_logs(cloud, instance):
    inst = instance["id"]
    created = ok(cloud.openstack_process("--debug", "database", "user", "create", inst, "carol",
                                         "--password-stdin", stdin=SECRET + "\n"))
    updated = ok(cloud.openstack_process("--debug", "database", "user", "update", "attributes",
                                         inst, "carol", "--new-password-stdin",
                                         stdin=SECRET + "-new\n"))
    assert "REQ: curl" in created.err and '"password": "***"' in updated.err
    assert secret_lines(created, SECRET) == [] and secret_lines(updated, SECRET) == []
    ok(cloud.openstack("database", "user", "delete", inst, "carol"))
