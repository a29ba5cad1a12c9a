"""The base classes of every osc-trove command: the API client, masking of the
arguments it logs, hints on errors, --long, aliases, and the template of a
command Trove took away (Withdrawn). Templates that act on resources are in
osc_trove.cli.templates."""

import argparse
import functools
import itertools

from osc_lib import exceptions
from osc_lib.command import command

from osc_trove.api import errors
from osc_trove.cli import arguments, hints, masking, printable, progress


class TroveCommandMixin:
    """Gives `self.trove` and announces the command's hidden aliases in its help.

    `aliases` names other command names (registered as entry points pointing at
    an `alias_of(...)` class) that run this same code.
    """

    aliases = ()
    _rows_stream = False  # printed as they are read (-f value, -f csv)

    @property
    def trove(self):
        # OSC's client for this run: plugin.make_client, called once and cached
        # by the ClientManager (API_NAME keeps it apart from python-troveclient's).
        client = self.app.client_manager.osc_trove
        if client.http.on_error is None:  # the run's first use: fit it to the command line
            from osc_trove import coexistence

            coexistence.warn_if_troveclient_is_loaded()
            client.http.on_error = hints.add_hint
            # A slow list or lookup says how far it has got, on a terminal only.
            client.on_progress = progress.on_terminal(
                getattr(self.app, "stderr", None),
                self.app.stdout if self._rows_stream else None)
        return client

    def run(self, parsed_args):
        # osc-lib logs the parsed arguments at DEBUG before running a command:
        # passwords among them must read *** (one filter per command logger).
        logger = masking.masked_logger(self.log.name)
        arguments = masking.ArgumentsFilter(self.parser, parsed_args)
        logger.addFilter(arguments)
        self._rows_stream = getattr(parsed_args, "formatter", None) in progress.STREAMING_FORMATS
        try:
            return super().run(parsed_args)
        except errors.TroveError as err:
            hints.add_hint(err)  # a lookup's: request errors have theirs (see trove)
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
        parser.parse_known_intermixed_args = functools.partial(_parse_known, parser)
        parser._get_option_tuples = functools.partial(_option_matches, parser)
        self.parser = parser  # run() asks it which arguments are secret
        return parser

    def get_epilog(self):
        epilog = super().get_epilog() or ""
        # An alias inherits its command's `aliases`, itself among them: said once,
        # in the visible command's help.
        if self.aliases and not self.deprecated:
            names = ", ".join(f"'{name}'" for name in self.aliases)
            epilog = f"{epilog}\n\nAlso available as: {names}.".strip()
        return epilog


def _parse_known(parser, args=None, namespace=None):
    # Python 3.11's intermixed parsing loses `--`, so a name after it that starts
    # with `-` was taken for an option (`configuration show -- -2+3`); with `--`
    # the words after it are positionals, which plain parsing gets right.
    if args is not None and "--" in args:
        return argparse.ArgumentParser.parse_known_args(parser, args, namespace)
    return argparse.ArgumentParser.parse_known_intermixed_args(parser, args, namespace)


def _option_matches(parser, option):
    # An abbreviation that matches only spellings of one option is that option
    # (`--volume`: `--volume-type` and troveclient's hidden `--volume_type`, which
    # store the same value the same way); argparse calls it ambiguous.
    matches, seen = [], set()
    for match in argparse.ArgumentParser._get_option_tuples(parser, option):
        action = match[0]
        same = (action.dest, type(action), action.const, action.nargs)
        if same not in seen:
            seen.add(same)
            matches.append(match)
    return matches


class Command(TroveCommandMixin, command.Command):
    pass


class Lister(TroveCommandMixin, command.Lister):
    """A list; `long_columns` (titles) are shown only with --long, which every list
    takes, as OSC's own lists do."""

    long_columns = ()
    # False for a command that acts and reports in rows (backup prune): capping
    # its rows would hide what it did.
    lists = True

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        if self.lists:
            # OSC's spelling of the total (10.1 and later); lists that page take
            # --limit too, the same total, which the server caps; others are cut here.
            parser.add_argument("--max-items", dest="limit", metavar="<count>",
                                type=arguments.positive_int,
                                help="Show at most this many rows (--limit, where the list "
                                "has it)")
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
        if getattr(parsed_args, "limit", None):
            data = itertools.islice(data, parsed_args.limit)
        data = (printable.row(row, parsed_args.formatter) for row in data)
        return super().produce_output(parsed_args, column_names, data)


class ShowOne(TroveCommandMixin, command.ShowOne):
    def produce_output(self, parsed_args, column_names, data):
        data = printable.row(data, parsed_args.formatter)
        return super().produce_output(parsed_args, column_names, data)


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
