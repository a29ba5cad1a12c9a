"""Changing a database instance: update, restart, resize, upgrade, reboot, rebuild,
reset status, and the replica actions (detach, promote, eject)."""

from osc_lib import exceptions

from osc_trove.api import quirks
from osc_trove.cli import arguments, base, other_services, templates, wait

WAITS = ("ACTIVE",)
_FAULT = f"a fault of Trove {quirks.GROUP_DETACHING_RELEASES}"


def keeping_configuration(command, instance_id, change, attach_again=True, current=None):
    """Run `change()` so that the instance keeps its configuration group
    (quirks.keeping_configuration: some Trove releases detach it), saying on
    stderr what Trove did and what osc-trove did about it; return its answer.

    The group is attached again once the instance is ACTIVE, with the wait's
    progress on stderr; after an upgrade (`attach_again=False`) it is only
    reported, with the command that attaches a group.
    """
    instances = command.trove.instances
    stderr = command.app.stderr
    subject = f"instance {instance_id}"

    def on_detached(group):
        stderr.write(f"{_detached(instance_id, group)}; attaching it again.\n")

    try:
        with wait.shown(subject, stderr, show=wait.show_command(subject)) as progress:
            kept = quirks.keeping_configuration(
                instances, instance_id, change, attach_again, current=current,
                on_detached=on_detached, progress=progress)
    except quirks.GroupNotAttachedAgain as err:
        raise exceptions.CommandError(
            f"{err}; once the instance is ACTIVE, run {_attach(instance_id, err.group)}."
        ) from None
    if kept.answered_error is not None:
        stderr.write(
            f"Trove answered HTTP {kept.answered_error} ({_FAULT}), but the change is under "
            f"way and instance {instance_id} keeps its configuration group.\n"
        )
    elif kept.detached and not kept.attached_again:
        stderr.write(f"{_detached(instance_id, kept.detached)}; attach a group for the new "
                     f"version with {_attach(instance_id, kept.detached)}.\n")
    return kept.answer


def _detached(instance_id, group):
    return (f"Trove detached configuration group '{group.get('name') or group['id']}' "
            f"from instance {instance_id} ({_FAULT})")


def _attach(instance_id, group):
    return f"'openstack database configuration attach {instance_id} {group['id']}'"


