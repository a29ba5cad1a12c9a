"""`make bench`: what osc-trove costs, side by side with plain `openstack`.

Figures (median wall time of several runs, each a fresh process):
  - `openstack --version` without osc-trove (a venv with the same packages
    minus osc-trove) and with it: the start-up tax every OSC user pays;
  - importing osc_trove.plugin after OpenStackClient's own imports, and
    osc-trove's command modules, which every command but --version imports;
  - `openstack database flavor list` against the local cloud;
  - `openstack database instance list` over BENCH_INSTANCES (100) instances,
    beside a bare keystoneauth script paging the same URL (also a fresh
    process that logs in), and `instance show <name>` with its request count.
Each is printed as a ratio to bare `openstack --version` and written to
bench/results.txt. This is a benchmark, not a test: nothing here fails on a
number.
"""

import os
import pathlib
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(sys.executable).parent
BARE = REPO / ".bench" / "bare-venv"
RESULTS = REPO / "bench" / "results.txt"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def bare_venv():
    """A venv with this venv's packages except osc-trove, built once."""
    marker = BARE / ".ready"
    if marker.exists():
        return BARE / "bin"
    freeze = subprocess.run([BIN / "pip", "freeze", "--exclude-editable"], check=True,
                            capture_output=True, text=True).stdout
    wanted = [line for line in freeze.splitlines()
              if line and not line.lower().startswith(("osc-trove", "osc_trove", "-e "))]
    subprocess.run([sys.executable, "-m", "venv", BARE], check=True)
    subprocess.run([BARE / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check",
                    *wanted], check=True)
    marker.touch()
    return BARE / "bin"


