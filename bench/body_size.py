"""What a request body's size costs: `database module create` with 1 KB, 100 KB and
1 MB of contents, with and without --debug.

Each run is the real `openstack` shell (tests/inprocess.py) against the unit
tests' stubbed Keystone and Trove (requests-mock), so the figures are
osc-trove's own cost: reading and encoding the file, building the body, and
what logging does with it (masking the body's secrets once, and only where a
handler prints it). Two ways:
  - a fresh process per run, as a user runs `openstack` (start-up included);
  - runs in one warm process, where the base is small and a body's every
    linear cost shows: the extra milliseconds over 1 KB are printed.
Runs are paired: each round runs every size once, in turn, so that a slower
moment of the machine weighs on all sizes alike. Printed: each size's median,
its ratio to 1 KB's (the aim: 1 MB within 1.2x). A benchmark, not a test:
nothing here fails on a number.

    .venv/bin/python bench/body_size.py      (BENCH_RUNS=<rounds>, default 7)
"""

import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.unit import conftest  # noqa: E402  (the repository's own harness)

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SIZES = {"1 KB": 1024, "100 KB": 100 * 1024, "1 MB": 1024 * 1024}
MODES = {"without --debug": (), "with --debug": ("--debug",)}


def module_files(folder):
    """A file of each size, of bytes that base64 turns into one long word (the
    old mask's worst case) with a password-looking key inside."""
    paths = {}
    for label, size in SIZES.items():
        path = pathlib.Path(folder) / f"module-{size}"
        path.write_bytes((b"password=" + b"a" * size)[:size])
        paths[label] = path
    return paths


def timed_create(trove, options, path):
    start = time.perf_counter()
    code, _, err = trove.run(*options, "database", "module", "create", "m", "ping", str(path))
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"module create failed: {err.strip().splitlines()[-1]}")
    return elapsed


def stubbed_trove(patch):
    """The unit tests' `trove` fixture (Keystone and Trove stubbed), as a generator."""
    stubs = conftest.trove.__wrapped__(patch)
    trove = next(stubs)
    trove.on("POST", "/modules", {"module": {"id": "m1", "name": "m"}})
    return stubs, trove


def run_once(argv):
    """The child of a fresh-process run: one module create, then exit."""
    with pytest.MonkeyPatch.context() as patch:
        stubs, trove = stubbed_trove(patch)
        timed_create(trove, argv[:-1], argv[-1])
        stubs.close()


def paired(measure, paths):
    """{(mode, size): [seconds]}: RUNS rounds, each running every size in turn."""
    times = {(mode, label): [] for mode in MODES for label in SIZES}
    labels = list(SIZES)
    for round_ in range(RUNS):
        for mode, options in MODES.items():
            shift = round_ % len(labels)
            for label in labels[shift:] + labels[:shift]:
                times[mode, label].append(measure(options, paths[label]))
    return times


def fresh_process(options, path):
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--run", *options, str(path)], check=True)
    return time.perf_counter() - start


def report(title, times):
    print(title)
    for mode in MODES:
        base = statistics.median(times[mode, "1 KB"])
        for label in SIZES:
            median = statistics.median(times[mode, label])
            print(f"  {mode:<16} {label:>6}: {median * 1000:7.1f} ms  {median / base:5.2f}x 1 KB"
                  f"  ({(median - base) * 1000:+6.1f} ms)")


def main():
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        paths = module_files(folder)
        report(f"module create, a fresh process per run (median of {RUNS} paired runs):",
               paired(fresh_process, paths))
        stubs, trove = stubbed_trove(patch)
        timed_create(trove, (), paths["1 KB"])  # imports and first-run caches, not timed
        warm = paired(lambda options, path: timed_create(trove, options, path), paths)
        stubs.close()
    report(f"module create, in one warm process (median of {RUNS} paired runs):", warm)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run_once(sys.argv[2:])
    else:
        main()
