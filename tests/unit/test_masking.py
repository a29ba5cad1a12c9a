"""Passwords masked in log records: request/response bodies, argument dumps, command lines."""

import logging
import sys
import time

import pytest
import requests_mock as rm
from keystoneauth1 import session

from osc_trove.api import TroveClient, redact
from osc_trove.cli import masking
from tests import inprocess

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
        assert client.http.post("/instances/i1/root", {})["user"]["password"] == "R00t-pw"
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
    from tests.unit.helpers import IID

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
    from osc_trove import entry, plugin

    firsts = {ep.name.split("_")[0] for ep in plugin.command_entry_points()}
    assert firsts == set(entry.COMMAND_FAMILIES)


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

    from osc_trove import plugin

    monkeypatch.delitem(sys.modules, "osc_trove.cli.masking")
    record = logging.LogRecord("osc_lib.shell", logging.INFO, __file__, 1,
                               "START with options: %s", ("--os-cloud c server list",), None)
    assert plugin._mask_command_line(record)
    assert "osc_trove.cli.masking" not in sys.modules


# --- the leaf module the API masks with ----------------------------------------------


@pytest.mark.parametrize(
    "text, masked",
    [
        # Trove's validation messages, plain and inside a JSON string.
        ("Validation error: users[0]['password'] '!!!!' does not match '^.*[0-9a-zA-Z]+.*$'",
         "Validation error: users[0]['password'] '***' does not match '^.*[0-9a-zA-Z]+.*$'"),
        ('{"badRequest": {"message": "user[\'password\'] \\"it\'s\\" is too long"}}',
         '{"badRequest": {"message": "user[\'password\'] \\"***\\" is too long"}}'),
        # A module's contents (base64), wherever a body shows them.
        ('-d \'{"module": {"name": "lic", "contents": "TElDRU5TRS1LRVk=", "x": 1}}\'',
         '-d \'{"module": {"name": "lic", "contents": "***", "x": 1}}\''),
        # A value never closed: the rest may all be the secret.
        ('RESP BODY: {"password": "S3cr', 'RESP BODY: {"password": "***'),
    ],
)
def test_redact_masks_trove_s_forms_and_module_contents(text, masked):
    assert redact.mask(text) == masked


def test_redact_masks_exact_values_in_every_spelling_but_not_short_ones():
    text = 'Refused: it\'s-a-"S3" ("it\'s-a-\\"S3\\"", \'it\\\'s-a-"S3"\') for ab'
    assert redact.mask(text, ['it\'s-a-"S3"', "ab"]) == "Refused: *** (\"***\", '***') for ab"


@pytest.mark.parametrize("text", [
    "a" * 1_000_000,                                   # one word run: the old key scan's worst
    '{"m": {"contents": "%s"}}' % ("QUJD" * 250_000),  # a 1 MB module, as a body logs it
    "password-" * 110_000,                             # a key that is never followed by a value
])
def test_masking_is_linear_in_the_text_s_length(text):
    # The backtracking expression took minutes on 100 KB; a linear scan takes milliseconds.
    start = time.perf_counter()
    redact.mask(text)
    assert time.perf_counter() - start < 1.0


def _logger_with_handler(name, level):
    logger = logging.getLogger(name)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.handlers = [logging.NullHandler(level)]
    return redact.masked_logger(name)


def test_a_body_no_handler_would_emit_is_never_masked(monkeypatch):
    scanned = []
    monkeypatch.setattr(redact, "mask", lambda text, *a, **k: scanned.append(text) or text)
    quiet = _logger_with_handler("osc_trove.test.quiet", logging.WARNING)
    quiet.debug("REQ: curl -d '%s'", '{"password": "S3"}')
    assert scanned == []
    loud = _logger_with_handler("osc_trove.test.loud", logging.DEBUG)
    loud.debug("REQ: curl -d '%s'", '{"password": "S3"}')
    assert scanned == ['REQ: curl -d \'{"password": "S3"}\'']


def test_the_answer_to_a_request_has_its_secrets_masked_in_any_spelling():
    logger = _logger_with_handler("osc_trove.test.echo", logging.DEBUG)
    handler = logger.handlers[0]
    seen = []
    handler.handle = lambda record: seen.append(record.getMessage())
    logger.debug('REQ: curl -X POST -d \'{"user": {"name": "u", "password": "!!!!-x"}}\'')
    logger.debug('RESP BODY: {"badRequest": {"message": "value !!!!-x refused"}}')
    logger.debug('REQ: curl -X GET')
    logger.debug('RESP BODY: {"x": "!!!!-x"}')  # another request's answer: nothing to mask
    assert seen == ['REQ: curl -X POST -d \'{"user": {"name": "u", "password": "***"}}\'',
                    'RESP BODY: {"badRequest": {"message": "value *** refused"}}',
                    'REQ: curl -X GET', 'RESP BODY: {"x": "!!!!-x"}']


# --- openstack's own secret options and usage errors -----------------------------------


@pytest.mark.parametrize(
    "line, masked",
    [
        ("--os-password S3 --os-cloud c database user list i",
         "--os-password *** --os-cloud c database user list i"),
        ("--os-token T0k --os-passw S3 database user create i bob S4",
         "--os-token *** --os-passw *** database user create i bob ***"),
        ("--os-application-credential-secret S3 database flavor list",
         "--os-application-credential-secret *** database flavor list"),
        # Another service's command: its words are not parsed, openstack's options are.
        ("--os-password S3 server list", "--os-password *** server list"),
    ],
)
def test_openstack_s_secret_options_are_masked_in_the_command_line(line, masked):
    assert masking.mask_command_line(line, _global_parser()) == masked


def test_the_start_line_masks_os_password(trove):
    code, _, err = trove.run("--os-password", "Gl0bal-S3", "--debug", "database", "flavor",
                             "list")
    start = [line for line in err.splitlines() if "START with options" in line]
    assert start and "--os-password ***" in start[0]
    assert "Gl0bal-S3" not in err


@pytest.mark.parametrize(
    "argv, shown",
    [
        (["database", "user", "create", "i", "bob", "-SeKr1t"],
         "unrecognized arguments: ***"),
        (["database", "user", "create", "i", "bob", "S", "3cret", "--bogus"],
         "unrecognized arguments: *** --bogus"),
        (["database", "user", "update", "attributes", "i", "bob", "--new-pasword=SeKr1t"],
         "unrecognized arguments: --new-pasword=***"),
        (["database", "root", "enable", "i", "--root-password-prompt=SeKr1t"],
         "ignored explicit argument ***"),
    ],
)
def test_a_usage_error_does_not_echo_what_looks_like_a_password(trove, argv, shown):
    code, out, err = inprocess.openstack(argv)
    assert code == 2 and out == ""
    assert shown in err
    assert "SeKr1t" not in err and "3cret" not in err


def test_usage_errors_of_other_kinds_are_untouched():
    assert masking.mask_usage_error("argument --host: expected one argument") == \
        "argument --host: expected one argument"


def test_a_start_line_no_handler_would_print_is_not_parsed(monkeypatch):
    parsed = []
    monkeypatch.setattr(masking, "mask_command_line", lambda line, parser: parsed.append(line))
    _logger_with_handler("osc_trove.test.start", logging.WARNING)
    record = logging.LogRecord("osc_trove.test.start", logging.INFO, __file__, 1,
                               "START with options: %s", ("database user create i bob S3",), None)
    assert masking.CommandLineFilter().filter(record) is False
    assert parsed == []
