"""database db create/delete/list and their spec aliases (database add/remove/list)."""

import pytest

from tests import inprocess
from tests.unit.conftest import TROVE, sample

INSTANCE_ID = sample("instance-show-response.json")["instance"]["id"]  # named `test`
INSTANCE = f"/instances/{INSTANCE_ID}"


@pytest.fixture
def inst(trove):
    """The sample instance, found by ID (GET /instances/<id>) or by name `test`."""
    trove.on("GET", INSTANCE, sample("instance-show-response.json"))
    trove.on("GET", "/instances", sample("instance-list-response.json"))
    return trove


def test_create_by_id_is_one_request(inst):
    inst.on("POST", f"{INSTANCE}/databases", status=202)
    code, out, err = inst.run("database", "db", "create", INSTANCE_ID, "shop")
    assert (code, out, err) == (0, "", "")
    assert inst.requests == [("POST", f"{INSTANCE}/databases")]
    assert inst.bodies() == [{"databases": [{"name": "shop"}]}]


def test_create_by_name_with_character_set_and_collation(inst):
    inst.on("POST", f"{INSTANCE}/databases", status=202)
    code, _, err = inst.run(
        "database", "db", "create", "test", "shop",
        "--character-set", "utf8mb4", "--collate", "utf8mb4_bin",
    )
    assert code == 0, err
    assert inst.requests == [("GET", "/instances"), ("POST", f"{INSTANCE}/databases")]
    assert inst.bodies() == [
        {"databases": [{"name": "shop", "character_set": "utf8mb4", "collate": "utf8mb4_bin"}]}
    ]


@pytest.mark.parametrize(
    "name, path_segment",
    [("shop", "shop"), ("a b", "a%20b"), ("x@y", "x%40y"), ("%", "%25"), ("q?#", "q%3F%23")],
)
def test_delete_quotes_the_database_name(inst, name, path_segment):
    inst.on("DELETE", f"{INSTANCE}/databases/{path_segment}", status=202)
    code, out, err = inst.run("database", "db", "delete", INSTANCE_ID, name)
    assert (code, out) == (0, ""), err
    assert inst.requests == [("DELETE", f"{INSTANCE}/databases/{path_segment}")]


def test_delete_refuses_a_name_with_a_dot_before_any_request(inst):
    # Trove would route DELETE .../databases/keep.me to database `keep`.
    code, out, err = inst.run("database", "db", "delete", INSTANCE_ID, "keep.me")
    assert (code, out) == (1, "")
    assert err == (
        "Trove's API cannot address database 'keep.me': it reads what follows a '.' in the "
        "URL as a file type, and would act on another database.\n"
    )
    assert inst.requests == []


def test_list_table_and_json(inst):
    inst.on("GET", f"{INSTANCE}/databases", sample("databases-list-response.json"))
    code, out, err = inst.run("database", "db", "list", "test")
    assert code == 0, err
    names = [db["name"] for db in sample("databases-list-response.json")["databases"]]
    assert len(names) > 1
    assert "| Name " in out and all(f"| {name} " in out for name in names)
    rows = inst.run_json("database", "db", "list", INSTANCE_ID)
    assert rows == [{"Name": name} for name in names]
    assert inst.requests == [
        ("GET", "/instances"),
        ("GET", f"{INSTANCE}/databases"),
        ("GET", f"{INSTANCE}/databases"),
    ]


def _page(names, marker=None):
    body = {"databases": [{"name": n} for n in names]}
    if marker:
        body["links"] = [
            {
                "rel": "next",
                "href": f"https://trove:8779/v1.0/p/instances/{INSTANCE_ID}/databases"
                f"?limit=20&marker={marker}",
            }
        ]
    return body


def test_list_follows_every_page_and_undoes_the_double_quoted_marker(inst):
    first = [f"db{i:02}" for i in range(19)] + ["a b"]
    # Trove quotes the marker, then quotes the whole query again: "a b" -> a%2520b.
    inst.mocker.get(
        f"http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5{INSTANCE}/databases",
        [{"json": _page(first, marker="a%2520b")}, {"json": _page(["zz"])}],
    )
    rows = inst.run_json("database", "db", "list", INSTANCE_ID)
    assert [r["Name"] for r in rows] == first + ["zz"]
    assert inst.requests == [
        ("GET", f"{INSTANCE}/databases"),
        ("GET", f"{INSTANCE}/databases?limit=20&marker=a+b"),
    ]


