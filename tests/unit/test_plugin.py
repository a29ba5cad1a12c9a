"""The plugin as OpenStackClient loads it: cheap to import, commands registered."""

import importlib.metadata
import importlib.util
import subprocess
import sys

import pytest


def test_python_troveclient_is_not_importable():
    assert importlib.util.find_spec("troveclient") is None


def test_importing_the_plugin_pulls_in_nothing_of_ours_but_itself():
    code = (
        "import sys, osc_trove.plugin;"
        "print(sorted(m for m in sys.modules if m.startswith('osc_trove')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['osc_trove', 'osc_trove.plugin']"


def test_plugin_is_registered_with_openstackclient():
    names = {
        ep.name: ep.value for ep in importlib.metadata.entry_points(group="openstack.cli.extension")
    }
    assert names["database"] == "osc_trove.plugin"


COMMAND_ENTRY_POINTS = sorted(
    importlib.metadata.entry_points(group="openstack.database.v1"), key=lambda ep: ep.name
)


def test_the_command_entry_points_are_found():
    assert "database_instance_create" in {ep.name for ep in COMMAND_ENTRY_POINTS}


@pytest.mark.parametrize("ep", COMMAND_ENTRY_POINTS, ids=lambda ep: ep.name)
def test_every_command_entry_point_builds_its_parser_offline_and_renders_help(ep):
    name = ep.name.replace("_", " ")
    command = ep.load()(None, None)  # no app, no cloud: building the parser needs neither
    parser = command.get_parser(f"openstack {name}")
    text = parser.format_help()
    assert text.startswith(f"usage: openstack {name}")
    summary = command.get_description().strip().splitlines()[0]
    assert summary and " ".join(summary.split()) in " ".join(text.split())
    positionals = [a.metavar or a.dest for a in parser._actions if not a.option_strings]
    listed = text.split("positional arguments:", 1)[-1] if positionals else ""
    for positional in positionals:
        assert f"\n  {positional}" in listed, f"{positional} missing from the help of {name}"


def test_aliases_are_hidden_and_named_in_the_canonical_help(trove):
    aliases = {}
    for ep in importlib.metadata.entry_points(group="openstack.database.v1"):
        cls = ep.load()
        if getattr(cls, "deprecated", False):
            aliases[ep.name.replace("_", " ")] = cls
    assert "database limits list" in aliases
    for name, cls in aliases.items():
        assert name in cls.aliases, f"{cls.__mro__[1].__name__} help must name '{name}'"
    code, out, _ = trove.run("help")
    assert "database limit list" in out and "database limits list" not in out
    code, out, _ = trove.run("help", "database", "limit", "list")
    assert "Also available as: 'database limits list'" in " ".join(out.split())


def test_api_version_option_defaults_to_1_and_reads_the_environment(monkeypatch):
    import argparse

    from osc_trove import plugin

    monkeypatch.delenv("OS_DATABASE_API_VERSION", raising=False)
    assert (
        plugin.build_option_parser(argparse.ArgumentParser()).parse_args([]).os_database_api_version
        == "1"
    )
    monkeypatch.setenv("OS_DATABASE_API_VERSION", "1.0")
    assert (
        plugin.build_option_parser(argparse.ArgumentParser()).parse_args([]).os_database_api_version
        == "1.0"
    )
