"""openstack database db create/delete/list: the databases (schemas) of an instance."""

from osc_trove.api.databases import database_segment
from osc_trove.commands import base, common, output


class CreateDatabase(base.Command):
    """Create a database (schema) on an instance."""

    aliases = ("database add",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_resource_argument(parser, "instance")
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
        common.hidden(parser, "--character_set", dest="character_set")  # troveclient's spelling
        return parser

    def take_action(self, parsed_args):
        database = {
            "name": parsed_args.name,
            "character_set": parsed_args.character_set,
            "collate": parsed_args.collate,
        }
        database = {k: v for k, v in database.items() if v is not None}
        common.act_on(
            self.trove.instances,
            parsed_args.instance,
            lambda i: self.trove.databases.create(i, [database]))


class DeleteDatabase(base.Command):
    """Delete a database (schema) from an instance, with all its data."""

    aliases = ("database remove",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_resource_argument(parser, "instance")
        parser.add_argument("database", metavar="<database>", help="Name of the database")
        return parser

    def take_action(self, parsed_args):
        database_segment(parsed_args.database)  # refuse names Trove cannot route, first
        common.act_on(
            self.trove.instances,
            parsed_args.instance,
            lambda i: self.trove.databases.delete(i, parsed_args.database)
        )


class ListDatabases(base.Lister):
    """List the databases (schemas) of an instance, system databases excepted."""

    aliases = ("database list",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_resource_argument(parser, "instance")
        common.add_paging_arguments(parser, "databases", "Start after this database (its name)")
        return parser

    def take_action(self, parsed_args):
        databases = common.list_under(
            self.trove.instances, parsed_args.instance, self.trove.databases.list,
            limit=parsed_args.limit, marker=parsed_args.marker,
        )
        return output.table(databases, ("name",))


CreateDatabaseAlias = base.alias_of(CreateDatabase)
DeleteDatabaseAlias = base.alias_of(DeleteDatabase)
ListDatabasesAlias = base.alias_of(ListDatabases)
