"""docs/first-database.md, run as written against the local cloud: every command of
the page, in order, as the demo user, so the page cannot go stale.

Names are made unique per run (`mydb` becomes `<unique>`, `tuned` `<unique>-tuned`);
`instance connect` runs a stand-in `mysql` that records its arguments.
"""

import os
import pathlib
import re
import shlex
import stat

import pytest

from tests.functional.conftest import REPO
from tests.functional.helpers import delete_instance, ok, unique

PAGE = REPO / "docs" / "first-database.md"
PIPED = re.compile(r"^printf '%s\\n' '(?P<stdin>[^']*)' \| (?P<command>openstack .*)$")


def page_commands():
    """(argv after `openstack`, stdin) of each `$ ` line of the page's console blocks."""
    commands, in_console = [], False
    for line in PAGE.read_text().splitlines():
        if line.startswith("```"):
            in_console = line == "```console"
            continue
        if in_console and line.startswith("$ "):
            text, stdin = line[2:], None
            piped = PIPED.match(text)
            if piped:
                text, stdin = piped["command"], piped["stdin"] + "\n"
            argv = shlex.split(text)
            assert argv[0] == "openstack", line
            commands.append((argv[1:], stdin))
    return commands


def test_the_page_shows_the_whole_first_hour():
    words = [" ".join(argv[:3]) for argv, _ in page_commands()]
    for step in ("database instance create", "database instance connection",
                 "database db create", "database user create", "database backup create",
                 "database configuration attach", "database instance delete"):
        assert step in words, step


@pytest.fixture
def fake_mysql(cloud, tmp_path, monkeypatch):
    """A `mysql` first on the commands' PATH that writes its arguments to a file."""
    record = tmp_path / "mysql.args"
    script = tmp_path / "mysql"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setitem(cloud.env, "PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    return record


def test_every_command_of_the_page_runs(cloud, demo_api, fake_mysql):
    name = unique("first")
    rename = {"mydb": name, "tuned": f"{name}-tuned"}

    def named(word):
        for old, new in rename.items():
            if word == old or word.startswith(old + "-"):
                return new + word[len(old):]
        return word

    try:
        for argv, stdin in page_commands():
            argv = [named(w) for w in argv]
            result = ok(cloud.openstack(*argv, stdin=stdin))
            if argv[:4] == ["database", "instance", "connection", "show"]:
                assert "mysql://app@" in result.out and ":3306/shop" in result.out
                connect = ["database", "instance", "connect", *argv[4:]]
                ok(cloud.openstack(*connect))
                args = pathlib.Path(fake_mysql).read_text().split()
                assert "--user=app" in args and "--port=3306" in args and args[-1] == "shop"
            if argv[:3] == ["database", "user", "create"]:
                assert "S3cret-pw" not in result.out + result.err
        # What the page made, it also removed.
        left = [i["name"] for i in demo_api.instances.list() if i["name"].startswith(name)]
        assert left == []
        assert not [g for g in demo_api.configurations.list() if g["name"].startswith(name)]
    finally:
        for row in demo_api.instances.list():
            if row["name"].startswith(name):
                delete_instance(demo_api, row["id"])
