"""Clusters: groups of instances of one datastore, managed together."""

from osc_trove.api import quirks
from osc_trove.api.resource import Resource, pick
from osc_trove.api.shapes import Row


class Clusters(Resource):
    """create(name=..., datastore={"type", "version"}, instances=[...], locality=...,
    extended_properties=..., configuration=...), get, list and delete come from Resource.

    Cluster actions are POSTed to the cluster itself (`/clusters/{id}`), not
    to an `/action` path as instance actions are; `action` returns the cluster
    as the server shows it.
    """

    base_path = "/clusters"
    singular = "cluster"
    plural = "clusters"
    label = "cluster"
    lookup = "uuid"
    mgmt_path = "/mgmt/clusters"
    action_path = ""  # actions are POSTed to the cluster itself
    allow_get = allow_list = allow_create = allow_delete = allow_action = allow_find = True

    def grow(self, cluster_id: str, instances: list[Row]) -> Row | None:
        """Add members: `instances` are dicts like create's (flavorRef, volume, ...)."""
        return quirks.growing_cluster(
            self, cluster_id, lambda: self.action(cluster_id, "grow", instances))

    def shrink(self, cluster_id: str, instance_ids: list[str]) -> Row | None:
        return self.action(cluster_id, "shrink", [{"id": i} for i in instance_ids])

    def upgrade(self, cluster_id: str, datastore_version: str) -> Row | None:
        return self.action(cluster_id, "upgrade", {"datastore_version": datastore_version})

    def restart(self, cluster_id: str) -> Row | None:
        return self.action(cluster_id, "restart")

    def attach_configuration(self, cluster_id: str, configuration_id: str) -> Row | None:
        return self.action(cluster_id, "configuration_attach",
                           {"configuration_id": configuration_id})

    def detach_configuration(self, cluster_id: str) -> Row | None:
        return self.action(cluster_id, "configuration_detach")

    def reset_status(self, cluster_id: str) -> Row | None:
        """Set the cluster's task to NONE and reset its members (admin only by default)."""
        return self.action(cluster_id, "reset-status")

    def force_delete(self, cluster_id: str) -> None:
        """Reset the cluster's status, then delete it, whatever it is doing.

        The reset carries `force_delete`, which Trove authorizes as a delete
        (by the owner) rather than as an admin-only status reset.
        """
        self.action(cluster_id, "reset-status", {"force_delete": True})
        self.delete(cluster_id)


class ClusterMembers:
    """The member instances of a cluster, as the cluster's GET lists them.

    `within` is the cluster's name or ID; `cluster`, when given, is that
    cluster as already read (no request then).
    """

    label = "member"

    def __init__(self, clusters: Clusters) -> None:
        self.clusters = clusters

    def list_in(self, within: str, cluster: Row | None = None) -> list[Row]:
        if cluster is None:
            cluster = self.clusters.find(within, needs=("instances",))
        return list(cluster.get("instances") or [])

    def find(self, ref: str, within: str, cluster: Row | None = None) -> Row:
        """The member with the ID `ref`, else the one member named `ref`."""
        return pick(ref, self.list_in(within, cluster), self.label, owner=f"cluster '{within}'")

    def resolve(self, ref: str, within: str, cluster: Row | None = None) -> str:
        return str(self.find(ref, within, cluster)["id"])
