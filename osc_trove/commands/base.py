"""What all osc-trove commands share: the API client, aliases, common options."""

from osc_lib import exceptions
from osc_lib.command import command

from osc_trove import masking
from osc_trove.api.resource import looks_like_uuid


class TroveCommandMixin:
    """Gives `self.trove` and announces the command's hidden aliases in its help.

    `aliases` names other command names (registered as entry points pointing at
    an `alias_of(...)` class) that run this same code.
    """

    aliases = ()

    @property
    def trove(self):
        return self.app.client_manager.database

    def run(self, parsed_args):
        # osc-lib logs the parsed arguments at DEBUG before running a command:
        # passwords among them must read *** (one filter per command logger).
        masking.masked_logger(self.log.name)
        return super().run(parsed_args)

    def get_epilog(self):
        epilog = super().get_epilog() or ""
        if self.aliases:
            names = ", ".join(f"'{name}'" for name in self.aliases)
            epilog = f"{epilog}\n\nAlso available as: {names}.".strip()
        return epilog


class Command(TroveCommandMixin, command.Command):
    pass


class Lister(TroveCommandMixin, command.Lister):
    pass


class ShowOne(TroveCommandMixin, command.ShowOne):
    pass


def add_paging_arguments(parser, what, marker_help):
    """--limit and --marker for a list command; check --limit with check_limit."""
    parser.add_argument(
        "--limit", metavar="<limit>", type=int, help=f"Show at most this many {what}"
    )
    parser.add_argument("--marker", metavar="<marker>", help=marker_help)


def check_limit(parsed_args):
    if parsed_args.limit is not None and parsed_args.limit < 1:
        raise exceptions.CommandError(f"--limit must be 1 or more, not {parsed_args.limit}.")


def alias_of(cls):
    """The same command under another name, hidden from `openstack help`'s list."""
    namespace = {"deprecated": True, "__doc__": cls.__doc__, "__module__": cls.__module__}
    return type(cls.__name__ + "Alias", (cls,), namespace)


def act_on(resource, name_or_id, action):
    """Run `action(id)` on the resource named or identified by `name_or_id`.

    Returns (id, what action returned), in the fewest requests: an ID is used
    at once (one request in all; a lookup follows only if the server answers
    404, to tell an unknown ID from a 404 about something else); a name costs
    one list first.
    """
    if resource.lookup == "uuid" and looks_like_uuid(name_or_id):
        try:
            return name_or_id, action(name_or_id)
        except exceptions.NotFound as err:
            row = resource.find(name_or_id)  # raises ResourceNotFound when it truly is unknown
            if resource.id_of(row) == name_or_id:
                raise err from None
    else:
        row = resource.find(name_or_id)
    resource_id = resource.id_of(row)
    return resource_id, action(resource_id)
