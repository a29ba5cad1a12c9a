"""`make bench`: what osc-trove costs, side by side with plain `openstack`.

Figures (median wall time of several runs, each a fresh process):
  - `openstack --version` without osc-trove (a venv with the same packages
    minus osc-trove) and with it: the start-up tax every OSC user pays;
  - importing osc_trove.plugin after OpenStackClient's own imports;
  - `openstack database flavor list` against the local cloud.
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


def plugin_import_seconds(runs=RUNS):
    # OSC imports the plugin while loading its own modules; pop it and time a
    # fresh import so the figure is the plugin's own cost.
    times = [float(subprocess.run([BIN / "python", "-c", _IMPORT_COST], check=True,
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


def main():
    bare = bare_venv()
    figures = []
    base = median_seconds([bare / "openstack", "--version"])
    figures.append(("openstack --version, without osc-trove", base))
    figures.append(("openstack --version, with osc-trove",
                    median_seconds([BIN / "openstack", "--version"])))
    figures.append(("import osc_trove.plugin after OSC's imports", plugin_import_seconds()))
    env = cloud_env()
    figures.append(("openstack database flavor list (local cloud)",
                    median_seconds([BIN / "openstack", "--os-cloud", "local-demo", "database",
                                    "flavor", "list"], env=env)))
    lines = [f"osc-trove benchmark, median of {RUNS} runs, {time.strftime('%Y-%m-%d %H:%M')}",
             f"{'what':<50} {'seconds':>10} {'x bare --version':>17}"]
    for name, seconds in figures:
        lines.append(f"{name:<50} {seconds:>10.4f} {seconds / base:>17.3f}")
    text = "\n".join(lines)
    print(text)
    RESULTS.write_text(text + "\n")
    print(f"\nwritten to {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
