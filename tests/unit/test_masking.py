"""Passwords masked in log records: request/response bodies, argument dumps, command lines."""

import logging

import pytest
import requests_mock as rm
from keystoneauth1 import session

from osc_trove import masking
from osc_trove.api import TroveClient

BASE = "http://trove.test/v1.0/p1"


@pytest.mark.parametrize(
    "text, masked",
    [
        ('-d \'{"users": [{"name": "bob", "password": "S3cret"}]}\'',
         '-d \'{"users": [{"name": "bob", "password": "***"}]}\''),
        ('{"user": {"password": "a \\"quoted\\" one", "host": "%"}}',
         '{"user": {"password": "***", "host": "%"}}'),
        ("run(Namespace(name='bob', password='S3', new_password=\"it's\", password_prompt=False))",
         "run(Namespace(name='bob', password='***', new_password=\"***\", "
         "password_prompt=False))"),
        ("{'Root-Password': 'x', 'PASSWORD':'y'}", "{'Root-Password': '***', 'PASSWORD':'***'}"),
        ('{"password": null, "name": "password"}', '{"password": null, "name": "password"}'),
    ],
)
def test_mask(text, masked):
    assert masking.mask(text) == masked


def test_filter_masks_the_formatted_message_and_leaves_others_alone():
    filt = masking.PasswordFilter()
    record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "run(%s)",
                               ("Namespace(password='S3')",), None)
    assert filt.filter(record) is True
    assert record.getMessage() == "run(Namespace(password='***'))"
    plain = logging.LogRecord("x", logging.DEBUG, __file__, 1, "GET %s", ("/x",), None)
    assert filt.filter(plain) and (plain.msg, plain.args) == ("GET %s", ("/x",))
    broken = logging.LogRecord("x", logging.DEBUG, __file__, 1, "%s %s", ("one",), None)
    assert filt.filter(broken) is True


def test_masked_logger_attaches_one_filter():
    logger = masking.masked_logger("osc_trove.test.once")
    assert masking.masked_logger("osc_trove.test.once") is logger
    assert sum(isinstance(f, masking.PasswordFilter) for f in logger.filters) == 1


@pytest.mark.parametrize(
    "line, masked",
    [
        ("--debug database user create inst bob S3", "--debug database user create inst bob ***"),
        ("database user create --host h inst bob S3 x --databases a b",
         "database user create --host h inst bob *** *** --databases a b"),
        ("database user create inst bob --databases a b -- S3",
         "database user create inst bob --databases a b -- ***"),
        ("database user create inst bob --password-stdin",
         "database user create inst bob --password-stdin"),
        ("database user create --password-stdin inst bob",
         "database user create --password-stdin inst bob"),
        ("database user create --password-prompt inst bob",
         "database user create --password-prompt inst bob"),
        ("database user update attributes i bob --new-password S3 --new-host h",
         "database user update attributes i bob --new-password *** --new-host h"),
        ("database user update attributes i bob --new-password=S3",
         "database user update attributes i bob --new-password=***"),
        ("database user update attributes i bob --new-password-prompt --new-name x",
         "database user update attributes i bob --new-password-prompt --new-name x"),
        ("database user list inst", "database user list inst"),
    ],
)
def test_mask_command_line(line, masked):
    assert masking.mask_command_line(line) == masked


def test_the_plugin_attaches_the_command_line_filter_once(monkeypatch):
    import argparse

    from osc_trove import plugin

    logger = logging.getLogger("osc_lib.shell")
    monkeypatch.setattr(logger, "filters", [])
    plugin.build_option_parser(argparse.ArgumentParser())
    plugin.build_option_parser(argparse.ArgumentParser())
    assert logger.filters == [plugin._mask_command_line]


def test_command_line_filter_only_touches_the_start_line():
    filt = masking.CommandLineFilter()
    start = logging.LogRecord("osc_lib.shell", logging.INFO, __file__, 1,
                              "START with options: %s", ("database user create i bob S3",), None)
    assert filt.filter(start) and start.getMessage() == (
        "START with options: database user create i bob ***"
    )
    other = logging.LogRecord("osc_lib.shell", logging.INFO, __file__, 1,
                              "database user create i bob S3", None, None)
    assert filt.filter(other) and other.getMessage() == "database user create i bob S3"


