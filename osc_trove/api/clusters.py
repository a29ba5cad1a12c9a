"""Clusters: groups of instances of one datastore, managed together."""

from osc_trove.api import quirks
from osc_trove.api.resource import Resource, segment
from osc_trove.api.shapes import Any, Row


class Clusters(Resource):
    """create(name=..., datastore={"type", "version"}, instances=[...], locality=...,
    extended_properties=..., configuration=...), get, list and delete come from Resource.

    Cluster actions are POSTed to the cluster itself (`/clusters/{id}`), not
    to an `/action` path as instance actions are.
    """

    path = "/clusters"
    singular = "cluster"
    plural = "clusters"
    label = "cluster"
    lookup = "uuid"

    def action(  # type: ignore[override]  # clusters take the action's body whole
        self, cluster_id: str, name: str, args: Any = None
    ) -> Row | None:
        """POST /clusters/{id} {name: args}; returns the cluster as the server shows it."""
        answer = self.http.post(self.url(cluster_id), {name: {} if args is None else args})
        return (answer or {}).get(self.singular)

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

    def member_modules(self, instance_id: str) -> list[Row]:
        """The modules Trove records as applied to one member instance."""
        body = self.http.get(f"/instances/{segment(instance_id)}/modules") or {}
        return body.get("modules") or []
