"""openstack database db create/delete/list: the databases (schemas) of an instance."""

import itertools

from osc_trove.api.databases import database_segment
from osc_trove.commands import base, output


def add_instance_argument(parser):
    parser.add_argument("instance", metavar="<instance>", help="Instance (name or ID)")


def on_instance(command, parsed_args, action):
    """`action(instance_id)` for the instance named or identified on the command line.

    An ID costs no lookup (base.act_on); a name costs one instance list.
    """
    return base.act_on(command.trove.instances, parsed_args.instance, action)[1]


def started(rows):
    """A lazy list with its first page already fetched, so that an unknown
    instance's 404 is raised inside `on_instance`, not while printing."""
    rows = iter(rows)
    for first in rows:
        return itertools.chain([first], rows)
    return iter(())


class CreateDatabase(base.Command):
    """Create a database (schema) on an instance."""

    aliases = ("database add",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_instance_argument(parser)
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
        return parser

    def take_action(self, parsed_args):
        database = {
            "name": parsed_args.name,
            "character_set": parsed_args.character_set,
            "collate": parsed_args.collate,
        }
        database = {k: v for k, v in database.items() if v is not None}
        on_instance(self, parsed_args, lambda i: self.trove.databases.create(i, [database]))


class DeleteDatabase(base.Command):
    """Delete a database (schema) from an instance, with all its data."""

    aliases = ("database remove",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_instance_argument(parser)
        parser.add_argument("database", metavar="<database>", help="Name of the database")
        return parser

    def take_action(self, parsed_args):
        database_segment(parsed_args.database)  # refuse names Trove cannot route, first
        on_instance(
            self, parsed_args, lambda i: self.trove.databases.delete(i, parsed_args.database)
        )


class ListDatabases(base.Lister):
    """List the databases (schemas) of an instance, system databases excepted."""

    aliases = ("database list",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_instance_argument(parser)
        base.add_paging_arguments(parser, "databases", "Start after this database (its name)")
        return parser

    def take_action(self, parsed_args):
        base.check_limit(parsed_args)
        databases = on_instance(
            self,
            parsed_args,
            lambda i: started(
                self.trove.databases.list(i, limit=parsed_args.limit, marker=parsed_args.marker)
            ),
        )
        return output.table(databases, ("name",))


CreateDatabaseAlias = base.alias_of(CreateDatabase)
DeleteDatabaseAlias = base.alias_of(DeleteDatabase)
ListDatabasesAlias = base.alias_of(ListDatabases)
