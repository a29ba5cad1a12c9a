"""openstack database user ...: the database users of an instance and their access."""

import argparse

from osc_lib import exceptions

from osc_trove.api.databases import database_segment
from osc_trove.cli import arguments, base, multidelete, output, passwords, wait

_COLUMNS = ("name", "host", "databases")


def add_user_arguments(parser, nargs=None):
    arguments.add_resource_argument(parser, "instance")
    if nargs:
        parser.add_argument("name", metavar="<name>", nargs=nargs, help="Name(s) of the user(s)")
    else:
        parser.add_argument("name", metavar="<name>", help="Name of the user")
    parser.add_argument(
        "--host",
        metavar="<host>",
        help="Host the user connects from, as given at creation (default: %%, any host)",
    )


class DatabaseNames(output.DataColumn):
    """A user's databases: names in tables, the server's `{"name": ...}` list in json."""

    def human_readable(self):
        return ", ".join(str(db.get("name")) for db in self._value or [])


def _with_databases(user):
    # json and yaml keep the list (a database named `a, b` stays one); the other
    # formats print the comma-joined names python-troveclient printed.
    return {**user, "databases": DatabaseNames(user.get("databases") or [])}


def _access_table(command, parsed_args):
    _, databases = command.trove.users.act_in(
        parsed_args.instance,
        lambda i: command.trove.users.list_access(i, parsed_args.name, parsed_args.host),
    )
    return output.table(databases, ("name",))


def _readable(trove, instance_id, name, host):
    """Whether Trove shows the user `name` from `host` (GET answers, not 404)."""
    try:
        trove.users.get(instance_id, name, host)
    except exceptions.NotFound:
        return False
    return True


def _access_names(trove, instance_id, name, host):
    return {db["name"] for db in trove.users.list_access(instance_id, name, host)}


def _who(name, host):
    return f"user {name}" + (f"@{host}" if host else "")


def _wait_user(command, instance_id, name, host, readable, timeout, doing):
    """--wait until the user is readable (create, update) or gone (delete): Trove's
    guest agent does these after the 202."""
    wait.until_true(
        command, lambda: _readable(command.trove, instance_id, name, host) == readable,
        _who(name, host), timeout, still=f"is still being {doing}",
        show=f"openstack database user list {instance_id}",
        pending="NOT SHOWN" if readable else "SHOWN", done="SHOWN" if readable else "GONE",
    )


def _wait_access(command, instance_id, args, databases, granted):
    """--wait until the user's access list shows (`granted`) or no longer shows `databases`."""
    trove, wanted = command.trove, set(databases)

    def done():
        names = _access_names(trove, instance_id, args.name, args.host)
        return wanted <= names if granted else not wanted & names

    host = f" --host {args.host}" if args.host else ""
    wait.until_true(
        command, done, f"access of {_who(args.name, args.host)} to {', '.join(databases)}",
        args.wait_timeout, still=f"is still being {'granted' if granted else 'revoked'}",
        show=f"openstack database user show access {instance_id} {args.name}{host}",
        pending="NOT SHOWN" if granted else "SHOWN", done="SHOWN" if granted else "GONE",
    )


def _require_flag(parser, flag, canonical):
    parser.add_argument(
        flag,
        action="store_true",
        required=True,
        help=f"Required: this is the short form of '{canonical}'",
    )


