"""Options several commands share are declared once, in osc_trove/cli/arguments.py,
so that their spellings, hidden python-troveclient forms and help cannot drift
apart; and the commands use cliff through its public API only."""

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "osc_trove"


def option_strings():
    """(module, option) for every string literal starting with -- in the command modules."""
    for path in sorted((PACKAGE / "commands").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.startswith("--"):
                    yield path.stem, node.value


@pytest.mark.parametrize("option", ["--include-clustered", "--include_clustered",
                                    "--datastore-version-number"])
def test_a_shared_option_is_declared_in_the_arguments_module_only(option):
    assert [stem for stem, text in option_strings() if text == option] == []


def test_commands_call_no_private_cliff_method():
    names = {name for name in dir(__import__("cliff.display").display.DisplayCommandBase)
             if name.startswith("_") and not name.startswith("__")}
    used = [
        (path.stem, node.attr)
        for path in sorted((PACKAGE / "commands").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr in names
    ]
    assert used == []
