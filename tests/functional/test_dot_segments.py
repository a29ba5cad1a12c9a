"""`.` and `..` given where a name goes into a URL never reach another resource.

`openstack` talks to the local cloud through tests/functional/fault_proxy.py,
which records every request line as it arrived: what Trove was asked, not what
`--debug` logged. Each command is refused in one line, and no request holding
a dot segment, nor any request that changes something, reached Trove.
"""


import pytest

from tests.functional.helpers import made_instance, ok, one_line_error, unique

KEEP = "keepdb"


@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, unique("dots")) as row:
        demo_api.databases.create(row["id"], [KEEP])
        demo_api.users.create(row["id"], [{"name": "keeper", "password": "K33p-pw",
                                           "databases": [KEEP]}])
        yield row["id"]


# Every argument that osc-trove puts into a URL path as the user typed it
# (references to instances, groups and the like are looked up by name first).
MEMBER_COMMANDS = [
    ("database", "user", "show", "{i}", "{dot}"),
    ("database", "user", "show", "{i}", "{dot}", "--access"),
    ("database", "user", "show", "access", "{i}", "{dot}"),
    ("database", "user", "delete", "{i}", "{dot}"),
    ("database", "user", "update", "attributes", "{i}", "{dot}", "--new-name", "x1"),
    ("database", "user", "grant", "access", "{i}", "{dot}", KEEP),
    ("database", "user", "revoke", "access", "{i}", "{dot}", KEEP),
    ("database", "user", "revoke", "access", "{i}", "keeper", "{dot}"),
    ("database", "db", "delete", "{i}", "{dot}"),
    ("datastore", "show", "{dot}"),
    ("datastore", "version", "show", "5.7", "--datastore", "{dot}"),
    ("datastore", "version", "show", "{dot}", "--datastore", "mysql"),
    ("database", "configuration", "parameter", "show", "5.7", "{dot}", "--datastore", "mysql"),
    ("database", "configuration", "parameter", "list", "{dot}", "--datastore", "mysql"),
    ("database", "flavor", "list", "--datastore-type", "{dot}",
     "--datastore-version-id", "5.7"),
    ("database", "flavor", "list", "--datastore-type", "mysql",
     "--datastore-version-id", "{dot}"),
]
ADMIN_COMMANDS = [
    ("datastore", "version", "parameter", "delete", "5.7", "{dot}", "--datastore", "mysql"),
    ("datastore", "version", "parameter", "set", "5.7", "{dot}", "--datastore", "mysql",
     "--max", "9"),
    ("database", "quota", "show", "{dot}"),
]


def dot_segments(paths):
    return [p for p in paths if {".", ".."} & set(p.split("?")[0].split("/"))]


@pytest.mark.parametrize("dot", ["..", "."])
@pytest.mark.parametrize("words", MEMBER_COMMANDS + ADMIN_COMMANDS,
                         ids=lambda words: " ".join(w for w in words if "{" not in w))
def test_a_dot_name_is_refused_and_nothing_reaches_trove(proxied, proxy, demo_api, instance,
                                                         words, dot):
    user = "local-admin" if words in ADMIN_COMMANDS else "local-demo"
    argv = [w.format(i=instance, dot=dot) for w in words]
    proxy.inject(None)
    result = proxied.openstack(*argv, cloud=user)
    line = one_line_error(*result)
    assert f"'{dot}'" in line, line
    seen = proxy.trove_requests()
    assert dot_segments([path for _, _, path, _ in seen]) == []
    assert [method for _, method, _, _ in seen if method != "GET"] == []
    # And what the first such command once deleted is still there.
    assert KEEP in [d["name"] for d in demo_api.databases.list(instance)]
    assert [KEEP] == [d["name"] for d in demo_api.users.list_access(instance, "keeper")]


def test_names_with_dots_that_are_not_dot_segments_still_work(proxied, proxy, instance):
    proxy.inject(None)
    ok(proxied.openstack("database", "user", "create", instance, "a..b", "--password-stdin",
                         stdin="D0ts-pw"))
    shown = ok(proxied.openstack("database", "user", "show", instance, "a..b", "-f", "json"))
    assert shown.json()["name"] == "a..b"
    ok(proxied.openstack("database", "user", "delete", instance, "a..b"))
    (deleted,) = [path for _, _, path, _ in proxy.trove_requests("DELETE")]
    assert deleted.endswith(f"/instances/{instance}/users/a..b")
