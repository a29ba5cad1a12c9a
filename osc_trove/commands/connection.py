"""openstack database instance connection show / connect: how to reach an instance's database.

`connection show` says where (host, port), whether TLS is on and gives a URI;
`connect` runs the datastore's own client with those parameters. A password is
never put in a URI or a command line: the client asks for it at its prompt.
"""

import shutil
import subprocess

from osc_lib import exceptions

from osc_trove.api import connections
from osc_trove.api.errors import NotInRelease
from osc_trove.cli import arguments, base


class Client:
    """A datastore's command-line client: `program`, the package that has it, and
    how its command line names host, port, user, database and TLS."""

    def __init__(self, program, package, argv):
        self.program, self.package, self._argv = program, package, argv

    def argv(self, host, port, user, database, tls):
        return [self.program, *self._argv(host, str(port), user, database, tls)]


def _mysql(host, port, user, database, tls):
    return [f"--host={host}", f"--port={port}", *([f"--user={user}", "--password"] if user
                                                  else []),
            *(["--ssl-mode=REQUIRED"] if tls else []), *([database] if database else [])]


def _psql(host, port, user, database, tls):
    # One conninfo word: psql reads every parameter from it, TLS included.
    words = [f"host={host}", f"port={port}", *([f"user={user}"] if user else []),
             *([f"dbname={database}"] if database else []), *(["sslmode=require"] if tls else [])]
    return [" ".join(words), "--password"] if user else [" ".join(words)]


def _redis(host, port, user, database, tls):
    return ["-h", host, "-p", port, *(["--user", user, "--askpass"] if user else []),
            *(["-n", database] if database else []), *(["--tls"] if tls else [])]


def _mongosh(host, port, user, database, tls):
    return [f"--host={host}", f"--port={port}", *([f"--username={user}", "--password"] if user
                                                  else []),
            *(["--tls"] if tls else []), *([database] if database else [])]


def _cqlsh(host, port, user, database, tls):
    # cqlsh asks for the password when it has a user and no password.
    return [host, port, *(["-u", user] if user else []), *(["-k", database] if database else []),
            *(["--ssl"] if tls else [])]


MYSQL = Client("mysql", "the MySQL or MariaDB client (Debian: default-mysql-client)", _mysql)
CLIENTS = {
    "mysql": MYSQL, "mariadb": MYSQL, "percona": MYSQL, "pxc": MYSQL,
    "postgresql": Client("psql", "PostgreSQL's client (Debian: postgresql-client)", _psql),
    "redis": Client("redis-cli", "Redis's client (Debian: redis-tools)", _redis),
    "mongodb": Client("mongosh", "MongoDB's shell (mongodb-mongosh)", _mongosh),
    "cassandra": Client("cqlsh", "Cassandra's shell (pip install cqlsh)", _cqlsh),
}


def tls_state(trove, instance_id):
    """(TLS on?, how to show it): from the instance's SSL state, which Trove has
    since 26.0.0; older releases answer with one line naming the release."""
    try:
        ssl = trove.instance_ssl.show(instance_id)
    except NotInRelease:
        return False, "unknown (the cloud's Trove predates instance SSL, 26.0.0)"
    on = str(ssl.get("status", "")).lower() in ("on", "enabled", "active")
    mode = ssl.get("mode")
    return on, (f"on ({mode})" if on and mode else "on" if on else "off")


class ConnectionCommand:
    """<instance> and who and what to connect as: --user, --database, --public/--private."""

    def add_connection_arguments(self, parser):
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument("--user", metavar="<user>", help="Database user to connect as")
        parser.add_argument("--database", metavar="<database>", help="Database to open")
        network = parser.add_mutually_exclusive_group()
        for kind in connections.NETWORKS:
            network.add_argument(f"--{kind}", dest="network", action="store_const",
                                 const=kind, help=f"Use the instance's {kind} address")
        return parser

    def endpoint(self, parsed_args):
        """The instance's row, its engine (or None), host, TLS state and its words."""
        instance = self.trove.instances.find(parsed_args.instance)
        engine = connections.engine_of(instance)
        host = connections.host_of(instance, parsed_args.network)
        tls, tls_words = tls_state(self.trove, instance["id"])
        return instance, engine, host, tls, tls_words


class ShowInstanceConnection(ConnectionCommand, base.ShowOne):
    """Show how to connect to an instance's database: host, port, TLS, a URI and
    the client command (never with a password).

    Trove does not say which port a database listens on: the port is the
    datastore's default (docs/commands.md, "Connecting"). TLS comes from the
    instance's SSL state (Trove 26.0.0 and later; `unknown` before). The
    address is the public one if the instance has one, unless --public or
    --private says which.
    """

    def get_parser(self, prog_name):
        return self.add_connection_arguments(super().get_parser(prog_name))

    def take_action(self, parsed_args):
        instance, engine, host, tls, tls_words = self.endpoint(parsed_args)
        client = CLIENTS.get(engine.name) if engine else None
        user, database = parsed_args.user, parsed_args.database
        fields = {
            "instance": instance["id"],
            "datastore": engine.name if engine else (instance.get("datastore") or {}).get("type"),
            "host": host,
            "port": engine.port if engine else None,
            "tls": tls_words,
            "user": user,
            "database": database,
            "uri": connections.uri(engine, host, user, database, tls) if engine else None,
            "client": subprocess.list2cmdline(client.argv(host, engine.port, user, database, tls))
            if client else None,
        }
        return tuple(fields), tuple(fields.values())


class ConnectInstance(ConnectionCommand, base.Command):
    """Open the datastore's own client (mysql, psql, redis-cli, mongosh, cqlsh) on
    an instance's database.

    The client asks for the password at its own prompt: no password goes in
    the command line. Words after `--` go to the client as they are
    (`connect db1 --user app -- --execute 'SELECT 1'`). The exit code is the
    client's.
    """

    def get_parser(self, prog_name):
        parser = self.add_connection_arguments(super().get_parser(prog_name))
        parser.add_argument("client_args", nargs="*", metavar="<client-arg>",
                            help="Arguments passed on to the client, after `--`")
        parse_own = parser.parse_known_intermixed_args

        def parse_known(args=None, namespace=None):
            # Every word after `--` is the client's, whatever it looks like.
            words, after = list(args or []), []
            if "--" in words:
                cut = words.index("--")
                words, after = words[:cut], words[cut + 1:]
            namespace, extras = parse_own(words, namespace)
            namespace.client_args = [*namespace.client_args, *after]
            return namespace, extras

        parser.parse_known_intermixed_args = parse_known
        return parser

    def take_action(self, parsed_args):
        instance, engine, host, tls, _ = self.endpoint(parsed_args)
        client = CLIENTS.get(engine.name) if engine else None
        if client is None:
            kind = (instance.get("datastore") or {}).get("type")
            raise exceptions.CommandError(
                f"osc-trove knows no client for datastore '{kind}'; "
                f"`openstack database instance connection show {parsed_args.instance}` "
                "gives its host and port.")
        program = shutil.which(client.program)
        if program is None:
            raise exceptions.CommandError(
                f"{client.program} is not installed: install {client.package}.")
        argv = client.argv(host, engine.port, parsed_args.user, parsed_args.database, tls)
        return subprocess.call([program, *argv[1:], *parsed_args.client_args])
