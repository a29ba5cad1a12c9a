"""Trove's management (/mgmt) views of instances and clusters: every project's
rows, deleted ones included, and the operators' actions on them.

Every /mgmt route is admin only under Trove's default policy (a member gets
401, "User does not have admin privileges"). All of them are in every Trove
release osc-trove supports (21.1.0 and later): docs/trove-releases.md says
which release brought each.

Their methods take IDs: look a resource up with `instances.act_on` /
`clusters.act_on` (a name there is the caller's project's, or for an admin
any project's), then act here.
"""

from typing import ClassVar

from osc_lib import exceptions

from osc_trove.api.clusters import Clusters
from osc_trove.api.instances import Instances
from osc_trove.api.resource import Resource
from osc_trove.api.shapes import Ident, Row, Rows


class MgmtResource(Resource):
    """A management collection: GET lists every project's rows (live and
    deleted unless `deleted` says which), GET of an item shows it with what
    only admins see (host, server, task), POST .../action acts on it.

    Deleted rows are listed and found the same way for every kind
    (`list_deleted`, `find_even_deleted`); `shows_deleted` is what the item's GET
    needs in its query to show a deleted one.
    """

    methods: ClassVar[dict[str, tuple[str, ...]]] = {
        **Resource.methods,
        "list": ("list", "list_deleted"),
        "get": ("get", "find_even_deleted"),
    }
    lookup = "uuid"
    shows_deleted: ClassVar[dict[str, str]] = {}

    def list_deleted(self, limit: int | None = None, project_id: str | None = None) -> Rows:
        """Deleted rows of every project (or of `project_id`), all pages."""
        return self.list(limit=limit, deleted="true", project_id=project_id)

    def find_even_deleted(self, ref: str) -> Row:
        """The management view of the row `ref` names, deleted or not: an ID is
        one GET; a name is looked for among every project's rows, deleted ones
        included (one list), then that one's GET."""
        if self.known_id(ref) is not None:
            try:
                return self.get(ref, **self.shows_deleted)
            except exceptions.NotFound:  # the path names nothing else
                raise self.not_found(ref) from None
        # No `deleted` in the query: Trove's management lists then hold both.
        row = self.pick(ref, self.list())
        return self.get(self.id_of(row), **self.shows_deleted)


class MgmtInstances(MgmtResource):
    """/mgmt/instances: every project's instances, and the operators' actions
    (stop, migrate, reset task, reboot, rebuild), root history and RPC ping."""

    # The management collection is Instances' own (its lookup across projects
    # lists it): the path is written there once.
    base_path = mgmt_path = Instances.mgmt_path
    singular = "instance"
    plural = "instances"
    label = "instance"
    # Trove's management GET of an instance hides a deleted one unless told.
    shows_deleted: ClassVar[dict[str, str]] = {"deleted": "true"}
    allow_get = allow_list = allow_action = True

    def stop(self, instance_id: Ident) -> None:
        """Stop the database service on the instance's guest (its
        operating_status goes to SHUTDOWN; the server keeps running)."""
        self.action(instance_id, "stop")

    def migrate(self, instance_id: Ident, host: str | None = None) -> None:
        """Move the instance's server to another compute host (`host`, or one
        the Compute service picks)."""
        self.action(instance_id, "migrate", {"host": host} if host else {})

    def reset_task_status(self, instance_id: Ident) -> None:
        """Clear the instance's task (and fail its running backups); its
        status is left as it is."""
        self.action(instance_id, "reset-task-status")

    def reboot(self, instance_id: Ident) -> None:
        """Reboot the instance's server, the database stopped first."""
        self.action(instance_id, "reboot")

    def rebuild(self, instance_id: Ident, image_id: str) -> None:
        """Rebuild the instance's server from the image `image_id` (its volume kept)."""
        self.action(instance_id, "rebuild", {"image_id": image_id})

    def root_history(self, instance_id: Ident) -> Row:
        """When root was first enabled on the instance and by which user
        ("Never" and "Nobody" when it never was)."""
        return self.http.get(self.url(instance_id, "root"))["root_history"]

    def rpc_ping(self, instance_id: Ident) -> None:
        """Ask the guest agent to answer over RPC; raises (Trove answers 400 or
        500) when it does not within the agent's time-out."""
        # 204 with no body: taken raw, since a GET's answer is otherwise JSON.
        self.http.request("GET", self.url(instance_id, "rpc_ping"), raw=True)


class MgmtClusters(MgmtResource):
    """/mgmt/clusters: every project's clusters (in one answer: Trove does not
    page them), and resetting a cluster's task."""

    base_path = mgmt_path = Clusters.mgmt_path  # written once, as for instances
    singular = "cluster"
    plural = "clusters"
    label = "cluster"
    # Trove's management GET of a cluster shows a deleted one as it is.
    shows_deleted: ClassVar[dict[str, str]] = {}
    allow_get = allow_list = allow_action = True

    def reset_task(self, cluster_id: Ident) -> None:
        """Set the cluster's task to NONE (its members are left as they are)."""
        self.action(cluster_id, "reset-task")
