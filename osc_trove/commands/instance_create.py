"""openstack database instance create."""

import argparse

from osc_lib import exceptions

from osc_trove.api import restores
from osc_trove.cli import arguments, base, masking, other_services, passwords, wait
from osc_trove.commands import instance_view, nic_keys

# What a replica takes from its source: Trove refuses these in a replica's request (400).
COPIED_FROM_SOURCE = ("flavor", "size", "volume_type", "datastore", "datastore_version",
                      "datastore_version_number", "locality")


def parse_users(values):
    """`name:password` pairs (the password may contain ':') or bare names ->
    (name, password or None) tuples."""
    users = []
    for value in values or ():
        name, sep, password = value.partition(":")
        if not name or (sep and not password):
            raise exceptions.CommandError(
                f"--users takes <user>:<password> pairs or <user> names (with "
                f"--password-prompt or --password-stdin); '{value}' is not one."
            )
        users.append((name, password or None))
    return users


def read_passwords(users, args, stdin):
    """`users` with the password of every bare name read from the prompt or a
    line of stdin, in order (passwords.read: the way `user create` reads one)."""
    asked = [name for name, password in users if password is None]
    ways = [way for way in ("prompt", "stdin") if getattr(args, f"password_{way}")]
    if len(ways) > 1:
        raise exceptions.CommandError("Give --password-prompt or --password-stdin, not both.")
    if asked and not ways:
        raise exceptions.CommandError(
            f"--users {asked[0]} has no password: give {asked[0]}:<password>, or add "
            "--password-prompt or --password-stdin."
        )
    if ways and not asked:
        raise exceptions.CommandError(
            f"--password-{ways[0]} reads the passwords of --users given as bare names; "
            "every user given has one."
        )
    way = argparse.Namespace(password=None, password_prompt=args.password_prompt,
                             password_stdin=args.password_stdin)
    return [(name, password if password is not None
             else passwords.read(way, "password", stdin, f"password of user {name}"))
            for name, password in users]


class CreateInstance(base.ShowOne):
    """Create a database instance.

    Flavor, datastore version, backup, configuration group, source instance and
    modules may be given by name or ID. The instance starts in BUILD; use --wait
    to return once it is ACTIVE.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("name", metavar="<name>", help="Name of the instance")
        parser.add_argument(
            "--flavor",
            metavar="<flavor>",
            help="Flavor (name or ID); required unless --replica-of is given",
        )
        arguments.add_older_positional(parser, "flavor")
        parser.add_argument(
            "--size",
            metavar="<size>",
            type=arguments.positive_int,
            help="Volume size in GB (needed wherever Trove keeps the datastore's data on a "
            "volume, as it does by default)",
        )
        parser.add_argument("--volume-type", metavar="<type>", help="Volume type")
        arguments.hidden(parser, "--volume_type", dest="volume_type")
        parser.add_argument(
            "--databases",
            metavar="<database>",
            nargs="+",
            default=[],
            help="Databases to create on the instance",
        )
        masking.secret(parser.add_argument(
            "--users",
            metavar="<user[:password]>",
            nargs="+",
            default=[],
            help="Users to create, as name:password (visible to other users of this machine "
            "and in shell history) or as a bare name whose password --password-prompt or "
            "--password-stdin reads; they get access to --databases",
        ), masking.AFTER_COLON)
        parser.add_argument(
            "--password-prompt",
            action="store_true",
            help="Type the password of each --users name given without one at a hidden "
            "prompt, twice (needs a terminal)",
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password of each --users name given without one from standard "
            "input, one line per user in the order given",
        )
        parser.add_argument(
            "--backup",
            metavar="<backup>",
            help="Backup to restore (name or ID); unless --datastore or --datastore-version "
            "is given, the instance gets the backup's datastore and version",
        )
        parser.add_argument("--availability-zone", metavar="<zone>", help="Availability zone")
        arguments.hidden(parser, "--availability_zone", dest="availability_zone")
        arguments.add_datastore_options(
            parser, "Datastore (name or ID), e.g. mysql",
            "Datastore version (name or ID), e.g. 5.7",
        )
        parser.add_argument(
            "--nic",
            metavar="<net-id=<net>,subnet-id=<subnet>,ip-address=<ip>>",
            action="append",
            default=[],
            help="The instance's network interface (one: Trove's API takes one NIC): "
            + nic_keys.HELP,
        )
        parser.add_argument(
            "--configuration", metavar="<configuration>", help="Configuration group (name or ID)"
        )
        parser.add_argument(
            "--replica-of",
            metavar="<source_instance>",
            help="Create a replica of this instance (name or ID)",
        )
        arguments.hidden(parser, "--replica_of", dest="replica_of")
        parser.add_argument(
            "--replica-count",
            metavar="<count>",
            type=arguments.positive_int,
            help="Number of replicas to create with --replica-of (default 1); without "
            "--replica-of only 1 is accepted",
        )
        arguments.hidden(parser, "--replica_count", dest="replica_count",
                         type=arguments.positive_int)
        parser.add_argument(
            "--module",
            metavar="<module>",
            action="append",
            default=[],
            help="Module to apply (name or ID); repeat for several",
        )
        arguments.add_locality_argument(parser, "the instance and its future replicas")
        parser.add_argument("--region", metavar="<region>", help="Region to create it in")
        parser.add_argument(
            "--is-public",
            action="store_true",
            help="Expose the database service on a public address",
        )
        parser.add_argument(
            "--allowed-cidr",
            metavar="<cidr>",
            action="append",
            default=[],
            help="Only let clients from this CIDR connect; repeat for several (default: any)",
        )
        wait.add_wait_options(parser, "the instance is ACTIVE")
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        users, nics = check_options(args)
        parsed = read_passwords(users, args, self.app.stdin), nics
        left_out = leave_out_for_replica(args)
        if left_out:
            self.app.stderr.write(
                f"Left out {', '.join(left_out)}: a replica gets them from its source "
                "instance, and Trove refuses them in a replica's request.\n"
            )
        fields = request_fields(self.app, self.trove, args, parsed)
        instances = self.trove.instances
        try:
            created = instances.create(name=args.name, **fields)
        except exceptions.BadRequest as err:
            worded = missing_size(err, args)
            if worded is None:
                raise
            raise worded from None
        if not args.wait:
            return instance_view.show(created)
        instance = wait.until_status(
            self, lambda: instances.get(created["id"]), f"instance {args.name}", ("ACTIVE",),
            args.wait_timeout,
        )
        if "password" in created:  # a root password is only ever sent in the create answer
            instance.setdefault("password", created["password"])
        return instance_view.show(instance)


def check_options(args):
    """Reject bad input before any request; returns the parsed (users, nics)."""
    arguments.take_older_positional(args, "flavor", "the flavor", "--flavor <flavor>")
    users = parse_users(args.users)
    nics = [nic_keys.parse(value, "--nic") for value in args.nic]
    if len(nics) > 1:
        raise exceptions.CommandError("Give --nic once: Trove's API takes one NIC per instance.")
    if not args.flavor and not args.replica_of:
        raise exceptions.CommandError("--flavor is required (except with --replica-of).")
    if args.volume_type and args.size is None:
        raise exceptions.CommandError("--volume-type needs --size.")
    if args.replica_count is not None and args.replica_count > 1 and not args.replica_of:
        raise exceptions.CommandError(
            f"--replica-count {args.replica_count} needs --replica-of: Trove creates several "
            "instances at once only as replicas of one source."
        )
    return users, nics


# Trove's 400 when the datastore keeps its data on a volume and no size was sent.
# Only the server knows (trove_volume_support and each manager's volume_support
# options): a check before the request would refuse valid creates on clouds
# without volumes, so the answer is worded instead.
NO_VOLUME_SIZE = "Volume size was not specified"


def missing_size(err, args):
    """The one line naming --size for Trove's missing-size 400, else None."""
    if args.size is not None or NO_VOLUME_SIZE not in str(err.message):
        return None
    return exceptions.CommandError(
        "Give the volume size with --size <GB>: this cloud keeps the datastore's data on "
        f"a volume (Trove: {NO_VOLUME_SIZE}, HTTP 400)."
    )


