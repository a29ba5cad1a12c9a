"""openstack database backup create/list/show/delete and backup strategy create/list/delete."""

from osc_lib import exceptions

from osc_trove.commands import base, common, output, wait

LIST_KEYS = ("id", "instance_id", "name", "status", "parent_id", "updated")
STRATEGY_KEYS = ("project_id", "instance_id", "backend", "swift_container")


class CreateBackup(base.ShowOne):
    """Create a backup of a database instance.

    Without --wait the command returns at once (status NEW); with --wait it
    returns once the backup is COMPLETED and exits 1 if it FAILED.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_resource_argument(parser, "instance", "Instance to back up")
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
            fields["parent_id"] = common.find_id(trove.backups, parsed_args.parent)
        if parsed_args.swift_container:
            fields["swift_container"] = parsed_args.swift_container
        instance_id = common.find_id(trove.instances, parsed_args.instance)
        backups = trove.backups
        created = backups.create(name=parsed_args.name, instance=instance_id, **fields)
        if parsed_args.wait:
            created = wait.until_status(
                self, lambda: backups.get(created["id"]), f"backup {parsed_args.name}",
                ("COMPLETED",), parsed_args.wait_timeout, failed=wait.status_in("FAILED"),
            )
        return output.show(created)


def _list_options(parser):
    common.add_paging_arguments(parser, "backups", "Show backups after this backup ID")


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
            params["instance_id"] = common.find_id(trove.instances, parsed_args.instance)
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

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_resource_argument(parser, "instance")
        _list_options(parser)
        return parser

    def take_action(self, parsed_args):
        return list_instance_backups(self.trove, parsed_args.instance, parsed_args)


def list_instance_backups(trove, instance, parsed_args):
    """GET /instances/{id}/backups, every page: one request per page for an ID."""
    params = {"marker": parsed_args.marker} if parsed_args.marker else {}

    def list_backups(instance_id):
        return common.started(
            trove.instance_backups.list(instance_id, limit=parsed_args.limit, **params)
        )

    _, rows = common.act_on(trove.instances, instance, list_backups)
    return output.table(rows, LIST_KEYS)


class ShowBackup(base.ShowOne):
    """Show a database backup."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("backup", metavar="<backup>", help="Backup (name or ID)")
        return parser

    def take_action(self, parsed_args):
        return output.show(self.trove.backups.find(parsed_args.backup))


class DeleteBackup(base.DeleteMany):
    """Delete one or more database backups (and their incremental children).

    Every backup named is tried; each failure is reported and the command then
    exits 1.
    """

    resource = "backups"
    argument = "backup"
    plural = "backups"

    def failed(self):
        return wait.status_in("DELETE_FAILED")


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
            common.find_id(trove.instances, parsed_args.instance) if parsed_args.instance else None
        )
        fields = {"swift_container": parsed_args.swift_container}
        if instance_id:
            fields["instance_id"] = instance_id
        created = trove.backup_strategies.create(**fields)
        return output.show(created, first=STRATEGY_KEYS)


class ListBackupStrategies(base.Lister):
    """List backup strategies."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--instance", metavar="<instance>", help="Only this instance's strategy (name or ID)"
        )
        parser.add_argument(
            "--project",
            metavar="<project>",
            help="Another project's strategies (name or ID; admin only)",
        )
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        instance_id = (
            common.find_id(trove.instances, parsed_args.instance) if parsed_args.instance else None
        )
        rows = trove.backup_strategies.list(instance_id, _project(self, parsed_args))
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
            "--project",
            metavar="<project>",
            help="Another project's strategy (name or ID; admin only)",
        )
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        instance_id = (
            common.find_id(trove.instances, parsed_args.instance) if parsed_args.instance else None
        )
        trove.backup_strategies.delete(instance_id, _project(self, parsed_args))


def _project(command, parsed_args):
    return common.project_id(command, parsed_args.project) if parsed_args.project else None
