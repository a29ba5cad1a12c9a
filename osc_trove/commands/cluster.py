"""openstack database cluster ...: create, list, show, change and delete clusters."""

from osc_lib import exceptions

from osc_trove.cli import arguments, base, refusals, templates, wait
from osc_trove.commands import cluster_spec, cluster_view

IDLE = "the cluster has no task and every member is ACTIVE"


def until_idle(command, cluster_id, subject, timeout, settled=None):
    """--wait of a cluster command: poll until its task is NONE and every member is
    ACTIVE (and `settled(cluster)`, for grow and shrink); a member in ERROR ends
    the wait with that member's fault."""
    trove = command.trove

    def done(cluster):
        return (cluster_view.task_name(cluster) == "NONE" and cluster_view.members(cluster)
                and not cluster_view.pending(cluster) and (settled is None or settled(cluster)))

    return wait.wait_for(
        lambda: trove.clusters.get(cluster_id), subject, done,
        lambda cluster: cluster_view.failed_member(cluster) is not None,
        timeout=timeout, stream=command.app.stderr, **reading(trove),
    )


def reading(trove):
    """wait_for's status_of and fault_of for clusters: the task and pending members;
    the fault of a member in ERROR (one GET of that instance)."""

    def fault_of(cluster):
        member = cluster_view.failed_member(cluster)
        if member is None:
            return None
        try:
            fault = wait.fault_message(trove.instances.get(member["id"]))
        except exceptions.ClientException:
            fault = None
        return f"member {member.get('name')} is ERROR" + (f": {fault}" if fault else "")

    return {"status_of": cluster_view.state, "fault_of": fault_of}


def member_ids(cluster):
    return {m["id"] for m in cluster_view.members(cluster)}


class ClusterAction(templates.Action):
    """Template: an action on one cluster (by name or ID), with --wait when `waits`."""

    resource = "clusters"
    argument = "cluster"
    waits = True

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        if self.waits:
            wait.add_wait_options(parser, IDLE)
        return parser

    def act(self, clusters, cluster_id, parsed_args, prepared):
        settled = self.send(clusters, cluster_id, parsed_args, prepared)
        if self.waits and parsed_args.wait:
            until_idle(self, cluster_id, f"cluster {parsed_args.cluster}",
                       parsed_args.wait_timeout, settled)

    def send(self, clusters, cluster_id, parsed_args, prepared):
        """Send the action; may return a `settled(cluster)` check for --wait."""
        raise NotImplementedError


class CreateCluster(base.ShowOne):
    """Create a database cluster of one datastore version.

    Give each member with --instance. Flavors, modules, networks and the
    configuration group may be given by name or ID. The cluster starts with
    task BUILDING_CLUSTER; use --wait to return once it has no task and every
    member is ACTIVE.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("name", metavar="<name>", help="Name of the cluster")
        parser.add_argument("datastore", metavar="<datastore>",
                            help="Datastore (name or ID), e.g. redis")
        parser.add_argument("datastore_version", metavar="<datastore_version>",
                            help="Datastore version (name or ID), e.g. 7.0")
        cluster_spec.add_instance_option(parser)
        arguments.add_locality_argument(parser, "the members")
        parser.add_argument(
            "--extended-properties", metavar="<key=value[,key=value...]>",
            help="Datastore-specific cluster properties, e.g. for MongoDB: num_configsvr, "
            "num_mongos, configsvr_volume_size, configsvr_volume_type, mongos_volume_size, "
            "mongos_volume_type",
        )
        arguments.hidden(parser, "--extended_properties", dest="extended_properties")
        parser.add_argument("--configuration", metavar="<configuration>",
                            help="Configuration group to attach to the members (name or ID)")
        wait.add_wait_options(parser, IDLE)
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        if not args.instances:
            raise exceptions.CommandError("Give at least one member with --instance.")
        extended = (cluster_spec.parse_extended_properties(args.extended_properties)
                    if args.extended_properties else None)
        trove = self.trove
        fields = {
            "name": args.name,
            "datastore": arguments.datastore_body(args.datastore, args.datastore_version),
            "instances": members_request(self, args.instances),
        }
        if args.locality:
            fields["locality"] = args.locality
        if extended:
            fields["extended_properties"] = extended
        if args.configuration:
            fields["configuration"] = trove.configurations.resolve(args.configuration)
        created = trove.clusters.create(**fields)
        if args.wait:
            created = until_idle(self, created["id"], f"cluster {args.name}", args.wait_timeout)
        return cluster_view.show(created)


def members_request(command, members):
    """The request's member entries, names resolved (networks through the Network service)."""
    return [cluster_spec.member_request(command.trove, command.app, m) for m in members]