def test_the_api_logs_bodies_through_the_masked_http_logger(caplog):
    caplog.set_level(logging.DEBUG)
    client = TroveClient(session.Session(), endpoint_override=BASE)
    with rm.Mocker() as mocker:
        mocker.post(BASE + "/instances/i1/users", status_code=202)
        mocker.post(BASE + "/instances/i1/root", json={"user": {"name": "root",
                                                                  "password": "R00t-pw"}},
                    headers={"Content-Type": "application/json"})
        client.users.create("i1", [{"name": "bob", "password": "S3cret-pw"}])
        assert client.post("/instances/i1/root", {})["user"]["password"] == "R00t-pw"
        assert mocker.request_history[0].json()["users"][0]["password"] == "S3cret-pw"
    http_records = [r for r in caplog.records if r.name == masking.HTTP_LOGGER]
    assert any('"password": "***"' in r.getMessage() for r in http_records)
    assert "S3cret-pw" not in caplog.text and "R00t-pw" not in caplog.text
    assert any("REQ: curl" in r.getMessage() for r in http_records)


def _with_comment_option(monkeypatch):
    """`database user create` as if someone added `--comment <text>` to it."""
    from osc_trove.commands import user

    declared = user.CreateUser.get_parser

    def get_parser(self, prog_name):
        parser = declared(self, prog_name)
        parser.add_argument("--comment", metavar="<text>")
        return parser

    monkeypatch.setattr(user.CreateUser, "get_parser", get_parser)


def test_a_new_option_before_the_password_positional_cannot_expose_it(trove, tmp_path,
                                                                       monkeypatch):
    from tests.unit.test_instance import IID

    _with_comment_option(monkeypatch)
    trove.on("POST", f"/instances/{IID}/users", status=202)
    log = tmp_path / "osc.log"
    code, _, err = trove.run("--debug", "--log-file", str(log), "database", "user", "create",
                             "--comment", "a-note", IID, "bob", "S3cret")
    assert code == 0, err
    assert trove.mocker.request_history[-1].json()["users"][0]["password"] == "S3cret"
    start = [line for line in log.read_text().splitlines() if "START with options" in line]
    assert start and start[0].endswith(f"database user create --comment a-note {IID} bob ***")
    assert "S3cret" not in log.read_text() + err


def _global_parser():
    from openstackclient import shell

    return shell.OpenStackShell().build_option_parser("openstack", "0")


@pytest.mark.parametrize(
    "line, masked",
    [
        # The secret after an option the parser knows takes a value.
        ("database user create --comment c inst bob --host h S3",
         "database user create --comment c inst bob --host h ***"),
        # openstack's own options, wherever they are, are not the command's words.
        ("--os-cloud c database user create inst --os-region-name r bob S3",
         "--os-cloud c database user create inst --os-region-name r bob ***"),
        # Abbreviations, as cliff and argparse accept them.
        ("data user cre inst bob S3", "data user cre inst bob ***"),
        # An older spelling shares the secret's dest.
        ("database root enable i --root_p=S3", "database root enable i --root_p=***"),
        # A secret holding a space, split by the log line: every piece.
        ("database root enable --root-password S 3 i",
         "database root enable --root-password *** *** ***"),
        ("database instance create db --users bob:p w carol:x",
         "database instance create db --users bob:*** *** carol:***"),
        # A line that does not parse (ambiguous --new-pass): every value.
        ("database user update attributes i bob --new-pass S3 -f json",
         "database user update attributes *** *** --new-pass *** -f ***"),
        # Not osc-trove's command: left to osc-lib.
        ("user create --password S3 bob", "user create --password S3 bob"),
    ],
)
def test_the_command_line_is_masked_as_the_command_parses_it(monkeypatch, line, masked):
    _with_comment_option(monkeypatch)
    assert masking.mask_command_line(line, _global_parser()) == masked


def test_command_families_are_the_first_words_of_every_command():
    from osc_trove import plugin

    firsts = {ep.name.split("_")[0] for ep in plugin.command_entry_points()}
    assert firsts == set(plugin.COMMAND_FAMILIES)


def test_parsed_arguments_are_masked_as_their_parser_marks_them():
    import argparse

    parser = argparse.ArgumentParser()
    masking.secret(parser.add_argument("--token"))
    parser.add_argument("--old-token", dest="token")  # an older spelling: the same dest
    masking.secret(parser.add_argument("--pairs", nargs="+"), masking.AFTER_COLON)
    parser.add_argument("--name")
    parsed = parser.parse_args(["--old-token", "T0k", "--pairs", "a:b", "c", "--name", "T0k"])
    record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "run(%s)", (parsed,), None)
    assert masking.ArgumentsFilter(parser, parsed).filter(record)
    assert record.getMessage() == "run(Namespace(token='***', pairs=['a:***', '***'], name='T0k'))"


def test_another_service_s_command_line_costs_no_masking_import(monkeypatch):
    import sys

    from osc_trove import plugin

    monkeypatch.delitem(sys.modules, "osc_trove.masking")
    record = logging.LogRecord("osc_lib.shell", logging.INFO, __file__, 1,
                               "START with options: %s", ("--os-cloud c server list",), None)
    assert plugin._mask_command_line(record)
    assert "osc_trove.masking" not in sys.modules