class CreateUser(base.Command):
    """Create a database user on an instance, optionally with access to databases."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument("name", metavar="<name>", help="Name of the new user")
        passwords.add_arguments(parser, "password", "user's password", positional=True)
        parser.add_argument(
            "--host",
            metavar="<host>",
            help="Host the user may connect from (default: %%, any host)",
        )
        parser.add_argument(
            "--databases",
            metavar="<database>",
            nargs="+",
            help="Databases the user may use (one or more names; put this option after "
            "the positional arguments)",
        )
        wait.add_wait_options(parser, "Trove shows the user ('database user show' finds it)")
        return parser

    def take_action(self, parsed_args):
        password = passwords.read(
            parsed_args, "password", self.app.stdin, "user's password",
            positional=True, required=True,
        )
        user = {
            "name": parsed_args.name,
            "password": password,
            "host": parsed_args.host,
            "databases": parsed_args.databases,
        }
        instance_id, _ = self.trove.users.act_in(
            parsed_args.instance, lambda i: self.trove.users.create(i, [user]))
        if parsed_args.wait:
            _wait_user(self, instance_id, parsed_args.name, parsed_args.host, True,
                       parsed_args.wait_timeout, "created")


class DeleteUser(base.Command):
    """Delete one or more database users from an instance (all from the same --host).

    Every user named is tried; each failure is reported and the command then
    exits 1.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_user_arguments(parser, nargs="+")
        wait.add_wait_options(parser, "Trove no longer shows the users ('database user show' "
                              "answers 404)")
        return parser

    def take_action(self, parsed_args):
        on_instance = self.trove.users.reference_in(parsed_args.instance)
        host = parsed_args.host

        def delete_one(name):
            on_instance(lambda i: self.trove.users.delete(i, name, host))
            return on_instance.id

        def wait_one(name, instance_id):
            _wait_user(self, instance_id, name, host, False, parsed_args.wait_timeout, "deleted")

        multidelete.delete_named(
            parsed_args.name, delete_one, "user", "users", self.app.stderr,
            wait_one if parsed_args.wait else None,
        )


class ListUsers(base.Lister):
    """List the database users of an instance and the databases each may use."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        arguments.add_paging_arguments(
            parser, "users", "Start after this user (name@host, e.g. bob@%%)"
        )
        return parser

    def take_action(self, parsed_args):
        users = self.trove.users.list_in(
            parsed_args.instance, limit=parsed_args.limit, marker=parsed_args.marker
        )
        return output.table((_with_databases(u) for u in users),
                            _COLUMNS)


class ShowUser(base.ShowOne):
    """Show a database user: its host and the databases it may use."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_user_arguments(parser)
        parser.add_argument(
            "--access",
            action="store_true",
            help="List the databases the user may use instead, one row each (-f table, json, "
            "yaml or value), as 'database user show access' does",
        )
        return parser

    def take_action(self, parsed_args):
        if parsed_args.access:
            if parsed_args.formatter == "shell":
                raise exceptions.CommandError(
                    "--access lists rows: use -f table, json, yaml or value, not shell."
                )
            return _access_table(self, parsed_args)
        user = self.trove.users.find((parsed_args.name, parsed_args.host),
                                     within=parsed_args.instance)
        return output.show(_with_databases(user), first=_COLUMNS)

    def produce_output(self, parsed_args, column_names, data):
        if not parsed_args.access:
            return super().produce_output(parsed_args, column_names, data)
        # The access listing is rows: `database user show access`, a Lister, emits
        # them with the formatter chosen here (the show formatters but shell list
        # rows too) and without the sorting options a show does not have.
        lister = ShowUserAccess(self.app, self.app_args, cmd_name=self.cmd_name)
        lister.formatter = self.formatter
        as_list = argparse.Namespace(**vars(parsed_args), sort_columns=[], sort_direction="asc")
        return lister.produce_output(as_list, column_names, data)