class ListClusters(base.Lister):
    """List database clusters (every page unless --limit is given).

    Admins list every project's clusters with --all-projects (a Project ID
    column), and deleted ones with --deleted (a Deleted At column).
    """

    long_columns = cluster_view.LONG_COLUMNS

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_paging_arguments(
            parser, "clusters", "Start after the cluster with this ID (IDs are listed in order)"
        )
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--all-projects", action="store_true",
                           help="List the clusters of every project (admin only)")
        scope.add_argument("--deleted", action="store_true",
                           help="List deleted clusters of every project instead (admin only)")
        return parser

    def take_action(self, parsed_args):
        if parsed_args.all_projects or parsed_args.deleted:
            # Trove's management list comes in one answer, live or deleted.
            with refusals.admin_only("listing the clusters of every project"):
                clusters = list(self.trove.mgmt_clusters.list_deleted() if parsed_args.deleted
                                else self.trove.clusters.list_all_projects())
            return cluster_view.table(clusters[:parsed_args.limit], admin=True,
                                      deleted=parsed_args.deleted)
        clusters = self.trove.clusters.list(limit=parsed_args.limit, marker=parsed_args.marker)
        return cluster_view.table(clusters)


class ShowCluster(base.ShowOne):
    """Show a database cluster: datastore, task, member count, addresses."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "cluster")
        parser.add_argument(
            "--deleted", action="store_true",
            help="Show the cluster even if it was deleted: the management view, with "
            "deleted_at (admin only; a name is looked for among every project's clusters, "
            "deleted ones included)",
        )
        return parser

    def take_action(self, parsed_args):
        if parsed_args.deleted:
            with refusals.admin_only("showing deleted clusters"):
                return cluster_view.show(
                    self.trove.mgmt_clusters.find_even_deleted(parsed_args.cluster))
        return cluster_view.show(self.trove.clusters.find(parsed_args.cluster, needs=("ip",)))


class ListClusterInstances(base.Lister):
    """List the member instances of a cluster, with flavor, volume size and status."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "cluster")
        return parser

    def take_action(self, parsed_args):
        return cluster_view.member_rows(full_cluster(self.trove, parsed_args.cluster))


def full_cluster(trove, name_or_id):
    """The cluster as GET shows it (listed rows lack the members' status and flavor)."""
    return trove.clusters.find(name_or_id, detail=True)


class ListClusterModules(base.Lister):
    """List the modules applied to each member instance of a cluster."""

    aliases = ("database module list cluster",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "cluster")
        return parser

    def take_action(self, parsed_args):
        clusters = self.trove.clusters
        cluster = clusters.find(parsed_args.cluster, needs=("instances",))
        rows = [
            row
            for member in cluster_view.members(cluster)
            # A member is an instance (its ID: the cluster's GET names it).
            for row in cluster_view.module_rows(
                member, self.trove.instance_modules.list(member["id"]))
        ]
        return cluster_view.MODULE_COLUMNS, rows


ListClusterModulesAlias = base.alias_of(ListClusterModules)


class DeleteCluster(templates.DeleteMany):
    """Delete one or more clusters and their members.

    Trove refuses while a cluster is busy with a task; see 'database cluster
    force delete'.
    """

    resource = "clusters"
    argument = "cluster"
    plural = "clusters"

    def failed(self):
        return lambda cluster: cluster_view.failed_member(cluster) is not None

    def reading(self):
        return reading(self.trove)


class ForceDeleteCluster(DeleteCluster):
    """Delete one or more clusters, whatever task they are busy with.

    Each cluster's status is reset, then it is deleted; Trove allows this to
    the cluster's owner.
    """

    def delete(self, clusters, cluster_id, parsed_args):
        clusters.force_delete(cluster_id)


