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
