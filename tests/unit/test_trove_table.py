"""doc/source/trove-commands.csv, the `trove` to `openstack` table of the docs.

Every `openstack` command it names must exist: osc-trove's own among the
plugin's entry points, `core` ones among python-openstackclient's.
"""

import csv
import pathlib
from importlib.metadata import entry_points

import pytest

from osc_trove.plugin import command_entry_points

TABLE = pathlib.Path(__file__).resolve().parents[2] / "doc" / "source" / "trove-commands.csv"
STATUSES = {"", "core", "none"}


def _rows():
    with TABLE.open(newline="") as table:
        return list(csv.DictReader(table))


def _command_names(groups):
    return {ep.name.replace("_", " ") for group in groups for ep in entry_points(group=group)}


def command_name(usage):
    """`database user show <instance> <name>` -> `database user show`."""
    words = []
    for word in usage.split():
        if word[0] in "<[-":
            break
        words.append(word)
    return " ".join(words)


OURS = {ep.name.replace("_", " ") for ep in command_entry_points()}
CORE = _command_names(g for g in entry_points().groups if g.startswith("openstack.")) - OURS
ROWS = _rows()


def test_command_name_strips_the_arguments():
    assert command_name("database log set <instance> <log_name> --enable") == "database log set"
    assert command_name("database cluster list") == "database cluster list"


def test_each_trove_command_has_one_row_with_a_known_status():
    names = [row["trove"] for row in ROWS]
    assert len(names) == len(set(names))
    assert {row["status"] for row in ROWS} <= STATUSES
    assert all(row["trove"] and (row["openstack"] or row["status"] == "none") for row in ROWS)
    assert all(row["notes"] for row in ROWS if row["status"] == "none")


def _with(status):
    return pytest.mark.parametrize(
        "row", [r for r in ROWS if r["status"] == status], ids=lambda r: r["trove"]
    )


@_with("")
def test_osc_trove_commands_exist(row):
    assert command_name(row["openstack"]) in OURS


@_with("core")
def test_core_commands_exist(row):
    assert command_name(row["openstack"]) in CORE
