"""osc-trove installed beside python-troveclient 8.11.0, in either discovery order.

Both packages register an OSC plugin and the 84 command names of 8.11.0. This
runs a real `openstack` from a virtualenv that has python-openstackclient,
python-troveclient and osc-trove (tests/side_venvs.py builds it),
never from the project's .venv, which must not see python-troveclient.

How the discovery order is forced: python-troveclient is installed on its own
in `<venv>/troveclient-site`, which a `.pth` file of the venv's site-packages
appends to sys.path, so Python lists it after osc-trove (installed in
site-packages). With PYTHONPATH set to that directory it comes first instead:
PYTHONPATH entries precede site-packages, and `site` skips a .pth directory
that is already on sys.path. `test_discovery_order` checks that the order is
the one each case claims.
"""

import subprocess

import pytest

from osc_trove.plugin import command_entry_points
from tests import side_venvs
from tests.functional.helpers import ok
from tests.inprocess import Result

VENV = side_venvs.COEXIST
VENV_PYTHON = VENV / "bin" / "python"
TROVECLIENT_SITE = side_venvs.TROVECLIENT_SITE
NOTICE = "Note: python-troveclient is also installed"


class CoInstalled:
    """Runs the co-installed venv's programs, python-troveclient listed first or last."""

    def __init__(self, cloud, troveclient_first):
        self.troveclient_first = troveclient_first
        self.env = dict(cloud.env)
        self.env.pop("PYTHONPATH", None)
        if troveclient_first:
            self.env["PYTHONPATH"] = str(TROVECLIENT_SITE)

    def run(self, program, *argv):
        proc = subprocess.run([str(VENV / "bin" / program), *argv], capture_output=True,
                              text=True, env=self.env, timeout=300, cwd=VENV)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def openstack(self, *argv):
        return self.run("openstack", "--os-cloud", "local-demo", *argv)


@pytest.fixture(scope="module")
def venv():
    try:
        side_venvs.coexist()
    except side_venvs.BuildError as err:
        pytest.fail(str(err), pytrace=False)


@pytest.fixture(scope="module", params=[False, True], ids=["troveclient-last",
                                                           "troveclient-first"])
def both(request, venv, cloud):
    return CoInstalled(cloud, troveclient_first=request.param)


def test_discovery_order(both):
    code = ("import importlib.metadata as m; print(' '.join(e.value for e in"
            " m.entry_points(group='openstack.cli.extension') if 'trove' in e.value))")
    plugins = ok(both.run("python", "-c", code)).out.split()
    expected = ["osc_trove.plugin", "troveclient.osc.plugin"]
    assert plugins == (expected[::-1] if both.troveclient_first else expected)


def test_version_and_a_foreign_command_start_quietly(both):
    version = ok(both.run("openstack", "--version"))
    assert version.out.startswith("openstack ") and version.err == ""
    server_help = ok(both.run("openstack", "server", "list", "--help"))
    assert "usage: openstack server list" in server_help.out
    assert server_help.err == ""


def test_help_gives_every_name_osc_trove_has_to_osc_trove(both):
    ours = {ep.name.replace("_", " ") for ep in command_entry_points()}
    help_ = ok(both.run("openstack", "help"))
    assert help_.err == ""
    owner = {}  # "  database instance list  List database instances ... (osc-trove)"
    for line in help_.out.splitlines():
        if line.startswith(("  database ", "  datastore ")):
            owner[line.split("  ")[1]] = line.rsplit(" (", 1)[1].rstrip(")")
    assert {name for name, dist in owner.items() if dist == "osc-trove"} == ours & owner.keys()
    # python-troveclient 8.11.0 has no command osc-trove lacks (README): every name is ours.
    assert {name for name in owner if name not in ours} == set()
    assert {"datastore list", "database instance list"} <= ours & owner.keys()


def test_complete_names_both_packages_commands(both):
    script = ok(both.run("openstack", "complete")).out
    assert "cmds_database_instance_ssl='disable enable rollback show'" in script  # osc-trove's
    assert "cmds_database_cluster='create " in script  # python-troveclient's


def test_a_shared_name_runs_osc_trove_and_says_so_once(both):
    result = ok(both.openstack("datastore", "list", "-f", "json"))
    assert "mysql" in {row["Name"] for row in result.json()}
    (line,) = result.err.splitlines()
    assert line.startswith(NOTICE)
    assert line.endswith(f"{VENV_PYTHON} -m pip uninstall python-troveclient")


def test_an_osc_trove_only_command_works(both):
    result = ok(both.openstack("database", "limits", "list", "-f", "json"))
    assert "ABSOLUTE" in {row["Verb"] for row in result.json()}, result
    assert result.err.startswith(NOTICE)


# Builds the client manager as `openstack --os-cloud local-demo` does, runs one of
# osc-trove's commands, then names the class behind client_manager.database.
CLIENT_OWNER = """
from openstackclient import shell
app = shell.OpenStackShell()
assert app.run(["--os-cloud", "local-demo", "database", "flavor", "list", "-f", "value"]) == 0
print(type(app.client_manager.database).__module__)
"""


def test_python_troveclient_keeps_its_own_client(both):
    """client_manager.database stays python-troveclient's, for its own commands to use
    (osc-trove's commands build their client beside it)."""
    owner = ok(both.run("python", "-c", CLIENT_OWNER)).out.split()[-1]
    assert owner.startswith("troveclient."), owner
