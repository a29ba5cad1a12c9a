"""openstack database log list/show/set/tail/save: the guest logs of an instance.

`tail` and `save` read what Trove published to the object store through the
session `openstack` already has, so they work with any way of logging in.
"""

import argparse
import contextlib
import os
import tempfile
import time

from osc_lib import exceptions

from osc_trove.cli import arguments, base, output

# Lets the unit tests stop `tail --follow` without waiting.
sleep = time.sleep

_LOG_FIELDS = ("name", "type", "status", "published", "pending", "container", "prefix")
_FLAGS = ("enable", "disable", "publish", "discard")


def _seconds(text):
    """argparse type: a number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return value


def _add_log_arguments(parser):
    arguments.add_resource_argument(parser, "instance")
    parser.add_argument("log_name", metavar="<log_name>", help="Name of the log (see 'log list')")


class LogCommand:
    """The instance (name or ID) and log of the command line, and errors about them."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _add_log_arguments(parser)
        self.add_arguments(parser)
        return parser

    def add_arguments(self, parser):
        pass

    def on_log(self, parsed_args, action):
        """(instance ID, action(instance ID)); an unknown instance is told from an unknown log."""
        return self.trove.logs.act_in(parsed_args.instance, action)

    def published(self, parsed_args):
        """(instance ID, the log's state, its published parts), publishing it first if needed."""
        name = parsed_args.log_name
        logs = self.trove.logs
        instance_id, log = self.on_log(parsed_args, lambda iid: logs.published(iid, name))
        with self.no_published_log(parsed_args):
            parts = self.trove.logs.parts(log)
        return instance_id, log, parts

    @contextlib.contextmanager
    def no_published_log(self, parsed_args):
        """The object store's 404 (container or part gone) said in words."""
        try:
            yield
        except exceptions.NotFound:
            raise self.nothing_published(parsed_args) from None

    def nothing_published(self, parsed_args):
        return exceptions.CommandError(
            f"No published '{parsed_args.log_name}' log was found for instance "
            f"{parsed_args.instance} in the object store."
        )


