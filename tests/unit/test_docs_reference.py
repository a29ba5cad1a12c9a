"""The generated command reference (doc/source/cli) has a page for every command."""

import pathlib
import re
from fnmatch import fnmatch

from osc_trove.plugin import command_entry_points

CLI_PAGES = pathlib.Path(__file__).resolve().parents[2] / "doc" / "source" / "cli"


def test_every_command_but_the_aliases_is_on_a_page():
    globs = [
        glob
        for page in CLI_PAGES.glob("*.rst")
        for glob in re.findall(r"^\s+:command:\s*(.+?)\s*$", page.read_text(), re.MULTILINE)
    ]
    unlisted = [
        ep.name.replace("_", " ")
        for ep in command_entry_points()
        if not ep.load().deprecated
        and not any(fnmatch(ep.name.replace("_", " "), glob) for glob in globs)
    ]
    assert unlisted == []
