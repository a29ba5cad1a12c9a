"""Hostile names in output: read as text in every format, exact in json and yaml
(osc_trove/cli/printable.py says what each format does)."""

import json
import subprocess

import pytest

from tests.unit.helpers import IID, list_body, one_line_error, row, show_body

ESCAPES = "red\x1b[31m\x1b]0;title\x07\nrow\r\u202eevil"
SHOWN = "red\\x1b[31m\\x1b]0;title\\x07\\nrow\\r\\u202eevil"
FORMULA = '=HYPERLINK("http://x.test","click")'
SHELL = 'a"$(touch pwned)`id`\\n'


def listed(trove, name, *options):
    trove.on("GET", "/instances", list_body(row(IID, name)))
    code, out, err = trove.run("database", "instance", "list", *options)
    assert code == 0, err
    return out


@pytest.mark.parametrize("formatter", ["table", "value", "csv"])
def test_control_characters_are_shown_as_escapes(trove, formatter):
    out = listed(trove, ESCAPES, "-f", formatter, "-c", "Name")
    if formatter == "csv":
        out = out.replace("\\\\", "\\")  # cliff's csv doubles every backslash
    assert SHOWN in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\r" not in out


def test_value_keeps_one_line_per_row(trove):
    out = listed(trove, "two\nlines", "-f", "value", "-c", "Name")
    assert out == "two\\nlines\n"


@pytest.mark.parametrize("formatter", ["json", "yaml"])
def test_json_and_yaml_keep_the_exact_name(trove, formatter):
    out = listed(trove, ESCAPES, "-f", formatter, "-c", "Name")
    assert "\x1b" not in out  # their encoders escape it...
    if formatter == "json":
        assert json.loads(out) == [{"Name": ESCAPES}]  # ...and it decodes exactly


@pytest.mark.parametrize("name, cell", [
    (FORMULA, "'" + FORMULA), ("+1+cmd", "'+1+cmd"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-x", "'-x"), ("-1", "-1"), ("db1", "db1"),
])
def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(trove, name, cell):
    out = listed(trove, name, "-f", "csv", "-c", "Name")
    assert out.splitlines()[1].strip('"').replace('""', '"') == cell


def test_shell_output_assigns_the_value_and_runs_nothing(trove, tmp_path):
    trove.on("GET", f"/instances/{IID}", show_body(name=SHELL))
    code, out, err = trove.run("database", "instance", "show", IID, "-f", "shell",
                               "-c", "name")
    assert code == 0, err
    script = f'cd "{tmp_path}"; eval "$1"; printf %s "$name"'
    shown = subprocess.run(["bash", "-c", script, "-", out], capture_output=True, text=True,
                           check=True).stdout
    assert shown == SHELL
    assert not (tmp_path / "pwned").exists()


def test_a_name_starting_with_a_dash_is_taken_after_double_dash(trove):
    trove.on("GET", "/configurations", {"configurations": []})
    code, out, err = trove.run("database", "configuration", "show", "--", "-2+3")
    assert one_line_error(code, out, err) == \
        "No configuration group with a name or ID of '-2+3' exists."
    assert len(trove.requests) == 1


@pytest.mark.parametrize("formatter, shown", [
    ("value", "10.0.0.5 (private), 203.0.113.7 (public)\n"),
    ("shell", 'addresses="10.0.0.5 (private), 203.0.113.7 (public)"\n'),
])
def test_nested_values_print_as_text_not_as_a_python_repr(trove, formatter, shown):
    trove.on("GET", f"/instances/{IID}", show_body(addresses=[
        {"address": "10.0.0.5", "type": "private"}, {"address": "203.0.113.7", "type": "public"}]))
    code, out, err = trove.run("database", "instance", "show", IID, "-c", "addresses",
                               "-f", formatter)
    assert (code, out) == (0, shown), err
