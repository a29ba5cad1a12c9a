"""database user ...: request bodies and URLs, paging, passwords, aliases."""

import argparse
import logging
import re

import pytest

from osc_trove.cli import passwords
from osc_trove.plugin import command_entry_points
from tests.unit.conftest import PROJECT_ID, TROVE, sample

INSTANCE_ID = sample("instance-show-response.json")["instance"]["id"]  # named `test`
INSTANCE = f"/instances/{INSTANCE_ID}"
USERS = f"{INSTANCE}/users"
SECRET = "S3cret-pw"


@pytest.fixture
def inst(trove):
    """The sample instance, found by ID (GET /instances/<id>) or by name `test`."""
    trove.on("GET", INSTANCE, sample("instance-show-response.json"))
    trove.on("GET", "/instances", sample("instance-list-response.json"))
    return trove


def sent(trove):
    """Requests after the instance lookup."""
    return [r for r in trove.requests if r[1] not in (INSTANCE, "/instances")]


# --- create and passwords -------------------------------------------------------------


def test_create_with_the_legacy_positional_password(inst):
    inst.on("POST", USERS, status=202)
    code, out, err = inst.run("database", "user", "create", INSTANCE_ID, "bob", SECRET)
    assert (code, out, err) == (0, "", "")
    assert inst.requests == [("POST", USERS)]
    assert inst.bodies() == [{"users": [{"name": "bob", "password": SECRET}]}]


def test_create_by_name_with_host_and_databases(inst):
    inst.on("POST", USERS, status=202)
    code, _, err = inst.run(
        "database", "user", "create", "test", "bob", SECRET,
        "--host", "10.0.0.%", "--databases", "shop", "stock",
    )
    assert code == 0, err
    assert inst.requests == [("GET", "/instances"), ("POST", USERS)]
    assert inst.bodies() == [
        {
            "users": [
                {
                    "name": "bob",
                    "password": SECRET,
                    "host": "10.0.0.%",
                    "databases": [{"name": "shop"}, {"name": "stock"}],
                }
            ]
        }
    ]


def test_create_reads_the_password_from_stdin(inst):
    inst.on("POST", USERS, status=202)
    code, out, err = inst.run(
        "database", "user", "create", INSTANCE_ID, "bob", "--password-stdin",
        stdin=SECRET + "\nnot this line\n",
    )
    assert (code, out, err) == (0, "", "")
    assert inst.bodies() == [{"users": [{"name": "bob", "password": SECRET}]}]


ONE_WAY = "Give the user's password one way only: <password>, --password-prompt or " \
    "--password-stdin."


@pytest.mark.parametrize(
    "argv, stdin, message",
    [
        ((), "", "A user's password is required: give <password>, --password-prompt or "
                 "--password-stdin."),
        ((SECRET, "--password-stdin"), SECRET, ONE_WAY),
        (("--password-stdin", "--password-prompt"), "", ONE_WAY),
        (("--password-stdin",), "", "Standard input is empty: no user's password to read."),
        (("--password-stdin",), "\n", "The user's password is empty."),
        (("--password-prompt",), "", "--password-prompt needs a terminal; use --password-stdin "
                                     "to read the user's password from standard input."),
    ],
)
def test_create_password_mistakes_fail_before_any_request(inst, argv, stdin, message):
    code, out, err = inst.run("database", "user", "create", "test", "bob", *argv, stdin=stdin)
    assert (code, out, err) == (1, "", message + "\n")
    assert inst.requests == []


class FakeTerminal:
    def isatty(self):
        return True

    def readline(self):
        raise AssertionError("the prompt must not read stdin")


def test_prompt_asks_twice_hidden(monkeypatch):
    typed = iter([SECRET, SECRET])
    prompts = []
    monkeypatch.setattr(passwords.getpass, "getpass", lambda p: prompts.append(p) or next(typed))
    args = argparse.Namespace(password=None, password_prompt=True, password_stdin=False)
    assert passwords.read(args, "password", FakeTerminal(), "user's password") == SECRET
    assert prompts == ["User's password: ", "Repeat user's password: "]


