"""The plugin as OpenStackClient loads it: cheap to import, commands registered."""

import argparse
import importlib.metadata
import importlib.util
import inspect
import re
import subprocess
import sys

import pytest

from osc_trove.plugin import command_entry_points


def test_python_troveclient_is_not_importable():
    assert importlib.util.find_spec("troveclient") is None


def test_importing_the_plugin_pulls_in_nothing_of_ours_but_the_entry_points():
    # osc_trove.entry is what cliff loads on every run anyway (the commands' stand-ins).
    code = (
        "import sys, osc_trove.plugin;"
        "print(sorted(m for m in sys.modules if m.startswith('osc_trove')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['osc_trove', 'osc_trove.entry', 'osc_trove.plugin']"


def test_plugin_is_registered_with_openstackclient():
    names = {
        ep.name: ep.value for ep in importlib.metadata.entry_points(group="openstack.cli.extension")
    }
    assert names["osc_trove"] == "osc_trove.plugin"


COMMAND_ENTRY_POINTS = sorted(command_entry_points(), key=lambda ep: ep.name)


def test_the_command_entry_points_are_found():
    assert "database_instance_create" in {ep.name for ep in COMMAND_ENTRY_POINTS}


def test_each_entry_point_names_a_stand_in_that_builds_its_command():
    """What OSC loads on every run is osc_trove.entry's stand-in; called as cliff
    calls a command class, it builds the command of the class it stands for."""
    from osc_trove.entry import LazyCommand

    real = {ep.name: ep.load() for ep in command_entry_points()}
    installed = [ep for ep in importlib.metadata.entry_points(group="openstack.extension")
                 if ep.name in real]
    assert len(installed) == len(real)
    for ep in installed:
        assert ep.value.startswith("osc_trove.entry:"), ep
        stand_in = ep.load()
        assert issubclass(stand_in, LazyCommand) and stand_in.__name__ == real[ep.name].__name__
        assert type(stand_in(None, None)) is real[ep.name]


@pytest.mark.parametrize("ep", COMMAND_ENTRY_POINTS, ids=lambda ep: ep.name)
def test_every_command_entry_point_builds_its_parser_offline_and_renders_help(ep):
    name = ep.name.replace("_", " ")
    command = ep.load()(None, None)  # no app, no cloud: building the parser needs neither
    parser = command.get_parser(f"openstack {name}")
    text = parser.format_help()
    assert text.startswith(f"usage: openstack {name}")
    summary = command.get_description().strip().splitlines()[0]
    assert summary and " ".join(summary.split()) in " ".join(text.split())
    # Older forms kept out of the help (help=SUPPRESS) are not listed.
    positionals = [a.metavar or a.dest for a in parser._actions
                   if not a.option_strings and a.help != argparse.SUPPRESS]
    listed = text.split("positional arguments:", 1)[-1] if positionals else ""
    for positional in positionals:
        assert f"\n  {positional}" in listed, f"{positional} missing from the help of {name}"


def test_commands_are_loaded_after_every_plugin_group(trove):
    """Where python-troveclient registers the same name, ours is found last and wins."""
    from openstackclient import shell

    app = shell.OpenStackShell()
    app.run(["module", "list", "-f", "value"])
    groups = app.command_manager.group_list
    assert groups[-1] == "openstack.extension"
    assert "openstack.database.v1" not in groups  # python-troveclient's group, not ours
    factory = app.command_manager.find_command(["datastore", "list"])[0]
    # cliff passes the name it was found by to a class whose __init__ takes it.
    assert "cmd_name" in inspect.getfullargspec(factory.__init__).args
    command = factory(app, None, cmd_name="datastore list")
    assert type(command).__module__ == "osc_trove.commands.datastore"
    assert command.cmd_name == "datastore list"


def test_aliases_are_hidden_and_named_in_the_canonical_help(trove):
    aliases = {}
    for ep in command_entry_points():
        cls = ep.load()
        if getattr(cls, "deprecated", False) and not getattr(cls, "withdrawn", False):
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


def test_api_version_option_is_added_once_when_already_there():
    import argparse

    from osc_trove import plugin

    parser = argparse.ArgumentParser()
    theirs = parser.add_argument("--os-database-api-version", default="1")
    plugin.build_option_parser(parser)  # would raise "conflicting option string"
    assert parser._option_string_actions["--os-database-api-version"] is theirs


def test_api_version_option_is_left_to_python_troveclient_when_it_comes_later(monkeypatch):
    """Its plugin adds the option without looking first: ours must not be there yet."""
    import argparse
    import types

    from osc_trove import plugin

    parser = argparse.ArgumentParser()
    plugin.build_option_parser(parser)
    assert "--os-database-api-version" in parser._option_string_actions
    monkeypatch.setitem(sys.modules, "troveclient.osc.plugin", types.ModuleType("fake"))
    parser = argparse.ArgumentParser()
    plugin.build_option_parser(parser)
    parser.add_argument("--os-database-api-version")  # as python-troveclient does


@pytest.mark.parametrize("version", ["1", "1.0", ""])
def test_api_version_1_and_1_0_are_accepted_silently(trove, monkeypatch, version):
    monkeypatch.setenv("OS_DATABASE_API_VERSION", version)
    trove.on("GET", "/flavors", {"flavors": []})
    assert trove.run("database", "flavor", "list", "-f", "value") == (0, "", "")
    code, _, err = trove.run("--os-database-api-version", version, "database", "flavor", "list")
    assert (code, err) == (0, "")


def test_an_unknown_api_version_fails_database_commands_in_one_line(trove, monkeypatch):
    expected = ("Database API version '2' is not supported; the versions there are: 1, 1.0 "
                "(--os-database-api-version, OS_DATABASE_API_VERSION).\n")
    assert trove.run("--os-database-api-version", "2", "database", "flavor", "list") == (
        1, "", expected)
    monkeypatch.setenv("OS_DATABASE_API_VERSION", "2")
    assert trove.run("datastore", "list") == (1, "", expected)
    assert trove.requests == []
    # Other services' commands do not use it: not a word about it.
    code, _, err = trove.run("module", "list")
    assert (code, err) == (0, "")


def test_the_client_class_comes_from_api_versions(monkeypatch):
    from osc_trove import plugin
    from osc_trove.api import TroveClient

    assert plugin.client_class("1") is plugin.client_class("1.0") is TroveClient
    monkeypatch.setitem(plugin.API_VERSIONS, "2", "osc_trove.api.http.Http")
    from osc_trove.api.http import Http

    assert plugin.client_class("2") is Http


NOTICE = (
    "Note: python-troveclient is also installed; `openstack database` commands that "
    "osc-trove lacks run its code. To use osc-trove alone: "
    f"{sys.executable} -m pip uninstall python-troveclient\n"
)


@pytest.fixture
def troveclient_loaded(monkeypatch):
    """As when OSC has loaded python-troveclient's plugin module beside ours."""
    import types

    monkeypatch.setitem(sys.modules, "troveclient.osc.plugin", types.ModuleType("fake"))


def test_database_commands_note_that_python_troveclient_is_loaded(trove, troveclient_loaded):
    trove.on("GET", "/datastores", {"datastores": []})
    trove.on("GET", "/flavors", {"flavors": []})
    assert trove.run("datastore", "list", "-f", "value") == (0, "", NOTICE)
    assert trove.run("database", "flavor", "list", "-f", "value") == (0, "", NOTICE)


def test_other_commands_never_note_it(trove, troveclient_loaded):
    code, out, err = trove.run("module", "list", "-f", "json")
    assert (code, err) == (0, "")
    assert "openstackclient" in out


def test_no_note_without_python_troveclient(trove):
    trove.on("GET", "/datastores", {"datastores": []})
    assert trove.run("datastore", "list", "-f", "value") == (0, "", "")


def test_commands_use_their_own_client_not_client_manager_database(trove, monkeypatch):
    from osc_lib import clientmanager

    # What python-troveclient's plugin puts there when OSC loads it last.
    monkeypatch.setattr(clientmanager.ClientManager, "database", object(), raising=False)
    trove.on("GET", "/datastores", {"datastores": [{"id": "d1", "name": "mysql",
                                                   "versions": []}]})
    code, out, err = trove.run("datastore", "list", "-f", "value", "-c", "Name")
    assert (code, out, err) == (0, "mysql\n", "")


def test_commands_use_the_client_osc_caches_built_from_the_session_region_and_interface():
    import functools
    import types

    from keystoneauth1.session import Session

    from osc_trove import plugin
    from osc_trove.cli import base, hints

    class Nothing(base.Command):
        def take_action(self, parsed_args):
            pass

    built = []

    def make_client(manager):
        built.append(plugin.make_client(manager))
        return built[-1]

    class Manager:  # how OSC caches a plugin's client (osc_lib.clientmanager.ClientCache)
        session, region_name, interface = Session(), "RegionTwo", "internal"
        _api_version = {"osc_trove": "1"}

        def get_configuration(self):
            return {}

        @functools.cached_property
        def osc_trove(self):
            return make_client(self)

    manager = Manager()
    command = Nothing(types.SimpleNamespace(client_manager=manager), None)
    client = command.trove
    assert command.trove is client
    assert Nothing(types.SimpleNamespace(client_manager=manager), None).trove is client
    assert built == [client]
    assert client.http.on_error is hints.add_hint  # its request errors carry the hints
    assert client.http.adapter.session is manager.session
    assert (client.http.adapter.region_name, client.http.adapter.interface) == (
        "RegionTwo", "internal")
    assert client.http.adapter.endpoint_override is None


def test_help_for_words_that_begin_commands_lists_no_hidden_name(trove):
    code, out, _ = trove.run("help", "database")
    assert code == 0 and out.startswith('Command "database" matches:')
    listed = {line.strip() for line in out.splitlines()[1:]}
    assert {"database limit list", "database db create", "database instance resize flavor"
            } <= listed
    hidden = {ep.name.replace("_", " ") for ep in command_entry_points() if ep.load().deprecated}
    assert "database limits list" in hidden and listed & hidden == set()


def test_an_alias_help_does_not_offer_itself(trove):
    code, out, _ = trove.run("help", "database", "add")
    assert code == 0 and " database add [-h]" in out
    assert "Also available as" not in out
    code, out, _ = trove.run("help", "database", "db", "create")
    assert "Also available as: 'database add'" in " ".join(out.split())


def test_log_enable_names_the_troveclient_releases_that_had_it():
    import json

    from tests.unit.conftest import FIXTURES

    had = json.loads((FIXTURES / "troveclient-history.json").read_text())["commands"][
        "database log enable"]
    for ep in command_entry_points():
        if ep.name in ("database_log_enable", "database_log_set"):
            text = " ".join(ep.load()(None, None).get_description().split())
            assert f"python-troveclient {had['first']} to {had['last']}" in text, text


OPTION = re.compile(r"(?<![\w'-])--[a-z][a-z-]*")


@pytest.mark.parametrize("ep", COMMAND_ENTRY_POINTS, ids=lambda ep: ep.name)
def test_a_command_description_names_only_options_it_takes(ep):
    """An option named in a command's description (not quoted beside another
    command's name) is one of its own."""
    command = ep.load()(None, None)
    parser = command.get_parser("openstack " + ep.name.replace("_", " "))
    description = re.sub(r"'database [^']*'|`[^`]*`", "", command.get_description())
    assert set(OPTION.findall(description)) - set(parser._option_string_actions) == set()