class UpdateInstance(base.Command):
    """Update a database instance's name, configuration group, replication or access.

    Trove changes one attribute besides the name per request: give --name with
    at most one of --configuration, --remove-configuration,
    --detach-replica-source, or the access options (--is-public, --is-private,
    --allowed-cidr). Access options left out keep their current values.
    """

    aliases = ("database instance set",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument("--name", metavar="<name>", help="New name of the instance")
        config = parser.add_mutually_exclusive_group()
        config.add_argument(
            "--configuration",
            metavar="<configuration>",
            help="Attach this configuration group (name or ID)",
        )
        config.add_argument(
            "--remove-configuration",
            action="store_true",
            help="Detach the instance's configuration group",
        )
        parser.add_argument(
            "--detach-replica-source",
            action="store_true",
            help="Detach this replica from its source: it becomes a standalone instance",
        )
        # python-troveclient's spellings.
        arguments.hidden(parser, "--detach_replica_source", dest="detach_replica_source",
                      action="store_true")
        arguments.hidden(parser, "--remove_configuration", dest="remove_configuration",
                      action="store_true")
        public = parser.add_mutually_exclusive_group()
        public.add_argument(
            "--is-public",
            action="store_true",
            default=None,
            help="Expose the database service on a public address",
        )
        public.add_argument(
            "--is-private",
            dest="is_public",
            action="store_false",
            help="Stop exposing the database service publicly",
        )
        parser.add_argument(
            "--allowed-cidr",
            metavar="<cidr>",
            action="append",
            help="Only let clients from this CIDR connect; repeat for several "
            "(replaces the current list)",
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        access = args.is_public is not None or args.allowed_cidr is not None
        changes = [
            option
            for option, given in (
                ("--configuration", args.configuration),
                ("--remove-configuration", args.remove_configuration),
                ("--detach-replica-source", args.detach_replica_source),
                ("the access options", access),
            )
            if given
        ]
        if not changes and args.name is None:
            raise exceptions.CommandError(
                "Nothing to update: give --name, --configuration, --remove-configuration, "
                "--detach-replica-source, --is-public, --is-private or --allowed-cidr."
            )
        if len(changes) > 1:
            raise exceptions.CommandError(
                f"Trove updates one attribute at a time (besides the name): "
                f"{' and '.join(changes)} need separate commands."
            )
        if args.name == "":
            raise exceptions.CommandError("--name cannot be empty.")
        instances = self.trove.instances
        fields = {}
        if args.name is not None:
            fields["name"] = args.name
        if args.configuration:
            fields["configuration"] = self.trove.configurations.resolve(args.configuration)
        if args.remove_configuration:
            fields["configuration"] = None

        def update(instance_id, current=None):
            if "configuration" in fields:
                return instances.update(instance_id, **fields)
            return keeping_configuration(
                self, instance_id, lambda: instances.update(instance_id, **fields),
                current=current,
            )

        if args.detach_replica_source:
            fields["replica_of"] = None
        if access:
            # The server resets what the request leaves out: start from the current values.
            # (A GET answers with `configuration` when a group is attached: see update().)
            found = instances.find(args.instance, needs=("access", "configuration"))
            current = found.get("access") or {}
            new = {"is_public": bool(current.get("is_public"))}
            if current.get("allowed_cidrs"):
                new["allowed_cidrs"] = current["allowed_cidrs"]
            if args.is_public is not None:
                new["is_public"] = args.is_public
            if args.allowed_cidr is not None:
                new["allowed_cidrs"] = args.allowed_cidr
            fields["access"] = new
            update(instances.id_of(found), current=found)
            return
        instances.act_on(args.instance, update)


class RestartInstance(templates.Action):
    """Restart the database service of an instance (status REBOOT, then ACTIVE)."""

    wait_statuses = WAITS

    def act(self, instances, instance_id, parsed_args, prepared):
        instances.restart(instance_id)


class ResizeInstanceFlavor(templates.Action):
    """Move an instance to another flavor (status RESIZE, then ACTIVE)."""

    aliases = ("database instance resize",)
    wait_statuses = WAITS

    def add_arguments(self, parser):
        parser.add_argument("flavor", metavar="<flavor>", help="New flavor (name or ID)")

    def prepare(self, parsed_args):
        return self.trove.flavors.resolve(parsed_args.flavor)

    def act(self, instances, instance_id, parsed_args, flavor_id):
        instances.resize_flavor(instance_id, flavor_id)


class ResizeInstanceVolume(templates.Action):
    """Grow an instance's volume (status RESIZE, then ACTIVE); volumes cannot shrink."""

    aliases = ("database instance volume resize",)
    wait_statuses = WAITS

    def add_arguments(self, parser):
        parser.add_argument(
            "size", metavar="<size>", type=arguments.positive_int, help="New volume size in GB"
        )

    def act(self, instances, instance_id, parsed_args, prepared):
        instances.resize_volume(instance_id, parsed_args.size)


class UpgradeInstance(templates.Action):
    """Upgrade an instance to another version of its datastore (status UPGRADE, then ACTIVE)."""

    wait_statuses = WAITS

    def add_arguments(self, parser):
        parser.add_argument(
            "datastore_version",
            metavar="<datastore_version>",
            help="Datastore version to upgrade to (name or ID, of the instance's datastore)",
        )

    def act(self, instances, instance_id, parsed_args, prepared):
        keeping_configuration(
            self, instance_id,
            lambda: instances.upgrade(instance_id, parsed_args.datastore_version),
            attach_again=False,
        )


class ResetInstanceStatus(templates.Action):
    """Reset an instance's status: clear its current task and mark running backups FAILED.

    Use it for instances stuck in a task, before deleting or retrying; the
    status then follows what the guest reports. Admins only under Trove's
    default policy.
    """

    def act(self, instances, instance_id, parsed_args, prepared):
        instances.reset_status(instance_id)


class RebootInstance(templates.Action):
    """Reboot an instance's server, stopping the database first (admin only)."""

    wait_statuses = WAITS

    def act(self, instances, instance_id, parsed_args, prepared):
        self.trove.mgmt_instances.reboot(instance_id)


class RebuildInstance(templates.Action):
    """Rebuild an instance's server from a new guest image (admin only).

    Mainly for Trove upgrades; the data on the volume is kept.
    """

    wait_statuses = WAITS

    def add_arguments(self, parser):
        parser.add_argument("image", metavar="<image>", help="Guest image (name or ID)")

    def prepare(self, parsed_args):
        return other_services.image_id(self.app, parsed_args.image)

    def act(self, instances, instance_id, parsed_args, image_id):
        self.trove.mgmt_instances.rebuild(instance_id, image_id)


class DetachInstance(templates.Action):
    """Detach a replica from its replication source: it becomes a standalone instance."""

    aliases = ("database replica unset", "database instance detach replica")
    wait_statuses = WAITS
    wait_target = "the instance shows no replication source (replica_of) and is ACTIVE"

    @staticmethod
    def settled(instance):
        return not instance.get("replica_of")

    def act(self, instances, instance_id, parsed_args, prepared):
        keeping_configuration(self, instance_id, lambda: instances.detach_replica(instance_id))


class PromoteInstance(templates.Action):
    """Promote a replica to be the replication source, while the source still works.

    Every instance of the replication set goes to PROMOTE, then ACTIVE.
    """

    aliases = ("database instance promote to replica source",)

    wait_statuses = WAITS

    def act(self, instances, instance_id, parsed_args, prepared):
        instances.promote_to_replica_source(instance_id)


class EjectInstance(templates.Action):
    """Eject a failed replication source; the most current replica becomes the source.

    Only for a source that has stopped answering (no heartbeat); every instance
    of the set goes to EJECT, then ACTIVE.
    """

    aliases = ("database instance eject replica source",)

    wait_statuses = WAITS

    def act(self, instances, instance_id, parsed_args, prepared):
        instances.eject_replica_source(instance_id)


UpdateInstanceAlias = base.alias_of(UpdateInstance)
ResizeInstanceFlavorAlias = base.alias_of(ResizeInstanceFlavor)
ResizeInstanceVolumeAlias = base.alias_of(ResizeInstanceVolume)
DetachInstanceAlias = base.alias_of(DetachInstance)
PromoteInstanceAlias = base.alias_of(PromoteInstance)
EjectInstanceAlias = base.alias_of(EjectInstance)
