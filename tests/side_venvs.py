"""The virtualenvs some tests run programs from, apart from the project's .venv.

- `coexist`: python-openstackclient, python-troveclient 8.11.0 and osc-trove
  (editable), for tests/functional/test_coexistence.py;
- `wheel-check`: python-openstackclient alone, into which tests/packaging
  installs the wheel it builds.

Each is built once per machine (again when its pins change) under .test-venvs/.
Standard library only: `make test` runs `python3 -m tests.side_venvs` in the
background while .venv is built and the local cloud starts (pip mostly waits on
downloads and disks, which the workers' tests do not), and the tests' fixtures
call the same functions: a lock makes them wait for that build, then find it
done.
"""

import fcntl
import hashlib
import pathlib
import shutil
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
ROOT = REPO / ".test-venvs"
COEXIST = ROOT / "coexist"
# Python lists this directory after site-packages (see test_coexistence.py).
TROVECLIENT_SITE = COEXIST / "troveclient-site"
WHEEL_CHECK = ROOT / "wheel-check"

# Changing a venv's pins rebuilds it.
COEXIST_PINS = ["python-openstackclient==10.5.0", "python-troveclient==8.11.0"]
WHEEL_CHECK_PINS = ["python-openstackclient"]


class BuildError(Exception):
    pass


def _python(venv):
    return venv / "bin" / "python"


def _pip(venv, *args):
    log = ROOT / f"{venv.name}-pip.log"
    with open(log, "a") as out:
        rc = subprocess.call(
            [str(_python(venv)), "-m", "pip", "--disable-pip-version-check", "-q", *args],
            stdout=out, stderr=subprocess.STDOUT)
    if rc:
        raise BuildError(f"pip {' '.join(args)} failed; see {log}")


def _locked(venv):
    ROOT.mkdir(exist_ok=True)
    lock = open(ROOT / f"{venv.name}.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
    return lock


def _fresh(venv, pins):
    """Make `venv` hold `pins` unless it already does; True if it was (re)built."""
    marker = venv / ".installed"
    wanted = "\n".join(pins) + "\n"
    if marker.exists() and marker.read_text() == wanted:
        return False
    shutil.rmtree(venv, ignore_errors=True)
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
    _pip(venv, "install", "--no-compile", *pins)  # as tools/local-cloud does
    marker.write_text(wanted)
    return True


def coexist():
    """The co-installed venv, python-troveclient in a directory of its own and
    osc-trove editable (re-installed when pyproject.toml changes: entry points)."""
    with _locked(COEXIST):
        osc_trove_marker = COEXIST / ".osc-trove-installed"
        if _fresh(COEXIST, COEXIST_PINS):
            # Move python-troveclient (its dependencies stay) to its own directory.
            _pip(COEXIST, "install", "--no-deps", "--target", str(TROVECLIENT_SITE),
                 COEXIST_PINS[1])
            _pip(COEXIST, "uninstall", "-y", "python-troveclient")
            site_packages = subprocess.run(
                [str(_python(COEXIST)), "-c",
                 "import sysconfig; print(sysconfig.get_path('purelib'))"],
                capture_output=True, text=True, check=True).stdout.strip()
            pathlib.Path(site_packages, "troveclient-site.pth").write_text(
                f"{TROVECLIENT_SITE}\n")
            osc_trove_marker.unlink(missing_ok=True)
        pyproject = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
        if not osc_trove_marker.exists() or osc_trove_marker.read_text() != pyproject:
            _pip(COEXIST, "install", "--no-deps", "-e", str(REPO))
            osc_trove_marker.write_text(pyproject)
    return COEXIST


def wheel_check():
    """The venv with python-openstackclient only (the wheel is installed by the test)."""
    with _locked(WHEEL_CHECK):
        _fresh(WHEEL_CHECK, WHEEL_CHECK_PINS)
    return WHEEL_CHECK


def main():
    try:
        coexist()
        wheel_check()
    except BuildError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