def test_prompt_fails_when_the_entries_differ(monkeypatch):
    typed = iter([SECRET, SECRET + "x"])
    monkeypatch.setattr(passwords.getpass, "getpass", lambda p: next(typed))
    args = argparse.Namespace(new_password=None, new_password_prompt=True,
                              new_password_stdin=False)
    with pytest.raises(Exception, match="^The two new passwords typed differ.$"):
        passwords.read(args, "new-password", FakeTerminal(), "new password")


def test_create_with_the_prompt_through_the_shell(inst, monkeypatch):
    inst.on("POST", USERS, status=202)
    typed = iter([SECRET, SECRET])
    monkeypatch.setattr(passwords.getpass, "getpass", lambda prompt: next(typed))
    monkeypatch.setattr(passwords, "is_terminal", lambda stream: True)
    code, out, err = inst.run("database", "user", "create", INSTANCE_ID, "bob",
                              "--password-prompt")
    assert (code, out, err) == (0, "", "")
    assert inst.bodies() == [{"users": [{"name": "bob", "password": SECRET}]}]


def _debug_create_and_update(inst, caplog):
    inst.on("POST", USERS, status=202)
    inst.on("PUT", f"{USERS}/bob", status=202)
    caplog.set_level(logging.DEBUG)
    results = [
        inst.run("--debug", "database", "user", "create", INSTANCE_ID, "bob", SECRET),
        inst.run("--debug", "database", "user", "update", "attributes", INSTANCE_ID, "bob",
                 "--new-password", SECRET + "2"),
    ]
    assert [code for code, _, _ in results] == [0, 0], results
    # The passwords reached the server.
    assert inst.bodies() == [
        {"users": [{"name": "bob", "password": SECRET}]},
        {"user": {"password": SECRET + "2"}},
    ]
    return [text for _, out, err in results for text in (out, err)] + [caplog.text]


def test_debug_log_masks_the_password(inst, caplog):
    # The plugin's build_option_parser attaches the command-line filter.
    texts = _debug_create_and_update(inst, caplog)
    for text in texts:
        assert SECRET not in text
    assert '"password": "***"' in caplog.text  # the request body was logged, masked
    assert "password='***'" in caplog.text  # osc-lib's run(Namespace(...)) line, masked
    assert "new_password='***'" in caplog.text
    assert "START with options: --debug database user create " + INSTANCE_ID + " bob ***" in (
        caplog.text
    )
    assert "REQ: curl" in texts[1]  # stderr carries the debug log


def test_debug_log_never_shows_a_password_read_before_the_positionals(inst, caplog):
    caplog.set_level(logging.DEBUG)
    inst.on("POST", USERS, status=202)
    code, out, err = inst.run("--debug", "database", "user", "create", "--password-stdin",
                              INSTANCE_ID, "bob", stdin=SECRET + "\n")
    assert code == 0, err
    assert inst.bodies() == [{"users": [{"name": "bob", "password": SECRET}]}]
    for text in (out, err, caplog.text):
        assert SECRET not in text
    # Nothing after --password-stdin is a password: the user name is logged as typed
    # (osc-lib itself masks the word right after any --password* option).
    start = "START with options: --debug database user create --password-stdin "
    assert re.search(re.escape(start) + r"\S+ bob$", caplog.text, re.MULTILINE), caplog.text
    assert '"password": "***"' in caplog.text


# --- delete, show, list: how a user is named in the URL ---------------------------------


@pytest.mark.parametrize(
    "name, host, segment",
    [
        ("bob", None, "bob"),
        ("bob", "%", "bob%40%25"),
        ("bob", "10.0.0.1", "bob%4010.0.0.1"),
        ("a b", None, "a%20b"),
        ("x@y", None, "x%40y%40%25"),
        ("x@y", "h", "x%40y%40h"),
        ("%", None, "%25"),
        ("p%41", None, "p%252541"),
        ("p%4", "%ff", "p%254%40%2525ff"),
        ("a/b", None, "a%252Fb"),
        ("a.json", None, "a%252Ejson"),
        ("a.jsonx", None, "a.jsonx"),
    ],
)
def test_delete_names_the_user_as_the_server_expects(inst, name, host, segment):
    inst.on("DELETE", f"{USERS}/{segment}", status=202)
    argv = ["database", "user", "delete", INSTANCE_ID, name]
    if host:
        argv += ["--host", host]
    code, out, err = inst.run(*argv)
    assert (code, out) == (0, ""), err
    assert inst.requests == [("DELETE", f"{USERS}/{segment}")]


