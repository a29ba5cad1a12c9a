"""`make bench`: what osc-trove costs, paired against `openstack` without it.

Every figure comes from fresh `openstack` processes run in pairs, the two
sides in turn (which goes first alternates), so a busy machine slows both
sides of a pair alike; a pair gives a ratio, and the figures are the ratios'
min/median/max over BENCH_PAIRS (15) pairs, BENCH_CLOUD_PAIRS (10) for
commands that talk to the local cloud. CPU is the child's user+system
time (os.wait4), wall its elapsed time.

  1. Another service's command, `openstack flavor list --help` (compute, no
     network), in this venv against a venv of the same packages minus
     osc-trove (.bench/bare-venv, built once): what installing osc-trove costs
     every other command. Goal: CPU median <= 1.005. With it, the osc_trove
     modules that command imports.
  2. Each of flavor list, instance list, instance show <name> and user list
     against python-troveclient 8.11.0 (the same packages plus it, in
     .bench/troveclient-venv, built once; never a dependency), on the local
     cloud, over BENCH_INSTANCES (100) instances made for the run.
  3. The instance list beside a bare keystoneauth script paging the same URL,
     and the requests `instance show <name>` sends.

Printed and written to bench/results.txt. A benchmark, not a test: nothing here
fails on a number.
"""

import os
import pathlib
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(sys.executable).parent
BENCH = REPO / ".bench"
RESULTS = REPO / "bench" / "results.txt"
PAIRS = int(os.environ.get("BENCH_PAIRS", "15"))
CLOUD_PAIRS = int(os.environ.get("BENCH_CLOUD_PAIRS", "10"))  # each run logs in: slower
TROVECLIENT = "python-troveclient==8.11.0"


def venv_like_ours(name, extra=()):
    """A venv in .bench with this venv's packages except osc-trove, plus `extra`;
    built once (pip byte-compiles it, as a plain install does)."""
    venv = BENCH / name
    marker = venv / ".ready"
    if marker.exists():
        return venv / "bin"
    freeze = subprocess.run([BIN / "pip", "freeze", "--exclude-editable"], check=True,
                            capture_output=True, text=True).stdout
    wanted = [line for line in freeze.splitlines()
              if line and not line.lower().startswith(("osc-trove", "osc_trove", "-e "))]
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check",
                    *wanted, *extra], check=True)
    marker.touch()
    return venv / "bin"


def run(argv, env=None):
    """(cpu seconds, wall seconds) of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read()
    child.stderr.close()
    if child.returncode:
        raise SystemExit(f"{' '.join(map(str, argv))} failed: {err.decode()[-500:]}")
    return usage.ru_utime + usage.ru_stime, wall


def paired(ours, theirs, env=None, pairs=PAIRS):
    """{'cpu': [ratios], 'wall': [ratios]} of `ours` over `theirs`, run in turn."""
    run(ours, env)  # warm the disk cache of both sides before counting
    run(theirs, env)
    ratios = {"cpu": [], "wall": []}
    for i in range(pairs):
        if i % 2:
            a, b = run(ours, env), run(theirs, env)
        else:
            b, a = run(theirs, env), run(ours, env)
        ratios["cpu"].append(a[0] / b[0])
        ratios["wall"].append(a[1] / b[1])
    return ratios


def spread(ratios):
    return (f"{min(ratios):.3f} / {statistics.median(ratios):.3f} / {max(ratios):.3f}")


# The osc_trove modules a run of another service's command imports.
_IMPORTED = """
import atexit, sys
atexit.register(lambda: sys.stderr.write(
    "IMPORTED " + " ".join(sorted(m for m in sys.modules if m.startswith("osc_trove")))))
