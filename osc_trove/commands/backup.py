"""openstack database backup create/list/show/delete and backup strategy create/list/delete."""

import argparse

from osc_lib import exceptions

from osc_trove.cli import arguments, base, output, projects, templates, wait

LIST_KEYS = ("id", "instance_id", "name", "status", "parent_id", "updated", "project_id")
# With --long: what else every backup in Trove's list has.
LONG_KEYS = ("description", "size", "datastore", "datastore_version", "created")
LONG_COLUMNS = tuple(output.title(key) for key in LONG_KEYS)
STRATEGY_KEYS = ("project_id", "instance_id", "backend", "swift_container")


class CreateBackup(base.ShowOne):
    """Create a backup of a database instance, or restore one taken elsewhere.

    'database backup create <name> --instance <instance>' backs an instance up;
    the older order '<instance> <name>' works too. With --restore-from, the
    backup is registered from data another region or cloud stored (the
    backup's object-store URL), for creating instances from it here: then
    --restore-datastore-version and --restore-size are needed and no instance.
    Without --wait the command returns at once (status NEW); with --wait it
    returns once the backup is COMPLETED (or RESTORED) and exits 1 if it FAILED.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("name", metavar="<name>", help="Name of the backup")
        # The older form `<instance> <name>`: the first positional was the instance.
        parser.add_argument("older_name", nargs="?", help=argparse.SUPPRESS)
        parser.add_argument(
            "--instance", metavar="<instance>", help="Instance to back up (name or ID)"
        )
        arguments.hidden(parser, "-i", dest="instance")
        parser.add_argument("--description", metavar="<description>", help="Backup description")
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="Back up only the changes since the parent backup (with --parent), "
            "or since the instance's latest backup",
        )
        parser.add_argument(
            "--parent",
            metavar="<backup>",
            help="Parent backup of an incremental backup (name or ID)",
        )
        parser.add_argument(
            "--swift-container",
            metavar="<container>",
            help="Swift container to store the backup in (default: the cloud's or the "
            "backup strategy's)",
        )
        parser.add_argument(
            "--storage-driver",
            metavar="<driver>",
            help="Where the backup is stored, e.g. swift or cinder (default: the cloud's)",
        )
        parser.add_argument(
            "--restore-from",
            metavar="<url>",
            help="Register a backup stored elsewhere: the object-store URL of its data",
        )
        parser.add_argument(
            "--restore-datastore-version",
            metavar="<datastore_version>",
            help="With --restore-from: this cloud's datastore version of the backup "
            "(name or ID)",
        )
        parser.add_argument(
            "--restore-size",
            metavar="<size>",
            type=float,
            help="With --restore-from: the backup's size in GB",
        )
        wait.add_wait_options(parser, "the backup is COMPLETED")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        name, fields = _backup_request(trove, parsed_args)
        backups = trove.backups
        created = backups.create(name=name, **fields)
        if parsed_args.wait:
            created = wait.until_status(
                self, lambda: backups.get(created["id"]), f"backup {name}",
                ("COMPLETED", "RESTORED"), parsed_args.wait_timeout,
                failed=wait.status_in("FAILED"),
            )
        return output.show(_flattened(created))


_BACKUP_OPTIONS = ("instance", "description", "incremental", "parent", "swift_container",
                   "storage_driver")
_RESTORE_OPTIONS = ("restore_datastore_version", "restore_size")


def _backup_request(trove, args):
    """(name, the `backup` fields) of a create request; refuses what cannot go together."""
    name, instance = args.name, args.instance
    if args.older_name is not None:
        if instance:
            raise exceptions.CommandError(
                "Give the instance once: 'database backup create <name> --instance <instance>'."
            )
        instance, name = args.name, args.older_name
    given = [o for o in _BACKUP_OPTIONS if getattr(args, o)] + (["instance"] if instance else [])
    if args.restore_from:
        if given:
            options = ", ".join(sorted({"--" + o.replace("_", "-") for o in given}))
            raise exceptions.CommandError(f"--restore-from cannot go with {options}.")
        missing = [o for o in _RESTORE_OPTIONS if getattr(args, o) is None]
        if missing:
            raise exceptions.CommandError(
                "--restore-from needs --restore-datastore-version and --restore-size."
            )
        version = trove.datastore_versions.resolve(args.restore_datastore_version)
        return name, {"restore_from": {"remote_location": args.restore_from,
                                       "local_datastore_version_id": version,
                                       "size": args.restore_size}}
    if any(getattr(args, o) is not None for o in _RESTORE_OPTIONS):
        raise exceptions.CommandError(
            "--restore-datastore-version and --restore-size go with --restore-from."
        )
    if not instance:
        raise exceptions.CommandError(
            "Name the instance to back up: 'database backup create <name> --instance "
            "<instance>' (or --restore-from to register a backup stored elsewhere)."
        )
    fields = {"instance": trove.instances.resolve(instance)}
    if args.description is not None:
        fields["description"] = args.description
    if args.incremental:
        fields["incremental"] = 1
    if args.parent:
        fields["parent_id"] = trove.backups.resolve(args.parent)
    for option in ("swift_container", "storage_driver"):
        if getattr(args, option):
            fields[option] = getattr(args, option)
    return name, fields


def _flattened(backup):
    """A backup as python-troveclient shows it: the datastore as three fields."""
    store = backup.get("datastore")
    if not isinstance(store, dict):
        return backup
    return {**backup, "datastore": store.get("type"), "datastore_version": store.get("version"),
            "datastore_version_id": store.get("version_id")}


def _list_options(parser):
    arguments.add_paging_arguments(parser, "backups", "Show backups after this backup ID")


class ListBackups(base.Lister):
    """List database backups (every page), optionally of one instance or datastore.

    'database backup list <instance>' is the same as 'database backup list
    instance <instance>'.
    """

    long_columns = LONG_COLUMNS

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "positional_instance",
            metavar="<instance>",
            nargs="?",
            help="Only backups of this instance, from its own backup list (name or ID)",
        )
        parser.add_argument(
            "--instance", metavar="<instance>", help="Only backups of this instance (name or ID)"
        )
        arguments.hidden(parser, "-i", "--instance-id", dest="instance")
        parser.add_argument(
            "--datastore", metavar="<datastore>", help="Only backups of this datastore (name or ID)"
        )
        parser.add_argument(
            "--all-projects",
            action="store_true",
            help="Backups of every project (admin only under Trove's default policy)",
        )
        projects.add_project_arguments(
            parser, "Only backups of this project (name or ID; admin only)"
        )
        _list_options(parser)
        return parser

    def take_action(self, parsed_args):
        if parsed_args.positional_instance:
            others = (parsed_args.instance, parsed_args.datastore, parsed_args.all_projects,
                      parsed_args.project, parsed_args.project_id)
            if any(others):
                raise exceptions.CommandError(
                    "An <instance> argument cannot go with --instance, --datastore, "
                    "--all-projects or --project."
                )
            return list_instance_backups(self.trove, parsed_args.positional_instance, parsed_args)
        trove = self.trove
        instance = parsed_args.instance
        rows = trove.backups.list(
            limit=parsed_args.limit,
            marker=parsed_args.marker,
            instance_id=trove.instances.resolve(instance) if instance else None,
            datastore=parsed_args.datastore,
            all_projects=True if parsed_args.all_projects else None,
            project_id=projects.project_of(self, parsed_args),
        )
        return backup_table(rows)


def backup_table(rows):
    return output.table((_flattened(row) for row in rows), LIST_KEYS + LONG_KEYS)


class ListBackupInstances(base.Lister):
    """List the backups of one database instance (every page)."""

    long_columns = LONG_COLUMNS

    aliases = ("database backup list <instance>",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        _list_options(parser)
        return parser

    def take_action(self, parsed_args):
        return list_instance_backups(self.trove, parsed_args.instance, parsed_args)


def list_instance_backups(trove, instance, parsed_args):
    """GET /instances/{id}/backups, every page: one request per page for an ID."""
    rows = trove.instance_backups.list_in(instance, limit=parsed_args.limit,
                                          marker=parsed_args.marker)
    return backup_table(rows)


class ShowBackup(base.ShowOne):
    """Show a database backup."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("backup", metavar="<backup>", help="Backup (name or ID)")
        return parser

    def take_action(self, parsed_args):
        return output.show(_flattened(self.trove.backups.find(parsed_args.backup)))