def test_show_keeps_the_servers_databases_in_json_and_names_them_in_tables(inst):
    inst.on("GET", f"{USERS}/dbuser1%40%25", sample("user-show-response.json"))
    shown = inst.run_json("database", "user", "show", "test", "dbuser1", "--host", "%")
    assert shown == {"name": "dbuser1", "host": "%", "databases": [{"name": "databaseA"}]}
    code, out, err = inst.run("database", "user", "show", INSTANCE_ID, "dbuser1", "--host", "%")
    assert code == 0, err
    assert "| databases | databaseA" in out
    assert sent(inst) == [("GET", f"{USERS}/dbuser1%40%25")] * 2


def test_show_unknown_user_is_the_servers_one_line(inst):
    inst.on(
        "GET",
        f"{USERS}/nobody",
        status=404,
        json={"itemNotFound": {"code": 404, "message": "User nobody cannot be found."}},
    )
    code, out, err = inst.run("database", "user", "show", INSTANCE_ID, "nobody")
    assert (code, out, err) == (1, "", "User nobody cannot be found. (HTTP 404)\n")
    # The instance exists (one GET says so): the 404 was about the user.
    assert inst.requests == [("GET", f"{USERS}/nobody"), ("GET", INSTANCE)]


def test_list_table_and_json(inst):
    inst.on("GET", USERS, sample("user-list-response.json"))
    rows = inst.run_json("database", "user", "list", INSTANCE_ID)
    assert rows == [
        # The server's list: a name holding ", " stays one database.
        {"Name": "dbuser1", "Host": "%", "Databases": [{"name": "databaseA"}]},
        {"Name": "dbuser2", "Host": "%",
         "Databases": [{"name": "databaseB"}, {"name": "databaseC"}]},
        {"Name": "dbuser3", "Host": "%", "Databases": []},
    ]
    code, out, err = inst.run("database", "user", "list", "test")
    assert code == 0, err
    assert "| Name " in out and "databaseB, databaseC" in out
    assert inst.requests == [("GET", USERS), ("GET", "/instances"), ("GET", USERS)]


def test_list_keeps_a_comma_in_a_database_name_in_json_and_yaml(inst):
    inst.on("GET", USERS, {"users": [{"name": "bob", "host": "%",
                                      "databases": [{"name": "a, b"}]}]})
    assert inst.run_json("database", "user", "list", INSTANCE_ID)[0]["Databases"] == [
        {"name": "a, b"}]
    code, out, err = inst.run("database", "user", "list", INSTANCE_ID, "-f", "yaml")
    assert (code, err) == (0, "")
    assert "- name: a, b" in out
    # The text python-troveclient's users read stays: table, value, csv, and show -f value.
    code, out, err = inst.run("database", "user", "list", INSTANCE_ID, "-f", "value")
    assert (code, out, err) == (0, "bob % a, b\n", "")
    code, out, err = inst.run("database", "user", "list", INSTANCE_ID, "-f", "csv")
    assert out.splitlines()[1] == '"bob","%","a, b"'
    inst.on("GET", f"{USERS}/bob", {"user": {"name": "bob", "host": "%",
                                             "databases": [{"name": "a, b"}]}})
    code, out, err = inst.run("database", "user", "show", INSTANCE_ID, "bob", "-c", "databases",
                              "-f", "value")
    assert (code, out, err) == (0, "a, b\n", "")


def _user_page(names, marker=None):
    body = {"users": [{"name": n, "host": "%", "databases": []} for n in names]}
    if marker:
        body["links"] = [
            {
                "rel": "next",
                "href": f"https://trove:8779/v1.0/{PROJECT_ID}{USERS}?limit=20&marker={marker}",
            }
        ]
    return body


