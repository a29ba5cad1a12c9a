"""openstack database instance clone and restore: a new instance from a backup of another.

restore picks the newest COMPLETED backup of the source taken at or before a
time; clone takes a backup now (or uses the one given) and copies the
source's settings. Both send one instance create (osc_trove.api.restores).
"""

from osc_lib import exceptions

from osc_trove.api import backup_picks, restores
from osc_trove.api.errors import ResourceNotFound, TroveError
from osc_trove.cli import arguments, base, wait
from osc_trove.commands import instance_view

FAILURES = (exceptions.ClientException, TroveError, exceptions.CommandError)


def add_common_arguments(parser, what):
    parser.add_argument("source", metavar="<source>", help=f"Instance {what} (name or ID)")
    parser.add_argument("name", metavar="<name>", help="Name of the new instance")
    parser.add_argument("--flavor", metavar="<flavor>",
                        help="Flavor (name or ID; default: the source's)")
    parser.add_argument("--size", metavar="<size>", type=arguments.positive_int,
                        help="Volume size in GB (default: the source's)")
    parser.add_argument("--volume-type", metavar="<type>",
                        help="Volume type (default: the cloud's; Trove does not show the "
                        "source's)")
    wait.add_wait_options(parser, "the new instance is ACTIVE")


def about(backup):
    """`backup 'nightly' (ID, taken 2026-12-04T16:00:00)`, for messages."""
    named = f"'{backup['name']}' " if backup.get("name") else ""
    return f"backup {named}({backup['id']}, taken {backup.get('created')})"


def sentence(err):
    """An error's text ending in a full stop, for a sentence to follow it."""
    text = str(err).rstrip()
    return text if text.endswith(".") else text + "."


def create_from(command, args, backup, source, flavor, like_source=False, modules=()):
    """POST the instance restoring `backup` (`flavor`: an ID, or None for the source's)."""
    fields = restores.restore_fields(backup, source, flavor, args.size, args.volume_type,
                                     like_source, modules)
    return command.trove.instances.create(name=args.name, **fields)


def finish(command, args, created, backup):
    """The new instance's show output; with --wait once it is ACTIVE (a failure
    names the instance, which exists, and its backup)."""
    if not args.wait:
        return instance_view.show(created)
    instances = command.trove.instances
    try:
        done = wait.until_status(command, lambda: instances.get(created["id"]),
                                 f"instance {args.name}", ("ACTIVE",), args.wait_timeout)
    except exceptions.CommandError as err:
        raise exceptions.CommandError(
            f"{sentence(err)} Instance {args.name} ({created['id']}) exists, made from "
            f"{about(backup)}.") from None
    return instance_view.show(done)


def flavor_of(command, args):
    """--flavor's ID, looked up before anything is made; None: the source's."""
    return command.trove.flavors.resolve(args.flavor) if args.flavor else None


class RestoreInstance(base.ShowOne):
    """Create an instance from the newest backup of another taken at or before a time.

    The backup is the newest COMPLETED one (full or incremental: Trove
    restores an incremental's chain) whose `created` is at or before --time;
    the command says which on stderr. Flavor and volume size are the
    source's unless given; the instance gets the backup's datastore version.
    The source may be given by ID after it was deleted (its backups outlive
    it); then --flavor and --size are needed.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_common_arguments(parser, "whose backups to restore")
        parser.add_argument(
            "--time", metavar="<ISO 8601>", required=True,
            help="Restore the data as of this time, e.g. 2026-12-04T16:00:00Z (UTC when "
            "no offset is given, as Trove's times are)")
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        moment = backup_picks.when(args.time)
        flavor = flavor_of(self, args)
        source, source_id = self.source(args.source)
        if source is None:
            if flavor is None:
                raise exceptions.CommandError(
                    f"Instance {args.source} no longer exists: give --flavor (and --size) "
                    "for the instance restored from its backups.")
            self.app.stderr.write(f"Instance {args.source} no longer exists: its backups are "
                                  "searched by ID.\n")
        rows = list(self.trove.backups.list(instance_id=source_id))
        backup = backup_picks.as_of(rows, moment)
        if backup is None:
            done = [row for row in rows if row.get("status") == backup_picks.COMPLETED]
            oldest = (f"its oldest COMPLETED backup was taken "
                      f"{backup_picks.newest_first(done)[-1].get('created')}" if done
                      else "it has no COMPLETED backup")
            raise exceptions.CommandError(
                f"No backup of instance {args.source} is that old: none COMPLETED was taken "
                f"at or before {moment.isoformat()} UTC ({oldest}).")
        self.app.stderr.write(f"Restoring {about(backup)} of instance {args.source}.\n")
        return finish(self, args, create_from(self, args, backup, source, flavor), backup)

    def source(self, ref):
        """(the source's row, or None when an ID names a deleted instance; its ID)."""
        instances = self.trove.instances
        try:
            row = instances.find(ref, detail=True)
        except ResourceNotFound:
            if instances.known_id(ref) is None:
                raise
            return None, ref
        return row, instances.id_of(row)


class CloneInstance(base.ShowOne):
    """Create an instance with another's data and settings.

    Backs the source up (--backup: uses that COMPLETED backup instead), waits
    for the backup, then creates the instance from it with the source's
    flavor, volume size, datastore version, configuration group, access,
    locality and modules, unless --flavor or --size say otherwise. Says on
    stderr which backup it used; the backup is kept. If a step fails, the
    error names what exists by then (the backup, the new instance).
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_common_arguments(parser, "to clone")
        parser.add_argument("--backup", metavar="<backup>",
                            help="Restore this COMPLETED backup of the source (name or ID) "
                            "instead of taking one")
        parser.add_argument("--backup-name", metavar="<name>",
                            help="Name of the backup taken (default: clone-<name>)")
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        trove = self.trove
        if args.backup and args.backup_name:
            raise exceptions.CommandError("--backup-name names the backup taken: not with "
                                          "--backup.")
        flavor = flavor_of(self, args)
        source = trove.instances.find(args.source, detail=True)
        source_id = trove.instances.id_of(source)
        modules = list(trove.instance_modules.list(source_id))
        backup = self.given_backup(args.backup) if args.backup else self.backup(args, source_id)
        self.app.stderr.write(f"Cloning {args.source} from {about(backup)}.\n")
        try:
            created = create_from(self, args, backup, source, flavor, True, modules)
        except FAILURES as err:
            raise exceptions.CommandError(f"{sentence(err)} No instance was created; "
                                          f"{about(backup)} is kept.") from None
        return finish(self, args, created, backup)

    def given_backup(self, ref):
        backup = self.trove.backups.find(ref, needs=("datastore",))
        if backup.get("status") != backup_picks.COMPLETED:
            raise exceptions.CommandError(
                f"Backup {ref} is {backup.get('status')}: only a COMPLETED backup can be "
                "restored.")
        return backup

    def backup(self, args, source_id):
        """Back the source up and wait until COMPLETED; a failure names the backup."""
        backups = self.trove.backups
        name = args.backup_name or f"clone-{args.name}"
        made = backups.create(name=name, instance=source_id,
                              description=f"Taken by 'instance clone' for {args.name}")
        try:
            return wait.until_status(self, lambda: backups.get(made["id"]), f"backup {name}",
                                     (backup_picks.COMPLETED,), args.wait_timeout,
                                     failed=wait.status_in("FAILED"))
        except exceptions.CommandError as err:
            raise exceptions.CommandError(
                f"{sentence(err)} No instance was created; backup '{name}' ({made['id']}) "
                "exists: "
                f"'openstack database backup delete {made['id']}' removes it.") from None
