"""Installing osc-trove costs other services' commands nothing: `openstack` loads
every entry point of every plugin on each run, and ours import only the plugin
and the stand-ins' module (osc_trove.entry), never a command module."""

import os
import subprocess
import sys

import pytest

# `openstack` as its console script runs it, telling at exit which osc_trove
# modules were imported.
_RUN = """
import atexit, sys
atexit.register(lambda: print(
    "IMPORTED", *sorted(m for m in sys.modules if m.startswith("osc_trove")), file=sys.stderr))
sys.argv[0] = "openstack"
from openstackclient.shell import main
sys.exit(main(sys.argv[1:]))
"""


def imported_by(*argv):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env["OS_CLIENT_CONFIG_FILE"] = os.devnull  # no cloud: nothing is asked of a server
    done = subprocess.run([sys.executable, "-c", _RUN, *argv], capture_output=True, text=True,
                          env=env, timeout=120)
    assert "IMPORTED" in done.stderr, done.stderr
    return done.stdout, done.stderr.rpartition("IMPORTED")[2].split()


@pytest.mark.parametrize("argv", [
    ("flavor", "list", "--help"),  # builds the command and its parser, no login
    ("server", "list"),  # fails for want of credentials, after loading every command
])
def test_another_services_command_imports_only_the_plugin_and_the_stand_ins(argv):
    _, imported = imported_by(*argv)
    assert imported == ["osc_trove", "osc_trove.entry", "osc_trove.plugin"]


def test_our_command_imports_its_own_module_and_not_the_others():
    out, imported = imported_by("database", "flavor", "list", "--help")
    assert out.startswith("usage: openstack database flavor list")
    assert "osc_trove.commands.flavor" in imported
    assert "osc_trove.commands.instance_create" not in imported
