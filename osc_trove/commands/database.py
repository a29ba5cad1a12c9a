"""openstack database db create/delete/list: the databases (schemas) of an instance."""

from osc_trove.api.databases import database_segment
from osc_trove.cli import arguments, base, multidelete, output, wait


def wait_listed(command, instance_id, name, listed, timeout):
    """--wait of a database create (`listed`) or delete (not `listed`): Trove's
    guest agent does them after the 202, and the list shows when it has."""
    databases = command.trove.databases
    wait.until_true(
        command, lambda: (name in {db["name"] for db in databases.list(instance_id)}) == listed,
        f"database {name}", timeout,
        still=f"is still being {'created' if listed else 'deleted'}",
        show=f"openstack database db list {instance_id}",
        pending="NOT LISTED" if listed else "LISTED", done="LISTED" if listed else "GONE",
    )


class CreateDatabase(base.Command):
    """Create a database (schema) on an instance."""

    aliases = ("database add",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument("name", metavar="<name>", help="Name of the new database")
        parser.add_argument(
            "--character-set",
            metavar="<character_set>",
            help="Character set of the database (datastore default when omitted, "
            "e.g. utf8mb3 on MySQL)",
        )
        parser.add_argument(
            "--collate",
            metavar="<collation>",
            help="Collation of the database (the character set's default when omitted)",
        )
        arguments.hidden(parser, "--character_set", dest="character_set")  # troveclient's spelling
        wait.add_wait_options(parser, "the instance's database list shows the database")
        return parser

    def take_action(self, parsed_args):
        database = {
            "name": parsed_args.name,
            "character_set": parsed_args.character_set,
            "collate": parsed_args.collate,
        }
        database = {k: v for k, v in database.items() if v is not None}
        instances = self.trove.instances
        instance_id, _ = instances.act_on(
            parsed_args.instance, lambda i: self.trove.databases.create(i, [database]))
        if parsed_args.wait:
            wait_listed(self, instance_id, parsed_args.name, True, parsed_args.wait_timeout)


class DeleteDatabase(base.Command):
    """Delete one or more databases (schemas) from an instance, with all their data.

    Every database named is tried; each failure is reported and the command
    then exits 1.
    """

    aliases = ("database remove",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument(
            "database", metavar="<database>", nargs="+", help="Name(s) of the database(s)"
        )
        wait.add_wait_options(parser, "the instance's database list no longer shows them")
        return parser

    def take_action(self, parsed_args):
        for name in parsed_args.database:
            database_segment(name)  # refuse names Trove cannot route, first
        on_instance = self.trove.instances.reference(parsed_args.instance)

        def delete_one(name):
            on_instance(lambda i: self.trove.databases.delete(i, name))
            return on_instance.id

        def wait_one(name, instance_id):
            wait_listed(self, instance_id, name, False, parsed_args.wait_timeout)

        multidelete.delete_named(
            parsed_args.database, delete_one, "database", "databases", self.app.stderr,
            wait_one if parsed_args.wait else None,
        )


class ListDatabases(base.Lister):
    """List the databases (schemas) of an instance, system databases excepted."""

    aliases = ("database list",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        arguments.add_paging_arguments(parser, "databases", "Start after this database (its name)")
        return parser

    def take_action(self, parsed_args):
        databases = self.trove.databases.list_in(
            parsed_args.instance, limit=parsed_args.limit, marker=parsed_args.marker
        )
        return output.table(databases, ("name",))


CreateDatabaseAlias = base.alias_of(CreateDatabase)
DeleteDatabaseAlias = base.alias_of(DeleteDatabase)
ListDatabasesAlias = base.alias_of(ListDatabases)