def test_list_follows_pages_with_the_twice_quoted_marker(inst):
    first = [f"u{i:02}" for i in range(19)] + ["a b"]
    # The server's marker is "a b@%" quoted twice: once by Trove, once in the link's query.
    inst.mocker.get(
        f"http://trove.test/v1.0/{PROJECT_ID}{USERS}",
        [
            {"json": _user_page(first, marker="a%2520b%2540%2525")},
            {"json": _user_page(["zz"], marker="zz%2540%2525")},
            {"json": _user_page([])},
        ],
    )
    rows = inst.run_json("database", "user", "list", INSTANCE_ID)
    assert [r["Name"] for r in rows] == first + ["zz"]
    assert sent(inst) == [
        ("GET", USERS),
        ("GET", f"{USERS}?limit=20&marker=a+b%40%25"),
        ("GET", f"{USERS}?limit=20&marker=zz%40%25"),
    ]
    assert [r.qs.get("marker") for r in inst.mocker.request_history[-3:]] == [
        None, ["a b@%"], ["zz@%"],
    ]


def test_list_limit_and_marker(inst):
    inst.on("GET", USERS, _user_page(["carol"], marker="carol%2540%2525"))
    rows = inst.run_json("database", "user", "list", INSTANCE_ID, "--limit", "1",
                         "--marker", "bob@%")
    assert [r["Name"] for r in rows] == ["carol"]
    assert sent(inst) == [("GET", f"{USERS}?marker=bob%40%25&limit=1")]


# --- access --------------------------------------------------------------------------


def test_show_access_and_its_spec_form(inst):
    inst.on("GET", f"{USERS}/bob%40h/databases", sample("databases-list-response.json"))
    canonical = inst.run_json("database", "user", "show", "access", INSTANCE_ID, "bob",
                              "--host", "h")
    spec = inst.run_json("database", "user", "show", "--access", INSTANCE_ID, "bob",
                         "--host", "h")
    names = [db["name"] for db in sample("databases-list-response.json")["databases"]]
    assert len(names) > 1
    assert canonical == spec == [{"Name": name} for name in names]
    for argv in (("show", "access"), ("show", "--access")):
        code, out, err = inst.run("database", "user", *argv, "test", "bob", "--host", "h")
        assert code == 0, err
        assert "| Name " in out and f"| {names[-1]} " in out
        code, out, err = inst.run("database", "user", *argv, "test", "bob", "--host", "h",
                                  "-f", "value")
        assert out == "".join(f"{name}\n" for name in names)
    assert sent(inst) == [("GET", f"{USERS}/bob%40h/databases")] * 6


def test_show_access_refuses_the_shell_format_before_any_request(inst):
    code, out, err = inst.run("database", "user", "show", "--access", INSTANCE_ID, "bob",
                              "-f", "shell")
    assert (code, out) == (1, "")
    assert err.strip() == "--access lists rows: use -f table, json, yaml or value, not shell."
    assert inst.requests == []


def test_grant_access_and_the_spec_form(inst):
    inst.on("PUT", f"{USERS}/bob/databases", status=202)
    inst.on("PUT", f"{USERS}/x%40y%40%25/databases", status=202)
    assert inst.run("database", "user", "grant", "access", INSTANCE_ID, "bob", "shop",
                    "stock")[0] == 0
    assert inst.run("database", "user", "add", "--access", "test", "x@y", "shop")[0] == 0
    assert sent(inst) == [
        ("PUT", f"{USERS}/bob/databases"),
        ("PUT", f"{USERS}/x%40y%40%25/databases"),
    ]
    assert inst.bodies() == [
        {"databases": [{"name": "shop"}, {"name": "stock"}]},
        {"databases": [{"name": "shop"}]},
    ]


@pytest.mark.parametrize("database, segment", [("shop", "shop"), ("a b", "a%20b"),
                                               ("x@y", "x%40y"), ("%", "%25")])
def test_revoke_access_and_the_spec_form(inst, database, segment):
    url = f"{USERS}/bob%40%25/databases/{segment}"
    inst.on("DELETE", url, status=202)
    for argv in (("revoke", "access"), ("remove", "--access")):
        code, out, err = inst.run("database", "user", *argv, INSTANCE_ID, "bob", database,
                                  "--host", "%")
        assert (code, out) == (0, ""), err
    assert sent(inst) == [("DELETE", url)] * 2


def test_revoke_refuses_a_database_name_trove_cannot_route(inst):
    code, out, err = inst.run("database", "user", "revoke", "access", INSTANCE_ID, "bob",
                              "keep.me")
    assert (code, out) == (1, "")
    assert err.startswith("Trove's API cannot address database 'keep.me'")
    assert inst.requests == []