from openstackclient.shell import main
sys.exit(main(sys.argv[1:]))
"""


def imported_by(argv):
    err = subprocess.run([BIN / "python", "-c", _IMPORTED, *argv], capture_output=True,
                         text=True).stderr
    return err.rpartition("IMPORTED ")[2].split()


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


def wait_for(what, check, timeout=600):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"bench: {what} not done after {timeout} s")
        time.sleep(2)


def bench_commands(env, troveclient, lines):
    """Fill the admin project with instances, time our commands against
    python-troveclient's and the list against bare paging, then delete them."""
    sys.path.insert(0, str(REPO))
    from tests.functional.conftest import Cloud

    api = Cloud(pathlib.Path(env["OS_CLIENT_CONFIG_FILE"])).api(BENCH_CLOUD)
    project = api.http.adapter.get_project_id()
    api.http.put(f"/mgmt/quotas/{project}", {"quotas": {"instances": BENCH_INSTANCES + 10,
                                                   "volumes": BENCH_INSTANCES + 10}})
    flavor = api.flavors.find("m1.small")
    body = {"flavorRef": api.flavors.id_of(flavor), "volume": {"size": 1},
            "datastore": {"type": "mysql", "version": "5.7"}}
    tag = f"bench-{os.getpid()}"
    created = [api.http.post("/instances",
                             {"instance": {**body, "name": f"{tag}-{i}"}})["instance"]
               for i in range(BENCH_INSTANCES)]
    try:
        # Time a quiet server: while the task manager builds them, every page costs more.
        ids = {instance["id"] for instance in created}
        wait_for("instances ACTIVE", lambda: all(
            row["status"] == "ACTIVE" for row in api.instances.list() if row["id"] in ids))
        shown = created[min(7, BENCH_INSTANCES - 1)]
        users = f"/instances/{shown['id']}/users"
        api.http.post(users, {"users": [{"name": "bench", "password": "bench-pw",
                                         "databases": []}]})
        wait_for("user created", lambda: api.http.get(users)["users"])
        # By ID: python-troveclient finds a name on the list's first page only.
        commands = {
            "flavor list": ["flavor", "list"],
            # One page each: python-troveclient lists only the first.
            "instance list --limit 20": ["instance", "list", "--limit", "20"],
            "instance show <id>": ["instance", "show", shown["id"]],
            "user list <id>": ["user", "list", shown["id"]],
        }
        lines.append(f"against python-troveclient 8.11.0 ({BENCH_INSTANCES} instances), "
                     f"ratio min / median / max of {CLOUD_PAIRS} pairs:")
        print(lines[-1], flush=True)
        for name, words in commands.items():
            argv = ["openstack", "--os-cloud", BENCH_CLOUD, "database", *words]
            ratios = paired([BIN / argv[0], *argv[1:]], [troveclient / argv[0], *argv[1:]],
                            env=env, pairs=CLOUD_PAIRS)
            lines.append(f"  {name:<22} wall {spread(ratios['wall'])}   "
                         f"cpu {spread(ratios['cpu'])}")
            print(lines[-1], flush=True)
        listing = [BIN / "openstack", "--os-cloud", BENCH_CLOUD, "database", "instance", "list"]
        bare = [BIN / "python", "-c", _BARE_LIST, env["OS_CLIENT_CONFIG_FILE"], BENCH_CLOUD]
        ratios = paired(listing, bare, env=env, pairs=CLOUD_PAIRS)
        lines.append(f"instance list against bare keystoneauth paging: wall "
                     f"{spread(ratios['wall'])}")
        show = [BIN / "openstack", "--debug", "--os-cloud", BENCH_CLOUD, "database", "instance",
                "show", shown["name"]]
        debug = subprocess.run(show, env=env, check=True, capture_output=True, text=True).stderr
        endpoint = api.http.adapter.get_endpoint()
        requests = [line.split()[5:7] for line in debug.splitlines()
                    if line.startswith("REQ: curl") and endpoint in line]
        sent = ", ".join(f"{method} {url.replace(endpoint, '')}" for method, url in requests)
        lines.append(f"instance show <name>: {len(requests)} Trove requests ({sent})")
    finally:
        for instance in created:
            api.http.delete(f"/instances/{instance['id']}")


def main():
    bare = venv_like_ours("bare-venv")
    troveclient = venv_like_ours("troveclient-venv", [TROVECLIENT])
    lines = [f"osc-trove benchmark, {time.strftime('%Y-%m-%d %H:%M')}"]
    foreign = ["flavor", "list", "--help"]
    ratios = paired([BIN / "openstack", *foreign], [bare / "openstack", *foreign])
    lines.append(f"another service's command (openstack {' '.join(foreign)}), with osc-trove "
                 f"over without, ratio min / median / max of {PAIRS} pairs:")
    lines.append(f"  cpu {spread(ratios['cpu'])}   wall {spread(ratios['wall'])}")
    lines.append(f"  osc_trove modules it imports: {' '.join(imported_by(foreign)) or 'none'}")
    print("\n".join(lines), flush=True)
    bench_commands(cloud_env(), troveclient, lines)
    text = "\n".join(lines)
    print("\n".join(lines[-2:]))
    RESULTS.write_text(text + "\n")
    print(f"\nwritten to {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
