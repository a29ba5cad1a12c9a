"""Functional-test harness: the local cloud, and `openstack` run as a user runs it.

The cloud comes up once per test session (`tools/local-cloud up`) and is
stopped at the end if this session started it.

`Cloud.openstack` runs OSC's real shell in this process (tests/inprocess.py):
the installed entry points, a real Keystone login (once per user, below), the
real Trove API. A real `openstack` process (`Cloud.openstack_process`, or the
console script directly) is kept only where the process itself is under test:

- `--debug` output, whose secrecy is checked as a user's terminal gets it
  (test_db_user.py);
- Ctrl-C on `log tail --follow` (test_admin.py);
- the console script and its exit codes from a real interpreter, as
  installed: python-troveclient beside osc-trove in a virtualenv of its own
  (test_coexistence.py), and the built wheel in a clean one (tests/packaging).

Each of the local cloud's users logs in to Keystone once per test session:
later in-process runs reuse that token, keyed and stored as keystoneauth's own
auth state (what openstacksdk's `cache: auth` keeps in a keyring), so a run
costs Trove's answer, not a login and a first-seen token's validation. A token
Keystone or Trove refuses (a 401) is forgotten and the next run logs in again.
`Cloud(..., reuse_logins=False)` (test_faults.py's proxied cloud) logs in on
every run.

Helpers the test modules share (set-up over the API, the one waiter, instances
and clusters that are always cleaned up) are in tests/functional/helpers.py;
the local cloud's own REST contract is tested in tests/functional/localcloud/.
"""

import contextlib
import json
import os
import pathlib
import subprocess
import sys
import time

import pytest
import yaml
from osc_lib import exceptions

from tests import inprocess

REPO = pathlib.Path(__file__).resolve().parents[2]
LOCAL_CLOUD = REPO / "tools" / "local-cloud"
OPENSTACK = pathlib.Path(sys.executable).parent / "openstack"


def pytest_collection_modifyitems(items):
    for item in items:
        if pathlib.Path(str(item.fspath)).is_relative_to(pathlib.Path(__file__).parent):
            item.add_marker(pytest.mark.functional)


class Cloud:
    """The running local cloud: its clouds.yaml, and ways to talk to it."""

    def __init__(self, clouds_yaml, reuse_logins=False):
        self.clouds_yaml = clouds_yaml
        self.reuse_logins = reuse_logins
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
        self.env["OS_CLIENT_CONFIG_FILE"] = str(clouds_yaml)

    def openstack(self, *argv, cloud="local-demo", stdin=None):
        """`openstack --os-cloud <cloud> <argv>`, run in this process."""
        with inprocess.reused_logins(_LOGINS) if self.reuse_logins else \
                contextlib.nullcontext():
            return inprocess.openstack(["--os-cloud", cloud, *argv], stdin, env=self.env)

    def openstack_process(self, *argv, cloud="local-demo", stdin=None, timeout=300):
        """The installed `openstack --os-cloud <cloud> <argv>`, as a real process."""
        proc = subprocess.run(
            [str(OPENSTACK), "--os-cloud", cloud, *argv],
            input=stdin, capture_output=True, text=True, env=self.env, timeout=timeout,
        )
        return inprocess.Result(proc.returncode, proc.stdout, proc.stderr)

    def api(self, cloud="local-demo"):
        """An osc_trove.api.TroveClient logged in as `cloud`'s user."""
        import openstack.config

        from osc_trove.api import TroveClient

        config = openstack.config.OpenStackConfig(config_files=[str(self.clouds_yaml)])
        region = config.get_one(cloud)
        return TroveClient(region.get_session(), region_name=region.get_region_name())


_LOGINS = {}  # keystoneauth cache id (auth URL, user, password, scope) -> auth state


def _local_cloud(*argv):
    return subprocess.run([sys.executable, str(LOCAL_CLOUD), *argv], capture_output=True,
                          text=True, timeout=900)


def _make_quota_usages(cloud):
    """Trove makes a project's quota-usage rows on its first reservation, and two
    first reservations at once collide: one create answers 500 (a stock-Trove race,
    docs/local-cloud.md). Test workers are let in together once the cloud is up, so
    the rows are made first, by reading the usages (a read, safe to try again)."""
    admin = cloud.api("local-admin")
    for name in ("local-demo", "local-admin"):
        project_id = cloud.api(name).http.adapter.get_project_id()
        for attempt in range(5):
            try:
                admin.quotas.show(project_id)
                break
            except exceptions.ClientException:
                if attempt == 4:
                    raise
                time.sleep(0.5)


@pytest.fixture(scope="session")
def cloud():
    was_up = _local_cloud("status").returncode == 0
    up = _local_cloud("up")
    if up.returncode != 0:
        pytest.fail(f"tools/local-cloud up failed:\n{up.stderr}\n{up.stdout}", pytrace=False)
    clouds_yaml = _local_cloud("env").stdout.strip().split("=", 1)[1]
    cloud = Cloud(pathlib.Path(clouds_yaml), reuse_logins=True)
    _make_quota_usages(cloud)
    yield cloud
    # Under pytest-xdist another worker may still need the cloud: `make test`
    # stops it after the whole run instead.
    if not was_up and not os.environ.get("PYTEST_XDIST_WORKER"):
        _local_cloud("down")


@pytest.fixture(scope="module")
def proxy(cloud):
    """tests/functional/fault_proxy.py in front of the local cloud, for one module."""
    from tests.functional.fault_proxy import FaultProxy

    state = json.loads((REPO / ".local-cloud" / "state.json").read_text())
    proxy = FaultProxy(state["keystone_port"], state["trove_port"]).start()
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def proxied(cloud, proxy, tmp_path_factory):
    """The local cloud's users, logging in (and so finding Trove) through the proxy."""
    config = yaml.safe_load(cloud.clouds_yaml.read_text())
    for entry in config["clouds"].values():
        entry["auth"]["auth_url"] = proxy.auth_url
    path = tmp_path_factory.mktemp("proxied") / "clouds.yaml"
    path.write_text(yaml.safe_dump(config))
    return Cloud(path)


@pytest.fixture(scope="session")
def demo_api(cloud):
    return cloud.api("local-demo")


@pytest.fixture(scope="session")
def admin_api(cloud):
    return cloud.api("local-admin")
