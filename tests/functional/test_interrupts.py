"""Ctrl-C during --wait, in a real process against the local cloud: Trove goes on, and the
one line osc-trove leaves says so, with the resource's ID (issue 26 item 4)."""

import signal
import subprocess

from osc_trove.cli import wait
from tests.functional.conftest import OPENSTACK
from tests.functional.helpers import made_instance, quiet_wait, unique


def test_ctrl_c_during_a_backup_wait_says_the_backup_goes_on(cloud, demo_api):
    with made_instance(demo_api, unique("intr")) as instance:
        name = unique("intr") + "_SLOW"  # the fake guest takes 8 s over it
        waiting = subprocess.Popen(
            [str(OPENSTACK), "--os-cloud", "local-demo", "database", "backup", "create", name,
             "--instance", instance["id"], "--wait"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cloud.env,
        )
        try:
            first = waiting.stderr.readline()  # the first progress line: the wait is under way
            waiting.send_signal(signal.SIGINT)
            out, err = waiting.communicate(timeout=30)
        finally:
            waiting.kill()
        assert first.startswith(f"backup {name}: ")
        assert (waiting.returncode, out) == (130, "")
        backup = next(b for b in demo_api.backups.list() if b["name"] == name)
        assert err.splitlines() == [
            f"Interrupted: backup {name} ({backup['id']}) is still being built "
            f"({first.split(': ')[1].split(' (')[0]}); 'openstack database backup show "
            f"{backup['id']}' shows its progress."]
        # Trove went on: the backup completes without the command.
        quiet_wait(lambda: demo_api.backups.get(backup["id"]), wait.status_in("COMPLETED"),
                   timeout=60)
        quiet_wait(lambda: demo_api.instances.get(instance["id"]), wait.status_in("ACTIVE"))
        demo_api.backups.delete(backup["id"])
