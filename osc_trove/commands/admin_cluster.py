"""Cluster commands beside the owner's: reset task (admin only, on Trove's
management route) and one member's view."""

from osc_trove.cli import arguments, base, output, refusals


class ResetClusterTask(base.Command):
    """Clear a cluster's task, leaving its members as they are (admin only).

    For a cluster stuck in a task whose work is known to be over. 'database
    cluster reset status' also resets every member's status.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "cluster")
        return parser

    def take_action(self, parsed_args):
        with refusals.admin_only(f"resetting the task of cluster '{parsed_args.cluster}'"):
            self.trove.clusters.act_on(parsed_args.cluster,
                                       self.trove.management.reset_cluster_task)


class ShowClusterMember(base.ShowOne):
    """Show one member instance of a cluster, as the cluster sees it."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "cluster")
        arguments.add_resource_argument(parser, "member", "Member instance of the cluster")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove

        def show(cluster_id):
            # A member ID goes straight into the path; a name is picked from the
            # cluster's GET (one request).
            member = parsed_args.member
            if trove.instances.known_id(member) is None:
                member = trove.cluster_members.resolve(
                    member, parsed_args.cluster, cluster=trove.clusters.get(cluster_id))
            return trove.management.cluster_member(cluster_id, member)

        _, member = trove.clusters.act_on(parsed_args.cluster, show)
        return output.show(member)