def _parser(*words):
    """The argument parser of `database <words>`, as the shell builds it."""
    (ep,) = [e for e in command_entry_points()
             if e.name == "_".join(("database", *words))]
    return ep.load()(None, None).get_parser("openstack database " + " ".join(words))


@pytest.mark.parametrize(
    "words, flag, argv",
    [
        (("user", "add"), "--access", ["i", "bob", "shop"]),
        (("user", "remove"), "--access", ["i", "bob", "shop"]),
        (("user", "set"), "--attributes", ["i", "bob", "--new-name", "rob"]),
    ],
)
def test_spec_forms_require_their_flag(words, flag, argv, capsys):
    parser = _parser(*words)
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(argv)
    assert exit_.value.code == 2
    assert f"the following arguments are required: {flag}" in capsys.readouterr().err
    assert getattr(parser.parse_args([flag, *argv]), flag.lstrip("-"))


# --- update attributes -----------------------------------------------------------------


def test_update_attributes_bodies_and_the_spec_form(inst):
    inst.on("PUT", f"{USERS}/bob%40h", status=202)
    argv = ["database", "user", "update", "attributes", INSTANCE_ID, "bob", "--host", "h"]
    assert inst.run(*argv, "--new-name", "rob")[0] == 0
    assert inst.run(*argv, "--new-host", "10.0.0.2", "--new-password", SECRET)[0] == 0
    code, _, err = inst.run(*argv, "--new-password-stdin", stdin=SECRET + "\n")
    assert code == 0, err
    code, _, err = inst.run("database", "user", "set", "--attributes", INSTANCE_ID, "bob",
                            "--host", "h", "--new-name", "rob", "--new-host", "%")
    assert code == 0, err
    assert sent(inst) == [("PUT", f"{USERS}/bob%40h")] * 4
    assert inst.bodies() == [
        {"user": {"name": "rob"}},
        {"user": {"password": SECRET, "host": "10.0.0.2"}},
        {"user": {"password": SECRET}},
        {"user": {"name": "rob", "host": "%"}},
    ]


def test_update_attributes_with_nothing_to_change_sends_nothing(inst):
    code, out, err = inst.run("database", "user", "update", "attributes", INSTANCE_ID, "bob")
    assert (code, out) == (1, "")
    assert err.startswith("Nothing to change: give --new-name, --new-host or a new password")
    code, out, err = inst.run("database", "user", "update", "attributes", INSTANCE_ID, "bob",
                              "--new-password", "a", "--new-password-stdin", stdin="b\n")
    assert (code, err) == (1, "Give the new password one way only: --new-password, "
                              "--new-password-prompt or --new-password-stdin.\n")
    assert inst.requests == []


def test_help_of_user_commands_names_the_spec_forms(trove):
    for words, text in (
        (("grant", "access"), "database user add --access <instance> <name> <database>"),
        (("revoke", "access"), "database user remove --access <instance> <name> <database>"),
        (("show", "access"), "Also available as: 'database user show --access'"),
        (("update", "attributes"), "database user set --attributes <instance> <name>"),
        (("create",), "--password-prompt"),
    ):
        code, out, _ = trove.run("help", "database", "user", *words)
        assert code == 0
        assert text in " ".join(out.split()), words


# --- --wait: Trove's guest agent does the work after the 202 ---------------------------


NOT_FOUND = {"itemNotFound": {"code": 404, "message": "User bob cannot be found."}}


def answers(*bodies):
    """requests-mock answers in turn: a dict is a 200 body, None a 404."""
    return [{"json": NOT_FOUND, "status_code": 404} if body is None else {"json": body}
            for body in bodies]


def on_user(trove, name, *bodies):
    trove.mocker.get(TROVE + f"{USERS}/{name}", answers(*bodies))


BOB = {"user": {"name": "bob", "host": "%", "databases": []}}


