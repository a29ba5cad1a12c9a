"""The built distribution: what `pip install osc-trove` gets.

Builds the sdist and, from it, the wheel (`python -m build`), checks both with
`twine check`, installs the wheel into a virtualenv holding only
python-openstackclient, and runs a command there. That virtualenv is
tests/side_venvs.py's `wheel-check`, kept between runs (osc-trove is reinstalled
each time): only the first run downloads python-openstackclient.
"""

import os
import pathlib
import subprocess
import sys

import pytest

from tests import side_venvs

pytestmark = pytest.mark.packaging

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECK_VENV = side_venvs.WHEEL_CHECK


def run(*argv, **kwargs):
    result = subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=600, **kwargs
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    return sorted(out.iterdir())


@pytest.fixture(scope="module")
def installed(dists):
    """The venv with python-openstackclient and the wheel just built."""
    python = CHECK_VENV / "bin" / "python"
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    try:
        side_venvs.wheel_check()
    except side_venvs.BuildError as err:
        pytest.fail(str(err), pytrace=False)
    run(*pip, "uninstall", "--yes", "osc-trove")
    (wheel,) = [d for d in dists if d.suffix == ".whl"]
    run(*pip, "install", wheel)
    return CHECK_VENV / "bin"


def test_build_makes_an_sdist_and_a_wheel_that_twine_accepts(dists):
    names = [d.name for d in dists]
    assert [n for n in names if n.endswith(".tar.gz")] and [n for n in names if n.endswith(".whl")]
    result = run(sys.executable, "-m", "twine", "check", "--strict", *dists)
    assert result.stdout.count("PASSED") == 2


def test_the_wheel_adds_the_commands_to_a_plain_openstack(installed, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    result = run(installed / "openstack", "datastore", "list", "--help", env=env, cwd=tmp_path)
    assert result.stdout.startswith("usage: openstack datastore list")
    where = run(installed / "python", "-c", "import osc_trove; print(osc_trove.__file__)",
                cwd=tmp_path).stdout
    assert str(CHECK_VENV) in where  # the installed wheel, not the checkout
    no_troveclient = subprocess.run(
        [installed / "python", "-c", "import troveclient"], capture_output=True, cwd=tmp_path
    )
    assert no_troveclient.returncode == 1