class ListLogs(base.Lister):
    """List the logs of a database instance, and how much of each is published."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        return parser

    def take_action(self, parsed_args):
        logs = list(self.trove.logs.list_in(parsed_args.instance))
        return output.table(logs, _LOG_FIELDS)


class ShowLog(LogCommand, base.ShowOne):
    """Show the state of one log of a database instance."""

    def take_action(self, parsed_args):
        _, log = self.on_log(
            parsed_args, lambda iid: self.trove.logs.show(iid, parsed_args.log_name)
        )
        return output.show(log, first=_LOG_FIELDS)


class SetLog(LogCommand, base.ShowOne):
    """Turn collection of a log on or off, publish it to the object store, or discard
    what was published; shows the log's state afterwards.

    Several actions may be combined (e.g. --enable --publish); --discard runs
    before --publish. `database log enable <instance> <log_name>`, from
    python-troveclient 2.14.0 to 3.1.0, is `--enable`.
    """

    aliases = ("database log enable",)

    def add_arguments(self, parser):
        parser.add_argument("--enable", action="store_true", help="Start collecting the log")
        parser.add_argument("--disable", action="store_true", help="Stop collecting the log")
        parser.add_argument(
            "--publish", action="store_true",
            help="Publish what the log holds to the object store (in your project's account)",
        )
        parser.add_argument(
            "--discard", action="store_true",
            help="Delete what was published of the log from the object store",
        )

    def take_action(self, parsed_args):
        flags = {flag: getattr(parsed_args, flag) for flag in _FLAGS}
        if not any(flags.values()):
            raise exceptions.CommandError(
                "Nothing to do: give --enable, --disable, --publish or --discard."
            )
        if flags["enable"] and flags["disable"]:
            raise exceptions.CommandError("--enable and --disable cannot be given together.")
        _, log = self.on_log(
            parsed_args, lambda iid: self.trove.logs.action(iid, parsed_args.log_name, **flags)
        )
        return output.show(log, first=_LOG_FIELDS)


class SetLogAlias(base.alias_of(SetLog)):
    """Start collecting a log: `database log set --enable`, under the name
    python-troveclient 2.14.0 to 3.1.0 gave it (later releases have only `log set`)."""

    def add_arguments(self, parser):
        parser.set_defaults(enable=True, **{flag: False for flag in _FLAGS if flag != "enable"})


class TailLog(LogCommand, base.Command):
    """Print the last lines of a log of a database instance.

    The log is published first when the object store lacks some of it, then
    read from the object store. With --follow, keeps printing what the log
    gains (publishing it every --interval seconds when it has grown) until
    Ctrl-C.
    """

    def add_arguments(self, parser):
        parser.add_argument(
            "--lines", metavar="<lines>", type=arguments.at_least(0), default=50,
            help="Number of lines to print, 0 for the whole log (default: 50)",
        )
        parser.add_argument(
            "--follow", "-f", action="store_true",
            help="Keep printing the lines the log gains, until interrupted (Ctrl-C)",
        )
        parser.add_argument(
            "--interval", metavar="<seconds>", type=_seconds, default=5.0,
            help="With --follow: seconds between two looks for new lines (default: 5)",
        )

    def take_action(self, parsed_args):
        logs = self.trove.logs
        instance_id, log, parts = self.published(parsed_args)
        with self.no_published_log(parsed_args):
            self.write(logs.contents(log, parts, last_lines=parsed_args.lines))
        if not parsed_args.follow:
            return
        seen = set(parts)
        try:
            while True:
                sleep(parsed_args.interval)
                log = logs.published(instance_id, parsed_args.log_name)
                with self.no_published_log(parsed_args):
                    new = [part for part in logs.parts(log) if part not in seen]
                    for part in new:
                        self.write(logs.read(log, part))
                        seen.add(part)
        except KeyboardInterrupt:
            return  # Ctrl-C is how --follow ends

    def write(self, data):
        self.app.stdout.write(data.decode(errors="replace"))
        self.app.stdout.flush()


class SaveLog(LogCommand, base.Command):
    """Save the whole of a log of a database instance to a file.

    The log is published first when the object store lacks some of it. An
    existing file is only replaced with --force; the file appears complete or
    not at all (written under a temporary name, then renamed), readable by
    you only.
    """

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", metavar="<file>",
            help="File to write (default: trove-<instance ID>-<log_name>.log here)",
        )
        parser.add_argument(
            "--force", action="store_true", help="Replace the file if it exists",
        )

    def take_action(self, parsed_args):
        target = parsed_args.file
        known_id = self.trove.instances.known_id(parsed_args.instance)
        if target is None and known_id is not None:
            target = self.default_file(known_id, parsed_args)
        if target is not None:
            self.refuse_existing(target, parsed_args)  # before any request
        instance_id, log, parts = self.published(parsed_args)
        target = target or self.default_file(instance_id, parsed_args)
        self.refuse_existing(target, parsed_args)
        if not parts:
            raise self.nothing_published(parsed_args)
        with self.no_published_log(parsed_args):
            data = self.trove.logs.contents(log, parts)
        try:
            write_file(target, data, replace=parsed_args.force)
        except FileExistsError:
            raise self.exists(target) from None
        except OSError as err:
            raise exceptions.CommandError(f"Cannot write {target}: {err.strerror}") from None
        self.app.stdout.write(f'Log "{parsed_args.log_name}" written to {target}\n')

    def default_file(self, instance_id, parsed_args):
        return f"trove-{instance_id}-{parsed_args.log_name}.log"

    def refuse_existing(self, target, parsed_args):
        if os.path.lexists(target) and not parsed_args.force:
            raise self.exists(target)

    def exists(self, target):
        return exceptions.CommandError(f"{target} exists; give --force to replace it.")


def write_file(path, data, replace):
    """Write `data` to `path` all at once: a temporary file beside it, then a rename.

    Without `replace`, an existing `path` is left alone (FileExistsError): the
    temporary file is hard-linked to the name, which fails if the name is taken.
    """
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".trove-log-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
