"""What all osc-trove commands are built on: the API client, aliases, and three
templates (act on one resource; delete several; a command Trove took away)."""

from osc_lib import exceptions
from osc_lib.command import command

from osc_trove import masking
from osc_trove.api import errors
from osc_trove.commands import common, hints, multidelete, output, wait


class TroveCommandMixin:
    """Gives `self.trove` and announces the command's hidden aliases in its help.

    `aliases` names other command names (registered as entry points pointing at
    an `alias_of(...)` class) that run this same code.
    """

    aliases = ()

    @property
    def trove(self):
        # Our own client, made once per ClientManager: `client_manager.database`
        # belongs to python-troveclient when it is installed too.
        manager = self.app.client_manager
        client = getattr(manager, "_osc_trove_client", None)
        if client is None:
            from osc_trove import coexistence, plugin

            coexistence.warn_if_troveclient_is_loaded()
            client = hints.with_hints(plugin.make_client(manager))
            manager._osc_trove_client = client
        return client

    def run(self, parsed_args):
        # osc-lib logs the parsed arguments at DEBUG before running a command:
        # passwords among them must read *** (one filter per command logger).
        logger = masking.masked_logger(self.log.name)
        arguments = masking.ArgumentsFilter(self.parser, parsed_args)
        logger.addFilter(arguments)
        try:
            return super().run(parsed_args)
        except errors.TroveError as err:
            hints.add_hint(err)  # a lookup's: request errors have theirs already
            raise
        finally:
            logger.removeFilter(arguments)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        # Options may come before, between or after the positional arguments, as
        # python-troveclient's users wrote them: without this, argparse fills an
        # optional positional (nargs="?"), empty, before the first option and then
        # refuses the word meant for it (`ssl enable <instance> --mode m <ref>`).
        parser.parse_args = parser.parse_intermixed_args
        self.parser = parser  # run() asks it which arguments are secret
        return parser

    def get_epilog(self):
        epilog = super().get_epilog() or ""
        if self.aliases:
            names = ", ".join(f"'{name}'" for name in self.aliases)
            epilog = f"{epilog}\n\nAlso available as: {names}.".strip()
        return epilog


class Command(TroveCommandMixin, command.Command):
    pass


class Lister(TroveCommandMixin, command.Lister):
    """A list; `long_columns` (titles) are shown only with --long, which every list
    takes, as OSC's own lists do."""

    long_columns = ()

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        more = f"List more columns ({', '.join(self.long_columns)})"
        parser.add_argument(
            "--long",
            action="store_true",
            help=more if self.long_columns else "Taken as by OSC's other lists; this list has "
            "no more columns to show",
        )
        return parser

    def produce_output(self, parsed_args, column_names, data):
        if self.long_columns and not parsed_args.long:
            keep = [i for i, name in enumerate(column_names) if name not in self.long_columns]
            column_names = [column_names[i] for i in keep]
            data = ([row[i] for i in keep] for row in data)
        return super().produce_output(parsed_args, column_names, data)


class ShowOne(TroveCommandMixin, command.ShowOne):
    pass


class Withdrawn(Command):
    """Template: a python-troveclient command whose Trove side is gone.

    Hidden from `openstack help`'s list; it takes troveclient's `positionals`
    and then says in one line (`why`: what Trove removed, and what to use
    instead) that it cannot run, before any request.
    """

    deprecated = True
    withdrawn = True
    auth_required = False  # it says its line without a cloud to talk to
    positionals = ()
    why = ""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        for name in self.positionals:
            parser.add_argument(name, metavar=f"<{name}>")
        return parser

    def take_action(self, parsed_args):
        raise exceptions.CommandError(self.why)


def alias_of(cls):
    """The same command under another name, hidden from `openstack help`'s list."""
    namespace = {"deprecated": True, "__doc__": cls.__doc__, "__module__": cls.__module__}
    return type(cls.__name__ + "Alias", (cls,), namespace)


class OneResource:
    """Template: `<resource>` by name or ID, the command's own options, one request.

    Set `resource` (the TroveClient attribute, e.g. "instances") and `argument`
    (the positional's name); set `wait_statuses` for an asynchronous action
    (then --wait polls until the resource is in one of them). Define
    `add_arguments`, `prepare` (checks and lookups before anything changes) and
    `act(resource, resource_id, parsed_args, prepared)`, whose answer
    `result` turns into the command's output.
    """

    resource = "instances"
    argument = "instance"
    wait_statuses = ()

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_resource_argument(parser, self.argument)
        self.add_arguments(parser)
        if self.wait_statuses:
            target = f"the {self.argument} is {' or '.join(self.wait_statuses)}"
            wait.add_wait_options(parser, target)
        return parser

    def add_arguments(self, parser):
        pass

    def prepare(self, parsed_args):
        return None

    def act(self, resource, resource_id, parsed_args, prepared):
        raise NotImplementedError

    def result(self, answer):
        return None

    def take_action(self, parsed_args):
        prepared = self.prepare(parsed_args)
        resource = getattr(self.trove, self.resource)
        name = getattr(parsed_args, self.argument)
        resource_id, answer = resource.act_on(
            name, lambda found_id: self.act(resource, found_id, parsed_args, prepared)
        )
        if self.wait_statuses and parsed_args.wait:
            wait.until_status(
                self, lambda: resource.get(resource_id), f"{resource.label} {name}",
                self.wait_statuses, parsed_args.wait_timeout,
            )
        return self.result(answer)


class Action(OneResource, Command):
    """An action on one resource that prints nothing."""


class ShowAction(OneResource, ShowOne):
    """An action on one resource that shows the server's answer."""

    first = ("id", "name")

    def result(self, answer):
        return output.show(answer, first=self.first)


class DeleteMany(Command):
    """Template: delete one or more resources by name or ID, each failure reported.

    Set `resource`, `argument` and `plural` (the positional and the report's
    nouns); `delete(resource, id, parsed_args)` sends one deletion; with
    --wait, `failed(item)` ends a wait early (default: status ERROR).
    """

    resource = "instances"
    argument = "instance"
    plural = "instances"

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "names", metavar=f"<{self.argument}>", nargs="+",
            help=f"{self.noun().capitalize()}(s) to delete (name or ID)",
        )
        self.add_arguments(parser)
        wait.add_wait_options(parser, f"every {self.noun()} is gone")
        return parser

    def add_arguments(self, parser):
        pass

    def noun(self):
        """The argument in words: `configuration_group` -> `configuration group`."""
        return self.argument.replace("_", " ")

    def delete(self, resource, resource_id, parsed_args):
        resource.delete(resource_id)

    def failed(self):
        """A fresh predicate for one wait: the item's status means the delete failed."""
        return wait.is_error

    def reading(self):
        """How a wait reads an item when `status` does not say it: wait_for's
        `status_of` and `fault_of` (default: the status field and the fault)."""
        return {}

    def take_action(self, parsed_args):
        resource = getattr(self.trove, self.resource)

        def delete_one(name):
            resource_id, _ = resource.act_on(
                name, lambda found_id: self.delete(resource, found_id, parsed_args)
            )
            return resource_id

        def wait_one(name, resource_id):
            wait.until_gone(
                self, lambda: resource.get(resource_id), f"{resource.label} {name}",
                parsed_args.wait_timeout, self.failed(), **self.reading(),
            )

        multidelete.delete_each(
            parsed_args.names, delete_one, self.noun(), self.plural, self.app.stderr,
            wait_one if parsed_args.wait else None,
        )
