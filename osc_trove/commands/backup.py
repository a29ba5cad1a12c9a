"""openstack database backup create/list/show/delete and backup strategy create/list/delete."""

from osc_lib import exceptions

from osc_trove.commands import base, multidelete, output, wait
from osc_trove.commands.instance import add_instance_argument, find_id

LIST_KEYS = ("id", "instance_id", "name", "status", "parent_id", "updated")
STRATEGY_KEYS = ("project_id", "instance_id", "backend", "swift_container")


def wait_until_completed(command, backup_id, label, timeout):
    """--wait for a new backup: COMPLETED ends it, FAILED is an error."""
    backups = command.trove.backups
    return wait.wait_for(
        lambda: backups.get(backup_id),
        f"backup {label}",
        wait.status_in("COMPLETED"),
        failed=wait.status_in("FAILED"),
        timeout=timeout,
        stream=command.app.stderr,
    )


class CreateBackup(base.ShowOne):
    """Create a backup of a database instance.

    Without --wait the command returns at once (status NEW); with --wait it
    returns once the backup is COMPLETED and exits 1 if it FAILED.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_instance_argument(parser, "Instance to back up (name or ID)")
        parser.add_argument("name", metavar="<name>", help="Name of the backup")
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
        wait.add_wait_options(parser, "the backup is COMPLETED")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        fields = {}
        if parsed_args.description is not None:
            fields["description"] = parsed_args.description
        if parsed_args.incremental:
            fields["incremental"] = 1
        if parsed_args.parent:
            fields["parent_id"] = find_id(trove.backups, parsed_args.parent)
        if parsed_args.swift_container:
            fields["swift_container"] = parsed_args.swift_container
        instance_id = find_id(trove.instances, parsed_args.instance)
        created = trove.backups.create(parsed_args.name, instance_id, **fields)
        if parsed_args.wait:
            created = wait_until_completed(
                self, created["id"], parsed_args.name, parsed_args.wait_timeout
            )
        return output.show(created)


def _list_options(parser):
    base.add_paging_arguments(parser, "backups", "Show backups after this backup ID")


class ListBackups(base.Lister):
    """List database backups (every page), optionally of one instance or datastore.

    'database backup list <instance>' is the same as 'database backup list
    instance <instance>'.
    """

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
        parser.add_argument(
            "--datastore", metavar="<datastore>", help="Only backups of this datastore (name or ID)"
        )
        parser.add_argument(
            "--all-projects",
            action="store_true",
            help="Backups of every project (admin only under Trove's default policy)",
        )
        _list_options(parser)
        return parser

    def take_action(self, parsed_args):
        base.check_limit(parsed_args)
        if parsed_args.positional_instance:
            others = (parsed_args.instance, parsed_args.datastore, parsed_args.all_projects)
            if any(others):
                raise exceptions.CommandError(
                    "An <instance> argument cannot go with --instance, --datastore or "
                    "--all-projects."
                )
            return list_instance_backups(self.trove, parsed_args.positional_instance, parsed_args)
        trove = self.trove
        params = {}
        if parsed_args.instance:
            params["instance_id"] = find_id(trove.instances, parsed_args.instance)
        if parsed_args.datastore:
            params["datastore"] = parsed_args.datastore
        if parsed_args.all_projects:
            params["all_projects"] = True
        if parsed_args.marker:
            params["marker"] = parsed_args.marker
        rows = trove.backups.list(limit=parsed_args.limit, **params)
        return output.table(rows, LIST_KEYS)


class ListInstanceBackups(base.Lister):
    """List the backups of one database instance (every page)."""

    aliases = ("database backup list <instance>",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_instance_argument(parser)
        _list_options(parser)
        return parser

    def take_action(self, parsed_args):
        base.check_limit(parsed_args)
        return list_instance_backups(self.trove, parsed_args.instance, parsed_args)


def list_instance_backups(trove, instance, parsed_args):
    """GET /instances/{id}/backups, every page: one request per page for an ID."""
    params = {"marker": parsed_args.marker} if parsed_args.marker else {}

    def list_backups(instance_id):
        return list(trove.backups.list_for_instance(instance_id, limit=parsed_args.limit, **params))

    _, rows = base.act_on(trove.instances, instance, list_backups)
    return output.table(rows, LIST_KEYS)


class ShowBackup(base.ShowOne):
    """Show a database backup."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("backup", metavar="<backup>", help="Backup (name or ID)")
        return parser

    def take_action(self, parsed_args):
        return output.show(self.trove.backups.find(parsed_args.backup))


class DeleteBackup(base.Command):
    """Delete one or more database backups (and their incremental children).

    Every backup named is tried; each failure is reported and the command then
    exits 1.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "backups", metavar="<backup>", nargs="+", help="Backup(s) to delete (name or ID)"
        )
        wait.add_wait_options(parser, "every backup is gone")
        return parser

    def take_action(self, parsed_args):
        backups = self.trove.backups

        def delete_one(name):
            backup_id, _ = base.act_on(backups, name, backups.delete)
            return backup_id

        def wait_one(name, backup_id):
            wait.wait_for(
                lambda: backups.get(backup_id),
                f"backup {name}",
                lambda item: False,
                failed=wait.status_in("DELETE_FAILED"),
                until_gone=True,
                timeout=parsed_args.wait_timeout,
                stream=self.app.stderr,
            )

        multidelete.delete_each(
            parsed_args.backups,
            delete_one,
            "backup",
            "backups",
            self.app.stderr,
            wait_one if parsed_args.wait else None,
        )


class CreateBackupStrategy(base.ShowOne):
    """Create a backup strategy: the Swift container for a project's or an instance's backups."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--instance",
            metavar="<instance>",
            help="Only for this instance's backups (name or ID; default: the whole project)",
        )
        parser.add_argument(
            "--swift-container",
            metavar="<container>",
            required=True,
            help="Swift container to store backups in",
        )
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        instance_id = (
            find_id(trove.instances, parsed_args.instance) if parsed_args.instance else None
        )
        created = trove.backup_strategies.create(parsed_args.swift_container, instance_id)
        return output.show(created, first=STRATEGY_KEYS)


class ListBackupStrategies(base.Lister):
    """List backup strategies."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--instance", metavar="<instance>", help="Only this instance's strategy (name or ID)"
        )
        parser.add_argument(
            "--project", metavar="<project-id>", help="Another project's strategies (admin only)"
        )
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        instance_id = (
            find_id(trove.instances, parsed_args.instance) if parsed_args.instance else None
        )
        rows = trove.backup_strategies.list(instance_id, parsed_args.project)
        return output.table(rows, STRATEGY_KEYS)


class DeleteBackupStrategy(base.Command):
    """Delete the backup strategy of the project, or of one instance."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--instance",
            metavar="<instance>",
            help="The instance's strategy (name or ID; default: the project's)",
        )
        parser.add_argument(
            "--project", metavar="<project-id>", help="Another project's strategy (admin only)"
        )
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        instance_id = (
            find_id(trove.instances, parsed_args.instance) if parsed_args.instance else None
        )
        trove.backup_strategies.delete(instance_id, parsed_args.project)
