"""openstack database instance create/list/show/delete/force delete."""

from osc_lib import exceptions

from osc_trove.api.resource import looks_like_uuid
from osc_trove.commands import base, instance_view, multidelete, wait

ADMIN_NOTE = (
    "Admins also get a Project ID column with --all-projects or --project, and "
    "'database instance show' adds Project ID (tenant_id), Server ID, Volume ID and "
    "Encrypted RPC Messaging for them."
)
NIC_KEYS = {"net-id": "network_id", "subnet-id": "subnet_id", "ip-address": "ip_address"}


def parse_users(values):
    """`name:password` pairs (the password may contain ':') -> (name, password) tuples."""
    users = []
    for value in values or ():
        name, sep, password = value.partition(":")
        if not (sep and name and password):
            raise exceptions.CommandError(
                f"--users takes <user>:<password> pairs; '{value}' is not one."
            )
        users.append((name, password))
    return users


def parse_nic(value):
    """`net-id=..,subnet-id=..,ip-address=..` -> the request's nic dict."""
    nic = {}
    for part in value.split(","):
        key, sep, val = part.partition("=")
        key = key.strip()
        if not sep or key not in NIC_KEYS or not val.strip():
            raise exceptions.CommandError(
                f"--nic takes net-id=<network>,subnet-id=<subnet>,ip-address=<ip> "
                f"(at least net-id or subnet-id); '{value}' is not that."
            )
        nic[NIC_KEYS[key]] = val.strip()
    if "network_id" not in nic and "subnet_id" not in nic:
        raise exceptions.CommandError(f"--nic '{value}' needs net-id or subnet-id.")
    return nic


def find_id(resource, name_or_id):
    """An ID for a request body: IDs go as they are (the server checks them); names are found."""
    if looks_like_uuid(name_or_id):
        return name_or_id
    return resource.id_of(resource.find(name_or_id))


def wait_until_active(command, instance_id, label, parsed_args):
    """--wait for an action that ends in ACTIVE; returns the instance as it ended."""
    instances = command.trove.instances
    return wait.wait_for(
        lambda: instances.get(instance_id),
        f"instance {label}",
        wait.status_in("ACTIVE"),
        timeout=parsed_args.wait_timeout,
        stream=command.app.stderr,
    )


def add_instance_argument(parser, help_text="Instance (name or ID)"):
    parser.add_argument("instance", metavar="<instance>", help=help_text)


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
        parser.add_argument(
            "--size", metavar="<size>", type=int, help="Volume size in GB (when volumes are used)"
        )
        parser.add_argument("--volume-type", metavar="<type>", help="Volume type")
        parser.add_argument(
            "--databases",
            metavar="<database>",
            nargs="+",
            default=[],
            help="Databases to create on the instance",
        )
        parser.add_argument(
            "--users",
            metavar="<user:password>",
            nargs="+",
            default=[],
            help="Users to create, as name:password; they get access to --databases",
        )
        parser.add_argument("--backup", metavar="<backup>", help="Backup to restore (name or ID)")
        parser.add_argument("--availability-zone", metavar="<zone>", help="Availability zone")
        parser.add_argument(
            "--datastore", metavar="<datastore>", help="Datastore (name or ID), e.g. mysql"
        )
        parser.add_argument(
            "--datastore-version",
            metavar="<datastore_version>",
            help="Datastore version (name or ID), e.g. 5.7",
        )
        parser.add_argument(
            "--datastore-version-number",
            metavar="<number>",
            help="Datastore version number, to choose among versions with the same name",
        )
        parser.add_argument(
            "--nic",
            metavar="<net-id=<net>,subnet-id=<subnet>,ip-address=<ip>>",
            action="append",
            default=[],
            help="Network for the instance: net-id and/or subnet-id, optionally ip-address "
            "(needs subnet-id); repeat for several (if the cloud allows)",
        )
        parser.add_argument(
            "--configuration", metavar="<configuration>", help="Configuration group (name or ID)"
        )
        parser.add_argument(
            "--replica-of",
            metavar="<source_instance>",
            help="Create a replica of this instance (name or ID)",
        )
        parser.add_argument(
            "--replica-count",
            metavar="<count>",
            type=int,
            help="Number of replicas to create (with --replica-of; default 1)",
        )
        parser.add_argument(
            "--module",
            metavar="<module>",
            action="append",
            default=[],
            help="Module to apply (name or ID); repeat for several",
        )
        parser.add_argument(
            "--locality",
            metavar="<policy>",
            choices=("affinity", "anti-affinity"),
            help="Server group policy for the instance and its future replicas: "
            "affinity or anti-affinity",
        )
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
        users = parse_users(args.users)
        nics = [parse_nic(value) for value in args.nic]
        if not args.flavor and not args.replica_of:
            raise exceptions.CommandError("--flavor is required (except with --replica-of).")
        if args.replica_count is not None and not args.replica_of:
            raise exceptions.CommandError("--replica-count needs --replica-of.")
        for option, value in (("--size", args.size), ("--replica-count", args.replica_count)):
            if value is not None and value < 1:
                raise exceptions.CommandError(f"{option} must be at least 1.")

        trove = self.trove
        fields = {}
        if args.flavor:
            fields["flavorRef"] = trove.flavors.id_of(trove.flavors.find(args.flavor))
        if args.size is not None or args.volume_type:
            fields["volume"] = {"size": args.size}
            if args.volume_type:
                fields["volume"]["type"] = args.volume_type
        datastore = {
            key: value
            for key, value in (
                ("type", args.datastore),
                ("version", args.datastore_version),
                ("version_number", args.datastore_version_number),
            )
            if value
        }
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
        if args.backup:
            fields["restorePoint"] = {"backupRef": find_id(trove.backups, args.backup)}
        if args.configuration:
            fields["configuration"] = find_id(trove.configurations, args.configuration)
        if args.replica_of:
            fields["replica_of"] = find_id(trove.instances, args.replica_of)
        if args.replica_count is not None:
            fields["replica_count"] = args.replica_count
        if args.module:
            fields["modules"] = [{"id": find_id(trove.modules, m)} for m in args.module]
        if nics:
            fields["nics"] = nics
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

        instance = trove.instances.create(args.name, **fields)
        if args.wait:
            instance = wait_until_active(self, instance["id"], args.name, args)
        return instance_view.show(instance)