def test_list_limit_and_marker(inst):
    inst.on("GET", f"{INSTANCE}/databases", _page(["b", "c"], marker="c"))
    rows = inst.run_json("database", "db", "list", INSTANCE_ID, "--limit", "2", "--marker", "a")
    assert [r["Name"] for r in rows] == ["b", "c"]
    assert inst.requests == [("GET", f"{INSTANCE}/databases?marker=a&limit=2")]


def test_list_limit_must_be_positive(inst):
    # argparse's usage error: exit 2, and the message names the option.
    code, out, err = inprocess.openstack(["database", "db", "list", INSTANCE_ID, "--limit", "0"])
    assert (code, out) == (2, "")
    assert "--limit: must be 1 or more, not 0" in err
    assert inst.requests == []


def test_unknown_instance_name_is_one_line_and_no_database_request(inst):
    code, out, err = inst.run("database", "db", "create", "nope", "shop")
    assert (code, out) == (1, "")
    assert err == "No instance with a name or ID of 'nope' exists.\n"
    assert inst.requests == [("GET", "/instances")]


GONE = "0b1e7e2a-0e52-4b8f-9d9c-1a1b2c3d4e5f"
NOT_FOUND = {"itemNotFound": {"code": 404, "message": f"Instance {GONE} cannot be found."}}


def test_unknown_instance_id_is_told_apart_from_other_404s(inst):
    inst.on("GET", f"/instances/{GONE}/databases", json=NOT_FOUND, status=404)
    inst.on("GET", f"/instances/{GONE}", json=NOT_FOUND, status=404)
    code, out, err = inst.run("database", "db", "list", GONE)
    assert (code, out, err) == (1, "", f"No instance with a name or ID of '{GONE}' exists.\n")
    # The list 404s; one GET of the instance (and, for a UUID-shaped name, the list) tells why.
    assert inst.requests == [
        ("GET", f"/instances/{GONE}/databases"),
        ("GET", f"/instances/{GONE}"),
        ("GET", "/instances"),
    ]


def test_a_404_about_the_database_keeps_the_servers_message(inst):
    message = "Database nodb cannot be found on the instance."
    inst.on("DELETE", f"{INSTANCE}/databases/nodb", status=404,
            json={"itemNotFound": {"code": 404, "message": message}})
    code, out, err = inst.run("database", "db", "delete", INSTANCE_ID, "nodb")
    assert (code, out, err) == (1, "", message + " (HTTP 404)\n")
    assert inst.requests == [("DELETE", f"{INSTANCE}/databases/nodb"), ("GET", INSTANCE)]


def test_server_errors_show_the_message_and_status(inst):
    inst.on(
        "POST",
        f"{INSTANCE}/databases",
        status=400,
        json={"badRequest": {"code": 400, "message": "Database name 'a;b' is invalid."}},
    )
    code, out, err = inst.run("database", "db", "create", INSTANCE_ID, "a;b")
    assert (code, out) == (1, "")
    assert err == "Database name 'a;b' is invalid. (HTTP 400)\n"


def test_spec_aliases_send_the_same_requests(inst):
    inst.on("POST", f"{INSTANCE}/databases", status=202)
    inst.on("DELETE", f"{INSTANCE}/databases/shop", status=202)
    inst.on("GET", f"{INSTANCE}/databases", sample("databases-list-response.json"))
    for argv in (("db", "create", INSTANCE_ID, "shop"), ("add", INSTANCE_ID, "shop")):
        assert inst.run("database", *argv)[0] == 0
    for argv in (("db", "delete", INSTANCE_ID, "shop"), ("remove", INSTANCE_ID, "shop")):
        assert inst.run("database", *argv)[0] == 0
    assert inst.run_json("database", "list", INSTANCE_ID) == inst.run_json(
        "database", "db", "list", INSTANCE_ID
    )
    sent = [r for r in inst.requests if r[1] != INSTANCE]
    assert sent == [("POST", f"{INSTANCE}/databases")] * 2 + [
        ("DELETE", f"{INSTANCE}/databases/shop")
    ] * 2 + [("GET", f"{INSTANCE}/databases")] * 2
    assert inst.bodies() == [{"databases": [{"name": "shop"}]}] * 2


