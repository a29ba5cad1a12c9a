"""openstack database backup prune: keep an instance's N newest full backups."""

from osc_lib import exceptions

from osc_trove.api import backup_picks
from osc_trove.api.errors import TroveError
from osc_trove.cli import arguments, base, output, wait

COLUMNS = ("id", "name", "created", "parent_id", "action")
# What a failed deletion may raise (as multidelete counts failures).
FAILURES = (exceptions.ClientException, TroveError)


class PruneBackups(base.Lister):
    """Delete an instance's older backups, keeping its N newest full ones.

    Every COMPLETED full backup but the N newest is deleted, with its
    incremental backups (Trove deletes them with their parent). A full backup
    with a running incremental (NEW or BUILDING) is kept whole; failed
    backups are left alone. Lists every backup deleted (or, with --dry-run,
    that would be) and every old one kept, with why. The instance may be
    given by ID after it was deleted: its backups outlive it.
    """

    lists = False

    failed = 0  # deletions that failed, counted by take_action for run's exit code

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("--instance", metavar="<instance>", required=True,
                            help="Instance whose backups to prune (name or ID)")
        parser.add_argument("--keep", metavar="<N>", required=True, type=arguments.positive_int,
                            help="How many of the newest COMPLETED full backups to keep")
        parser.add_argument("--dry-run", action="store_true",
                            help="Only list what would be deleted")
        wait.add_wait_options(parser, "every deleted backup is gone")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        instance_id = trove.instances.resolve(parsed_args.instance)
        rows = list(trove.backups.list(instance_id=instance_id))
        steps = backup_picks.prune_plan(rows, parsed_args.keep)
        if not steps:
            self.app.stderr.write(
                f"Nothing to prune: no COMPLETED full backup of instance "
                f"{parsed_args.instance} is older than its {parsed_args.keep} newest.\n")
        elif not any(step.delete for step in steps):
            self.app.stderr.write("Nothing to prune now: every older full backup has a running "
                                  "incremental.\n")
        outcome = {} if parsed_args.dry_run else self.delete_roots(steps)
        if not parsed_args.dry_run and parsed_args.wait:
            self.wait_gone(steps, outcome, parsed_args.wait_timeout)
        return output.table(({**step.backup, "action": action(step, outcome, parsed_args)}
                             for step in steps), COLUMNS)

    def delete_roots(self, steps):
        """DELETE each full backup to prune (its chain goes with it): {its ID: the
        error text, or None once Trove took the deletion}."""
        outcome = {}
        for step in steps:
            if step.delete and step.root == str(step.backup["id"]):
                try:
                    self.trove.backups.delete(step.root)
                    outcome[step.root] = None
                except FAILURES as err:
                    self.failed += 1
                    outcome[step.root] = str(err)
        return outcome

    def wait_gone(self, steps, outcome, timeout):
        backups = self.trove.backups
        for step in steps:
            if step.delete and outcome.get(step.root, "") is None:
                backup_id = str(step.backup["id"])
                try:
                    wait.until_gone(self, lambda b=backup_id: backups.get(b),
                                    f"backup {step.backup.get('name') or backup_id}", timeout,
                                    wait.status_in("DELETE_FAILED"))
                except exceptions.CommandError as err:
                    self.failed += 1
                    outcome[step.root] = str(err)

    def run(self, parsed_args):
        code = super().run(parsed_args)
        if self.failed:
            self.app.stderr.write(f"{self.failed} backup deletion(s) failed: see Action.\n")
            return 1
        return code


def action(step, outcome, parsed_args):
    if not step.delete:
        return step.why
    if parsed_args.dry_run:
        return "would delete"
    error = outcome.get(step.root)
    return f"failed: {error}" if error else "deleted"