def leave_out_for_replica(args):
    """With --replica-of, clear what Trove refuses for a replica; the options cleared."""
    if not args.replica_of:
        return []
    given = [dest for dest in COPIED_FROM_SOURCE if getattr(args, dest) is not None]
    for dest in given:
        setattr(args, dest, None)
    return ["--" + dest.replace("_", "-") for dest in given]


def request_fields(app, trove, args, parsed):
    """The `instance` keys of the create request; names are resolved to IDs here."""
    users, nics = parsed
    fields = {}
    if args.flavor:
        fields["flavorRef"] = trove.flavors.resolve(args.flavor)
    if args.size is not None:
        fields["volume"] = {"size": args.size}
        if args.volume_type:
            fields["volume"]["type"] = args.volume_type
    datastore = arguments.datastore_request(args)
    if args.backup:
        backup_id, datastore = restore_point(app, trove, args.backup, datastore)
        fields["restorePoint"] = {"backupRef": backup_id}
    if datastore:
        fields["datastore"] = datastore
    if args.databases:
        fields["databases"] = [{"name": name} for name in args.databases]
    if users:
        access = [{"name": name} for name in args.databases]
        fields["users"] = [
            {"name": name, "password": password, "databases": access}
            for name, password in users
        ]
    if args.configuration:
        fields["configuration"] = trove.configurations.resolve(args.configuration)
    if args.replica_of:
        fields["replica_of"] = trove.instances.resolve(args.replica_of)
    if args.replica_count is not None:
        fields["replica_count"] = args.replica_count
    if args.module:
        fields["modules"] = [{"id": trove.modules.resolve(m)} for m in args.module]
    if nics:
        fields["nics"] = [other_services.resolve_nic(app, nic) for nic in nics]
    for key, value in (
        ("availability_zone", args.availability_zone),
        ("locality", args.locality),
        ("region_name", args.region),
    ):
        if value:
            fields[key] = value
    if args.is_public or args.allowed_cidr:
        fields["access"] = {"is_public": bool(args.is_public)}
        if args.allowed_cidr:
            fields["access"]["allowed_cidrs"] = args.allowed_cidr
    return fields


def restore_point(app, trove, ref, datastore):
    """The backup's ID and the request's datastore for restoring backup `ref`.

    With no datastore option given, the backup's own datastore and version
    (Trove would restore into its default version otherwise, whatever the
    backup's), said on stderr; costs a GET of the backup (a list for a name).
    """
    if datastore:
        return trove.backups.resolve(ref), datastore
    backup = trove.backups.find(ref, needs=("datastore",))
    own = restores.backup_datastore(backup)
    if own:
        datastore = own
        app.stderr.write(
            f"Restoring into {own['type']} {backup['datastore'].get('version') or own['version']}"
            ", the datastore version of the backup (give --datastore and --datastore-version "
            "for another).\n"
        )
    return trove.backups.id_of(backup), datastore