def test_help_names_the_aliases_and_hides_them(trove):
    code, out, _ = trove.run("help")
    assert "database db create" in out and "database user grant access" in out
    assert "database user show access" in out
    for hidden in ("database add ", "database remove ", "database list ", "database user add ",
                   "database user remove ", "database user set "):
        assert hidden not in out
    for canonical, alias in (("create", "database add"), ("delete", "database remove"),
                             ("list", "database list")):
        code, out, _ = trove.run("help", "database", "db", canonical)
        assert f"Also available as: '{alias}'" in " ".join(out.split())


# --- --wait: Trove's guest agent creates and drops databases after the 202 ---------------


def listing(*names):
    return {"json": {"databases": [{"name": n} for n in names]}}


def test_create_wait_polls_until_the_database_is_listed(inst, fake_time):
    inst.on("POST", f"{INSTANCE}/databases", status=202)
    inst.mocker.get(TROVE + f"{INSTANCE}/databases",
                    [listing("other"), listing("other"), listing("other", "shop")])
    code, out, err = inst.run("database", "db", "create", INSTANCE_ID, "shop", "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == ["database shop: NOT LISTED (0s)", "database shop: LISTED (2s)"]
    assert inst.requests == [("POST", f"{INSTANCE}/databases")] + [
        ("GET", f"{INSTANCE}/databases")] * 3


def test_delete_wait_polls_until_no_database_is_listed(inst, fake_time):
    for name in ("shop", "stock"):
        inst.on("DELETE", f"{INSTANCE}/databases/{name}", status=202)
    inst.mocker.get(TROVE + f"{INSTANCE}/databases",
                    [listing("shop", "stock"), listing("stock"), listing()])
    code, out, err = inst.run("database", "db", "delete", "test", "shop", "stock", "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == ["database shop: LISTED (0s)", "database shop: GONE (1s)",
                                "database stock: GONE (0s)"]
    # The instance is found once, by name; the waits start once both deletions are sent.
    assert inst.requests == [("GET", "/instances"), ("DELETE", f"{INSTANCE}/databases/shop"),
                             ("DELETE", f"{INSTANCE}/databases/stock")] + [
        ("GET", f"{INSTANCE}/databases")] * 3


def test_wait_timeout_names_what_was_awaited(inst, fake_time):
    inst.on("POST", f"{INSTANCE}/databases", status=202)
    inst.on("GET", f"{INSTANCE}/databases", {"databases": []})
    code, out, err = inst.run("database", "db", "create", INSTANCE_ID, "shop", "--wait",
                              "--wait-timeout", "5")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        "Timed out after 5s waiting for database shop (status NOT LISTED).")


def test_an_interrupted_multi_delete_says_which_deletions_were_sent(inst):
    def interrupt(request, context):
        raise KeyboardInterrupt

    inst.on("DELETE", f"{INSTANCE}/databases/a", status=202)
    inst.mocker.delete(TROVE + f"{INSTANCE}/databases/b", text=interrupt)
    code, out, err = inst.run("database", "db", "delete", INSTANCE_ID, "a", "b", "c")
    assert (code, out) == (130, "")
    assert err == ("Interrupted: deletion sent for 'a' (Trove goes on with it); perhaps sent "
                   "for 'b' (interrupted while sending it); not sent for 'c'.\n")
    assert inst.requests == [("DELETE", f"{INSTANCE}/databases/a"),
                             ("DELETE", f"{INSTANCE}/databases/b")]


def test_an_interrupted_wait_of_a_multi_delete_says_every_deletion_was_sent(inst, monkeypatch):
    from osc_trove.api import waiting

    def interrupted(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(waiting, "sleep", interrupted)
    for name in ("a", "b"):
        inst.on("DELETE", f"{INSTANCE}/databases/{name}", status=202)
    inst.on("GET", f"{INSTANCE}/databases", {"databases": [{"name": "a"}, {"name": "b"}]})
    code, out, err = inst.run("database", "db", "delete", INSTANCE_ID, "a", "b", "--wait")
    assert (code, out) == (130, "")
    assert err.splitlines() == [
        "database a: LISTED (0s)",
        f"Interrupted: database a is still being deleted; 'openstack database db list "
        f"{INSTANCE_ID}' shows its progress.",
        "Interrupted: deletion sent for 'a', 'b' (Trove goes on with it).",
    ]