class ListInstances(base.Lister):
    __doc__ = f"""List database instances (every page unless --limit is given).

    {ADMIN_NOTE}
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--limit",
            metavar="<limit>",
            type=int,
            help="List at most this many instances",
        )
        parser.add_argument(
            "--marker",
            metavar="<id>",
            help="List only instances whose ID sorts after this one (Trove pages in ID order)",
        )
        parser.add_argument(
            "--include-clustered",
            action="store_true",
            help="Include instances that belong to a cluster",
        )
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--all-projects",
            action="store_true",
            help="List the instances of every project (admin only)",
        )
        scope.add_argument(
            "--project",
            metavar="<project>",
            help="List the instances of this project (name or ID; admin only)",
        )
        parser.add_argument(
            "--project-domain",
            metavar="<project-domain>",
            help="Domain the project belongs to (name or ID), if its name is not unique",
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        if args.limit is not None and args.limit < 1:
            raise exceptions.CommandError("--limit must be at least 1.")
        params = {}
        if args.marker:
            params["marker"] = args.marker
        if args.include_clustered:
            params["include_clustered"] = "true"
        admin = args.all_projects or args.project
        if admin:
            project_id = None
            if args.project:
                project_id = self._project_id(args.project, args.project_domain)
            rows = self.trove.instances.list_all_projects(
                limit=args.limit, project_id=project_id, **params
            )
        else:
            rows = self.trove.instances.list(limit=args.limit, detail=True, **params)
        return instance_view.table(rows, with_project=bool(admin))

    def _project_id(self, project, domain):
        from openstackclient.identity import common as identity_common

        identity = self.app.client_manager.identity
        return identity_common.find_project(identity, project, domain).id


class ShowInstance(base.ShowOne):
    __doc__ = f"""Show a database instance.

    Datastore, volume, addresses, access and fault are summarised in tables and
    kept as the server sent them with -f json or yaml. {ADMIN_NOTE}
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_instance_argument(parser)
        return parser

    def take_action(self, parsed_args):
        instances = self.trove.instances
        found = instances.find(parsed_args.instance)
        if "created" not in found:  # a row of the list (found by name): get the details
            found = instances.get(instances.id_of(found))
        return instance_view.show(found)


def _error_after_other_status():
    """Deletes: ERROR fails the wait only if the instance was not in ERROR already."""
    seen = []

    def failed(item):
        seen.append(item.get("status"))
        return seen[-1] == "ERROR" and seen[0] != "ERROR"

    return failed


def wait_until_deleted(command, instance_id, name, timeout):
    instances = command.trove.instances
    wait.wait_for(
        lambda: instances.get(instance_id),
        f"instance {name}",
        lambda item: False,
        _error_after_other_status(),
        until_gone=True,
        timeout=timeout,
        stream=command.app.stderr,
    )


class DeleteInstance(base.Command):
    """Delete one or more database instances.

    Every instance named is tried; each failure is reported and the command then
    exits 1. With --force, the status of each is reset first, so that instances
    stuck in a task (BUILD, RESIZE, ...) or in ERROR can be deleted; the same as
    'database instance force delete' (resetting is for admins under Trove's
    default policy).
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "instances", metavar="<instance>", nargs="+", help="Instance(s) to delete (name or ID)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Reset each instance's status before deleting it",
        )
        wait.add_wait_options(parser, "every instance is gone")
        return parser

    def take_action(self, parsed_args):
        instances = self.trove.instances
        force = getattr(parsed_args, "force", False)

        def delete_one(name):
            def delete(instance_id):
                if force:
                    instances.reset_status(instance_id)
                instances.delete(instance_id)

            instance_id, _ = base.act_on(instances, name, delete)
            return instance_id

        def wait_one(name, instance_id):
            wait_until_deleted(self, instance_id, name, parsed_args.wait_timeout)

        multidelete.delete_each(
            parsed_args.instances,
            delete_one,
            "instance",
            "instances",
            self.app.stderr,
            wait_one if parsed_args.wait else None,
        )


class ForceDeleteInstance(DeleteInstance):
    """Reset the status of database instances, then delete them.

    For instances stuck in a task or in ERROR, which a plain delete refuses.
    Admins only under Trove's default policy.
    """

    def get_parser(self, prog_name):
        parser = base.Command.get_parser(self, prog_name)
        parser.add_argument(
            "instances", metavar="<instance>", nargs="+", help="Instance(s) to delete (name or ID)"
        )
        wait.add_wait_options(parser, "every instance is gone")
        parser.set_defaults(force=True)
        return parser