def test_create_wait_polls_until_trove_shows_the_user(inst, fake_time):
    inst.on("POST", USERS, status=202)
    on_user(inst, "bob", None, None, BOB)
    code, out, err = inst.run("database", "user", "create", INSTANCE_ID, "bob", SECRET, "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == ["user bob: NOT SHOWN (0s)", "user bob: SHOWN (2s)"]
    assert sent(inst) == [("POST", USERS)] + [("GET", f"{USERS}/bob")] * 3


def test_delete_wait_polls_until_every_user_is_gone(inst, fake_time):
    for name in ("bob", "amy"):
        inst.on("DELETE", f"{USERS}/{name}", status=202)
    on_user(inst, "bob", BOB, None)
    on_user(inst, "amy", None)
    code, out, err = inst.run("database", "user", "delete", INSTANCE_ID, "bob", "amy", "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == ["user bob: SHOWN (0s)", "user bob: GONE (1s)",
                                "user amy: GONE (0s)"]
    assert sent(inst) == [("DELETE", f"{USERS}/bob"), ("DELETE", f"{USERS}/amy"),
                          ("GET", f"{USERS}/bob"), ("GET", f"{USERS}/bob"),
                          ("GET", f"{USERS}/amy")]


def test_update_attributes_wait_reads_the_user_under_its_new_name_and_host(inst, fake_time):
    inst.on("PUT", f"{USERS}/bob", status=202)
    on_user(inst, "rob%4010.0.0.1", None, {"user": {"name": "rob", "host": "10.0.0.1"}})
    code, out, err = inst.run("database", "user", "update", "attributes", INSTANCE_ID, "bob",
                              "--new-name", "rob", "--new-host", "10.0.0.1", "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == ["user rob@10.0.0.1: NOT SHOWN (0s)",
                                "user rob@10.0.0.1: SHOWN (1s)"]


def access(*names):
    return {"json": {"databases": [{"name": n} for n in names]}}


def test_grant_wait_until_the_access_list_shows_every_database(inst, fake_time):
    inst.on("PUT", f"{USERS}/bob/databases", status=202)
    inst.mocker.get(TROVE + f"{USERS}/bob/databases",
                    [access(), access("shop"), access("shop", "stock", "old")])
    code, out, err = inst.run("database", "user", "grant", "access", INSTANCE_ID, "bob", "shop",
                              "stock", "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == ["access of user bob to shop, stock: NOT SHOWN (0s)",
                                "access of user bob to shop, stock: SHOWN (2s)"]


def test_revoke_wait_until_the_access_list_no_longer_shows_it(inst, fake_time):
    inst.on("DELETE", f"{USERS}/bob%40h/databases/shop", status=202)
    inst.mocker.get(TROVE + f"{USERS}/bob%40h/databases", [access("shop"), access("stock")])
    code, out, err = inst.run("database", "user", "revoke", "access", INSTANCE_ID, "bob", "shop",
                              "--host", "h", "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == ["access of user bob@h to shop: SHOWN (0s)",
                                "access of user bob@h to shop: GONE (1s)"]


def test_ctrl_c_during_a_wait_says_what_trove_is_still_doing(inst, monkeypatch):
    from osc_trove.api import waiting

    def interrupted(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(waiting, "sleep", interrupted)
    inst.on("POST", USERS, status=202)
    on_user(inst, "bob", None)
    code, out, err = inst.run("database", "user", "create", INSTANCE_ID, "bob", SECRET, "--wait")
    assert (code, out) == (130, "")
    assert err.splitlines() == [
        "user bob: NOT SHOWN (0s)",
        "Interrupted: user bob is still being created; 'openstack database user list "
        f"{INSTANCE_ID}' shows its progress.",
    ]


@pytest.mark.parametrize("key, code, err", [
    (KeyboardInterrupt, 130, "\nInterrupted: nothing was sent to Trove.\n"),  # Ctrl-C
    (EOFError, 1, "\nNo user's password was typed.\n"),  # Ctrl-D, an empty input
])
def test_leaving_the_password_prompt_ends_its_line(inst, monkeypatch, key, code, err):
    def typed(prompt):
        raise key

    monkeypatch.setattr(passwords.getpass, "getpass", typed)
    monkeypatch.setattr(passwords, "is_terminal", lambda stream: True)
    result = inst.run("database", "user", "create", INSTANCE_ID, "bob", "--password-prompt")
    assert result == (code, "", err)
    assert inst.requests == []