class ShowUserAccess(base.Lister):
    """List the databases a database user may use."""

    aliases = ("database user show --access",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_user_arguments(parser)
        return parser

    def take_action(self, parsed_args):
        return _access_table(self, parsed_args)


class GrantUserAccess(base.Command):
    """Let a database user use one or more databases."""

    aliases = ("database user add",)
    _epilog = (
        "The short form 'database user add' takes --access: "
        "database user add --access <instance> <name> <database> [<database> ...]."
    )

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_user_arguments(parser)
        parser.add_argument(
            "databases", metavar="<database>", nargs="+", help="Databases to give access to"
        )
        wait.add_wait_options(parser, "the user's access list shows the databases")
        return parser

    def take_action(self, parsed_args):
        instance_id, _ = self.trove.users.act_in(
            parsed_args.instance,
            lambda i: self.trove.users.grant(
                i, parsed_args.name, parsed_args.databases, parsed_args.host
            ),
        )
        if parsed_args.wait:
            _wait_access(self, instance_id, parsed_args, parsed_args.databases, granted=True)


class RevokeUserAccess(base.Command):
    """Stop a database user from using a database."""

    aliases = ("database user remove",)
    _epilog = (
        "The short form 'database user remove' takes --access: "
        "database user remove --access <instance> <name> <database>."
    )

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_user_arguments(parser)
        parser.add_argument(
            "database", metavar="<database>", help="Database to take access away from"
        )
        wait.add_wait_options(parser, "the user's access list no longer shows the database")
        return parser

    def take_action(self, parsed_args):
        database_segment(parsed_args.database)  # refuse names Trove cannot route, first
        instance_id, _ = self.trove.users.act_in(
            parsed_args.instance,
            lambda i: self.trove.users.revoke(
                i, parsed_args.name, parsed_args.database, parsed_args.host
            ),
        )
        if parsed_args.wait:
            _wait_access(self, instance_id, parsed_args, [parsed_args.database], granted=False)


class UpdateUserAttributes(base.Command):
    """Rename a database user, change its password, or the host it connects from."""

    aliases = ("database user set",)
    _epilog = (
        "The short form 'database user set' takes --attributes: "
        "database user set --attributes <instance> <name> [--new-name <name>] "
        "[--new-host <host>] [--new-password <password>]."
    )

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_user_arguments(parser)
        parser.add_argument("--new-name", metavar="<new_name>", help="New name of the user")
        passwords.add_arguments(parser, "new-password", "new password")
        parser.add_argument(
            "--new-host", metavar="<new_host>", help="New host the user may connect from"
        )
        # python-troveclient's spellings.
        arguments.hidden(parser, "--new_name", dest="new_name")
        arguments.hidden(parser, "--new_password", dest="new_password")
        arguments.hidden(parser, "--new_host", dest="new_host")
        wait.add_wait_options(parser, "Trove shows the user under its new name and host (a new "
                              "password alone cannot be seen: the wait ends at once)")
        return parser

    def take_action(self, parsed_args):
        new_password = passwords.read(parsed_args, "new-password", self.app.stdin, "new password")
        if new_password is None and not (parsed_args.new_name or parsed_args.new_host):
            raise exceptions.CommandError(
                "Nothing to change: give --new-name, --new-host or a new password "
                "(--new-password, --new-password-prompt or --new-password-stdin)."
            )
        instance_id, _ = self.trove.users.act_in(
            parsed_args.instance,
            lambda i: self.trove.users.update_attributes(
                i,
                parsed_args.name,
                parsed_args.host,
                new_name=parsed_args.new_name,
                new_password=new_password,
                new_host=parsed_args.new_host,
            ),
        )
        if parsed_args.wait:
            _wait_user(self, instance_id, parsed_args.new_name or parsed_args.name,
                       parsed_args.new_host or parsed_args.host, True, parsed_args.wait_timeout,
                       "changed")


# `database user add/remove/set` exist only in their --access/--attributes forms.


class GrantUserAccessAlias(base.alias_of(GrantUserAccess)):
    """Let a database user use one or more databases (short form of 'user grant access')."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _require_flag(parser, "--access", "database user grant access")
        return parser


class RevokeUserAccessAlias(base.alias_of(RevokeUserAccess)):
    """Stop a database user from using a database (short form of 'user revoke access')."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _require_flag(parser, "--access", "database user revoke access")
        return parser


class UpdateUserAttributesAlias(base.alias_of(UpdateUserAttributes)):
    """Rename a database user, change its password or host (short form of 'user update
    attributes')."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _require_flag(parser, "--attributes", "database user update attributes")
        return parser