def median_seconds(argv, env=None, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_IMPORT_COST = """
import time, openstackclient.shell, openstackclient.common.clientmanager as cm
import sys
sys.modules.pop('osc_trove.plugin', None); sys.modules.pop('osc_trove', None)
start = time.perf_counter()
import osc_trove.plugin
print(time.perf_counter() - start)
"""


# What every `openstack <command>` run (not --version) adds for osc-trove: cliff
# loads the `openstack.extension` group with stevedore, which imports the
# module behind each entry point, whatever the command asked for.
_COMMANDS_COST = """
import time, importlib.metadata, openstackclient.shell, osc_lib.command.command
start = time.perf_counter()
for ep in importlib.metadata.entry_points(group='openstack.extension'):
    if ep.value.startswith('osc_trove.'):
        ep.load()
print(time.perf_counter() - start)
"""


def median_of_script(script, runs=RUNS):
    times = [float(subprocess.run([BIN / "python", "-c", script], check=True,
                                  capture_output=True, text=True).stdout)
             for _ in range(runs)]
    return statistics.median(times)


def cloud_env():
    subprocess.run([sys.executable, REPO / "tools" / "local-cloud", "up"], check=True)
    line = subprocess.run([sys.executable, REPO / "tools" / "local-cloud", "env"], check=True,
                          capture_output=True, text=True).stdout
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env["OS_CLIENT_CONFIG_FILE"] = line.strip().split("=", 1)[1]
    return env


BENCH_INSTANCES = int(os.environ.get("BENCH_INSTANCES", "100"))
BENCH_CLOUD = "local-admin"  # its own project, so the demo project's instances stay apart

# Paging the instance list by hand: the floor any client pays for one listing.
_BARE_LIST = """
import sys
from urllib.parse import parse_qsl, urlsplit
import openstack.config
region = openstack.config.OpenStackConfig(config_files=[sys.argv[1]]).get_one(sys.argv[2])
sess = region.get_session()
url = sess.get_endpoint(service_type="database", interface="public") + "/instances"
params, count = {}, 0
while True:
    body = sess.get(url, params=params).json()
    count += len(body["instances"])
    nxt = [l["href"] for l in body.get("links", []) if l.get("rel") == "next"]
    if not nxt or not body["instances"]:
        break
    params = dict(parse_qsl(urlsplit(nxt[0]).query))
print(count)
"""


def bench_instances(env, figures, base):
    """Fill the admin project with instances, time list and show, then delete them."""
    sys.path.insert(0, str(REPO))
    from tests.functional.conftest import Cloud

    api = Cloud(pathlib.Path(env["OS_CLIENT_CONFIG_FILE"])).api(BENCH_CLOUD)
    project = api.adapter.get_project_id()
    api.put(f"/mgmt/quotas/{project}", {"quotas": {"instances": BENCH_INSTANCES + 10,
                                                   "volumes": BENCH_INSTANCES + 10}})
    flavor = api.flavors.find("m1.small")
    body = {"flavorRef": api.flavors.id_of(flavor), "volume": {"size": 1},
            "datastore": {"type": "mysql", "version": "5.7"}}
    tag = f"bench-{os.getpid()}"
    created = [api.post("/instances", {"instance": {**body, "name": f"{tag}-{i}"}})["instance"]
               for i in range(BENCH_INSTANCES)]
    try:
        # Time a quiet server: while the task manager builds them, every page costs
        # more, and the first figure would pay for it, not the second.
        ids = {instance["id"] for instance in created}
        deadline = time.monotonic() + 600
        while any(row["status"] != "ACTIVE" for row in api.instances.list()
                  if row["id"] in ids) and time.monotonic() < deadline:
            time.sleep(2)
        openstack = [BIN / "openstack", "--os-cloud", BENCH_CLOUD, "database"]
        listed = median_seconds([*openstack, "instance", "list", "-f", "value", "-c", "ID"],
                                env=env)
        bare = median_seconds([BIN / "python", "-c", _BARE_LIST, env["OS_CLIENT_CONFIG_FILE"],
                               BENCH_CLOUD], env=env)
        figures.append((f"openstack database instance list ({BENCH_INSTANCES} instances)",
                        listed))
        figures.append(("bare keystoneauth paging of the same list", bare))
        show = [*openstack, "instance", "show", f"{tag}-7"]
        figures.append(("openstack database instance show <name>", median_seconds(show,
                                                                                  env=env)))
        debug = subprocess.run([show[0], "--debug", *show[1:]], env=env, check=True,
                               capture_output=True, text=True).stderr
        endpoint = api.adapter.get_endpoint()
        requests = [line.split()[5:7] for line in debug.splitlines()
                    if line.startswith("REQ: curl") and endpoint in line]
        sent = ", ".join(f"{method} {url.replace(endpoint, '')}" for method, url in requests)
        return (f"instance list vs bare paging: {listed / bare:.2f}x; "
                f"instance show <name>: {len(requests)} Trove requests ({sent})")
    finally:
        for instance in created:
            api.delete(f"/instances/{instance['id']}")


def main():
    bare = bare_venv()
    figures = []
    base = median_seconds([bare / "openstack", "--version"])
    figures.append(("openstack --version, without osc-trove", base))
    figures.append(("openstack --version, with osc-trove",
                    median_seconds([BIN / "openstack", "--version"])))
    # OSC imports the plugin while loading its own modules; the script pops it and
    # times a fresh import, so the figure is the plugin's own cost.
    figures.append(("import osc_trove.plugin after OSC's imports",
                    median_of_script(_IMPORT_COST)))
    figures.append(("import osc-trove's command modules (any command)",
                    median_of_script(_COMMANDS_COST)))
    env = cloud_env()
    figures.append(("openstack database flavor list (local cloud)",
                    median_seconds([BIN / "openstack", "--os-cloud", "local-demo", "database",
                                    "flavor", "list"], env=env)))
    extra = bench_instances(env, figures, base)
    lines = [f"osc-trove benchmark, median of {RUNS} runs, {time.strftime('%Y-%m-%d %H:%M')}",
             f"{'what':<50} {'seconds':>10} {'x bare --version':>17}"]
    for name, seconds in figures:
        lines.append(f"{name:<50} {seconds:>10.4f} {seconds / base:>17.3f}")
    lines.append(extra)
    text = "\n".join(lines)
    print(text)
    RESULTS.write_text(text + "\n")
    print(f"\nwritten to {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
