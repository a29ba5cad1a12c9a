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
            self.trove.clusters.act_on(parsed_args.cluster, self.trove.mgmt_clusters.reset_task)


class ShowClusterMember(base.ShowOne):
    """Show one member instance of a cluster, as the cluster sees it."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "cluster")
        arguments.add_resource_argument(parser, "member", "Member instance of the cluster")
        return parser

    def take_action(self, parsed_args):
        # A member ID goes straight into the path; a name is picked from the
        # cluster's GET (one request).
        members = self.trove.cluster_members
        _, member = members.act_on(parsed_args.member, members.get, parsed_args.cluster)
        return output.show(member)