class GrowCluster(ClusterAction):
    """Add members to a cluster (task GROWING_CLUSTER).

    With --wait, returns once the new members exist and are ACTIVE and the
    cluster has no task.
    """

    def add_arguments(self, parser):
        cluster_spec.add_instance_option(parser, grow=True)

    def prepare(self, parsed_args):
        if not parsed_args.instances:
            raise exceptions.CommandError("Give at least one new member with --instance.")
        return members_request(self, parsed_args.instances)

    def send(self, clusters, cluster_id, parsed_args, members):
        unnamed = any(not member.get("name") for member in members)
        cluster = clusters.get(cluster_id) if unnamed or parsed_args.wait else {}
        if unnamed:
            members = cluster_spec.name_new_members(cluster, members)
        before = member_ids(cluster) if parsed_args.wait else set()
        clusters.grow(cluster_id, members)
        return lambda cluster: len(member_ids(cluster) - before) >= len(members)


class ShrinkCluster(base.Command):
    """Remove members from a cluster (task SHRINKING_CLUSTER).

    Members are named by name or ID, within the cluster. With --wait, returns
    once they are gone and the cluster has no task.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "cluster")
        parser.add_argument("members", metavar="<instance>", nargs="+",
                            help="Member to remove (name or ID); give several to remove several")
        wait.add_wait_options(parser, "the members are gone and " + IDLE)
        return parser

    def take_action(self, parsed_args):
        clusters = self.trove.clusters
        cluster = clusters.find(parsed_args.cluster, needs=("instances",))
        cluster_id = clusters.id_of(cluster)
        members = self.trove.cluster_members
        removed = [members.resolve(m, parsed_args.cluster, cluster) for m in parsed_args.members]
        clusters.shrink(cluster_id, removed)
        if parsed_args.wait:
            until_idle(self, cluster_id, f"cluster {parsed_args.cluster}",
                       parsed_args.wait_timeout,
                       lambda now: not member_ids(now) & set(removed))


class UpgradeCluster(ClusterAction):
    """Upgrade a cluster to another version of its datastore (task UPGRADING_CLUSTER).

    Trove upgrades the members one after another.
    """

    def add_arguments(self, parser):
        parser.add_argument(
            "datastore_version", metavar="<datastore_version>",
            help="Datastore version to upgrade to (name or ID, of the cluster's datastore)",
        )

    def send(self, clusters, cluster_id, parsed_args, prepared):
        clusters.upgrade(cluster_id, parsed_args.datastore_version)


class RestartCluster(ClusterAction):
    """Restart the database service of every member of a cluster (task RESTARTING_CLUSTER).

    Trove restarts the members one after another.
    """

    def send(self, clusters, cluster_id, parsed_args, prepared):
        clusters.restart(cluster_id)


class ResetClusterStatus(ClusterAction):
    """Reset a cluster stuck in a task: its task becomes NONE, its members' too.

    Admins only under Trove's default policy.
    """

    waits = False

    def send(self, clusters, cluster_id, parsed_args, prepared):
        clusters.reset_status(cluster_id)


class SetCluster(ClusterAction):
    """Attach a configuration group to every member of a cluster.

    Trove applies it member by member before it answers.
    """

    waits = False

    def add_arguments(self, parser):
        parser.add_argument("--configuration", metavar="<configuration>",
                            help="Configuration group to attach (name or ID)")

    def prepare(self, parsed_args):
        if not parsed_args.configuration:
            raise exceptions.CommandError("Nothing to set: give --configuration.")
        return self.trove.configurations.resolve(parsed_args.configuration)

    def send(self, clusters, cluster_id, parsed_args, configuration_id):
        clusters.attach_configuration(cluster_id, configuration_id)


class UnsetCluster(ClusterAction):
    """Detach the configuration group from every member of a cluster."""

    waits = False

    def add_arguments(self, parser):
        parser.add_argument("--configuration", action="store_true",
                            help="Detach the cluster's configuration group")

    def prepare(self, parsed_args):
        if not parsed_args.configuration:
            raise exceptions.CommandError("Nothing to unset: give --configuration.")

    def send(self, clusters, cluster_id, parsed_args, prepared):
        clusters.detach_configuration(cluster_id)