class DeleteBackup(templates.DeleteMany):
    """Delete one or more database backups (and their incremental children).

    Every backup named is tried; each failure is reported and the command then
    exits 1.
    """

    resource = "backups"
    argument = "backup"
    plural = "backups"

    def failed(self):
        return wait.status_in("DELETE_FAILED")


class DeleteBackupExecution(base.Withdrawn):
    """python-troveclient's `database backup execution delete <execution>`."""

    positionals = ("execution",)
    why = (
        "Trove 14.0.0 removed the Mistral workflow of scheduled backups whose executions "
        "this deleted; delete a Mistral execution with 'openstack workflow execution delete'."
    )


def add_strategy_arguments(parser, instance_help, project_help=None):
    """--instance (and python-troveclient's --instance-id), and --project where it applies."""
    parser.add_argument("--instance", metavar="<instance>", help=instance_help)
    arguments.hidden(parser, "--instance-id", dest="instance")
    if project_help:
        projects.add_project_arguments(parser, project_help)


def strategy_scope(command, parsed_args):
    """(instance ID or None, project ID or None) of a strategy command."""
    instance = parsed_args.instance
    instance_id = command.trove.instances.resolve(instance) if instance else None
    return instance_id, projects.project_of(command, parsed_args)


class CreateBackupStrategy(base.ShowOne):
    """Create a backup strategy: the Swift container for a project's or an instance's backups.

    Trove creates the strategy in the project you are logged in to.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_strategy_arguments(
            parser, "Only for this instance's backups (name or ID; default: the whole project)"
        )
        # python-troveclient accepts --project-id here and drops it; Trove has no such field.
        arguments.hidden(parser, "--project-id")
        parser.add_argument(
            "--swift-container",
            metavar="<container>",
            required=True,
            help="Swift container to store backups in",
        )
        return parser

    def take_action(self, parsed_args):
        if parsed_args.project_id:
            raise exceptions.CommandError(
                "Trove creates a backup strategy in your own project only: log in to the "
                "project (--os-project-name/--os-project-id) instead of --project-id."
            )
        instance = parsed_args.instance
        fields = {"swift_container": parsed_args.swift_container}
        if instance:
            fields["instance_id"] = self.trove.instances.resolve(instance)
        created = self.trove.backup_strategies.create(**fields)
        return output.show(created, first=STRATEGY_KEYS)


class ListBackupStrategies(base.Lister):
    """List backup strategies."""

    long_columns = ("Backend",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_strategy_arguments(parser, "Only this instance's strategy (name or ID)",
                               "Another project's strategies (name or ID; admin only)")
        return parser

    def take_action(self, parsed_args):
        instance_id, project_id = strategy_scope(self, parsed_args)
        rows = self.trove.backup_strategies.list(instance_id=instance_id, project_id=project_id)
        return output.table(rows, STRATEGY_KEYS)


class DeleteBackupStrategy(base.Command):
    """Delete the backup strategy of the project, or of one instance."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_strategy_arguments(parser,
                               "The instance's strategy (name or ID; default: the project's)",
                               "Another project's strategy (name or ID; admin only)")
        return parser

    def take_action(self, parsed_args):
        self.trove.backup_strategies.delete(*strategy_scope(self, parsed_args))
