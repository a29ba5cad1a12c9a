"""Clusters: groups of instances of one datastore, managed together."""

from typing import TypeVar

from osc_trove.api import quirks
from osc_trove.api.resource import Nested, Resource, looks_like_uuid, pick
from osc_trove.api.shapes import Callable, Row, RowList

T = TypeVar("T")


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
    mgmt_path = "/mgmt/clusters"  # management.MgmtClusters describes it
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


class ClusterMembers(Nested):
    """The member instances of a cluster: GET /clusters/{c}/instances/{i} shows
    one as the cluster sees it (`get`, `act_on`).

    Trove has no list route there: the members are read from the cluster's
    GET (`members`), and `find` and `resolve` pick among them by name or ID.
    `within` is the cluster's name or ID; `cluster`, when given, is that
    cluster as already read (no request then).
    """

    base_path = "/clusters/%(cluster_id)s/instances"
    singular = "instance"
    label = "member"
    allow_get = allow_find = True

    def known_id(self, ref: str) -> str | None:
        """A member's ID `ref` gives without a request (members are instances:
        their IDs are UUIDs), or None (a name)."""
        return ref if looks_like_uuid(ref) else None

    def members(self, within: str, cluster: Row | None = None) -> RowList:
        """The members of the cluster `within`, as its GET lists them."""
        if cluster is None:
            cluster = self.parent.find(within, needs=("instances",))
        return list(cluster.get("instances") or [])

    def find(self, ref: str, within: str, cluster: Row | None = None) -> Row:
        """The member with the ID `ref`, else the one member named `ref`, as the
        cluster's GET lists it."""
        return pick(ref, self.members(within, cluster), self.label,
                    owner=f"{self.parent.label} '{within}'")

    def resolve(self, ref: str, within: str, cluster: Row | None = None) -> str:
        return str(self.find(ref, within, cluster)["id"])

    def act_on(self, ref: str, action: Callable[..., T],
               within: str | None = None) -> tuple[str, T]:
        """Run `action(cluster ID, member ID)` on the member `ref` of the cluster
        `within`: (cluster ID, the answer). A member ID goes straight into the
        path; a name is picked from the cluster's GET (one request more)."""
        if within is None:
            raise TypeError(f"a {self.label} belongs to a {self.parent.label}: within names it")

        def in_cluster(cluster_id: str) -> T:
            member = self.known_id(ref)
            if member is None:
                member = self.resolve(ref, within, cluster=self.parent.get(cluster_id))
            return action(cluster_id, member)

        return self.act_in(within, in_cluster)
