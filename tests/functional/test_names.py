"""Names with awkward characters against the real Trove API: those it accepts round-trip
through create, show and delete; those it refuses end with its own message."""

import pytest

from tests.functional.helpers import made_instance, ok, one_line_error, unique

SECRET = "N4mes-pw"
# Not covered by test_db_user.py: beyond ASCII, a dot that is not .json, ?, #, %, a tab.
USERS = ["ünï", "keep.me", "q?x#1", "50%", "tab\tx"]
DATABASES = ["q?x#1", "50%", "tab\tx"]


@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, unique("names")) as row:
        yield row["id"]


@pytest.mark.parametrize("user", USERS)
def test_accepted_user_names_round_trip(cloud, demo_api, instance, user):
    ok(cloud.openstack("database", "user", "create", instance, user, "--password-stdin",
                       stdin=SECRET))
    shown = ok(cloud.openstack("database", "user", "show", instance, user, "-f", "json")).json()
    assert (shown["name"], shown["host"]) == (user, "%")
    ok(cloud.openstack("database", "user", "delete", instance, user))
    assert user not in [u["name"] for u in demo_api.users.list(instance)]


@pytest.mark.parametrize("user, message", [
    ("a/b", "User create error: 'a/b' is not a valid user name. (HTTP 400)"),
    ("..", "Validation error: users[0]['name'] '..' does not match"),
    ("", "Validation error: users[0]['name'] '' should be non-empty"),
    (" lead", "User create error: ' lead' is not a valid user name. (HTTP 400)"),
])
def test_refused_user_names_get_troves_message(cloud, instance, user, message):
    line = one_line_error(*cloud.openstack("database", "user", "create", instance, user,
                                          "--password-stdin", stdin=SECRET))
    assert line.startswith(message)


def test_accepted_database_names_round_trip(cloud, demo_api, instance):
    ok(cloud.openstack("database", "db", "create", instance, DATABASES[0]))
    demo_api.databases.create(instance, DATABASES[1:])
    assert set(DATABASES) <= {d["name"] for d in demo_api.databases.list(instance)}
    for database in DATABASES:
        ok(cloud.openstack("database", "db", "delete", instance, database))
    assert not set(DATABASES) & {d["name"] for d in demo_api.databases.list(instance)}


def test_a_database_name_beyond_ascii_is_created_but_refused_by_address(cloud, demo_api,
                                                                       instance):
    ok(cloud.openstack("database", "db", "create", instance, "ünï"))
    assert "ünï" in {d["name"] for d in demo_api.databases.list(instance)}
    assert one_line_error(*cloud.openstack("database", "db", "delete", instance, "ünï")) == (
        "Trove's API cannot address database 'ünï': its router misreads characters beyond "
        "ASCII in URLs."
    )
