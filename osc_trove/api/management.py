"""The operators' routes no other part of the API sends: management (/mgmt)
actions and views of instances and clusters, one member of a cluster, and the
volume types a datastore version allows.

Every /mgmt route is admin only under Trove's default policy (a member gets
401, "User does not have admin privileges"). All of them are in every Trove
release osc-trove supports (21.1.0 and later): docs/trove-releases.md says
which release brought each.
"""

from osc_lib import exceptions

from osc_trove.api.clusters import Clusters
from osc_trove.api.datastores import DatastoreVersions
from osc_trove.api.http import Http
from osc_trove.api.instances import Instances
from osc_trove.api.resource import Resource, pick, unknown
from osc_trove.api.shapes import Callable, Row, Rows


class Management:
    """Management views and actions; the instance and cluster methods take IDs
    (look them up with `instances.act_on` / `clusters.act_on`)."""

    def __init__(self, http: Http, instances: Instances, clusters: Clusters,
                 versions: DatastoreVersions) -> None:
        self.http = http
        self.instances = instances
        self.clusters = clusters
        self.versions = versions

    # --- instances ---------------------------------------------------------

    def stop(self, instance_id: str) -> None:
        """Stop the database service on the instance's guest (its
        operating_status goes to SHUTDOWN; the server keeps running)."""
        self.instances.mgmt_action(instance_id, "stop")

    def migrate(self, instance_id: str, host: str | None = None) -> None:
        """Move the instance's server to another compute host (`host`, or one
        the Compute service picks)."""
        self.instances.mgmt_action(instance_id, "migrate", {"host": host} if host else {})

    def reset_task_status(self, instance_id: str) -> None:
        """Clear the instance's task (and fail its running backups); its
        status is left as it is."""
        self.instances.mgmt_action(instance_id, "reset-task-status")

    def show_instance(self, instance_id: str, deleted: bool = False) -> Row:
        """The management view of an instance (host, task, root history, ...);
        with `deleted`, a deleted instance is shown too."""
        params = {"deleted": "true"} if deleted else None
        return self.http.get(self.instances.mgmt_url(instance_id), params=params)["instance"]

    def deleted_instances(self, limit: int | None = None,
                          project_id: str | None = None) -> Rows:
        """Deleted instances of every project (or of `project_id`), all pages."""
        return self.instances.list_all_projects(limit=limit, project_id=project_id,
                                                deleted="true")

    def find_deleted_instance(self, ref: str) -> Row:
        """The management view of the instance `ref` names, deleted or not:
        an ID is one GET; a name is looked for among deleted instances (one
        list), then that one's GET."""
        return self._find_deleted(self.instances, ref,
                                  lambda found: self.show_instance(found, deleted=True))

    def find_deleted_cluster(self, ref: str) -> Row:
        """The management view of the cluster `ref` names, deleted or not, as
        find_deleted_instance does for instances."""
        return self._find_deleted(self.clusters, ref, self.show_cluster)

    @staticmethod
    def _find_deleted(resource: Resource, ref: str, show: Callable[[str], Row]) -> Row:
        if resource.known_id(ref) is not None:
            try:
                return show(ref)
            except exceptions.NotFound:  # the path names nothing else
                raise unknown(resource.label, ref) from None
        row = pick(ref, resource.list_all_projects(deleted="true"), f"deleted {resource.label}")
        return show(resource.id_of(row))

    def root_history(self, instance_id: str) -> Row:
        """When root was first enabled on the instance and by which user
        ("Never" and "Nobody" when it never was)."""
        return self.http.get(self.instances.mgmt_url(instance_id, "root"))["root_history"]

    def rpc_ping(self, instance_id: str) -> None:
        """Ask the guest agent to answer over RPC; raises (Trove answers 500)
        when it does not within the agent's time-out."""
        # 204 with no body: taken raw, since a GET's answer is otherwise JSON.
        self.http.request("GET", self.instances.mgmt_url(instance_id, "rpc_ping"), raw=True)

    # --- clusters ----------------------------------------------------------

    def list_clusters(self, deleted: bool | None = None) -> list[Row]:
        """Clusters of every project (Trove sends them in one answer); with
        `deleted` True only deleted ones, False only live ones."""
        flag = None if deleted is None else str(deleted).lower()
        return list(self.clusters.list_all_projects(deleted=flag))

    def show_cluster(self, cluster_id: str) -> Row:
        """The management view of a cluster of any project, deleted or not."""
        return self.http.get(self.clusters.mgmt_url(cluster_id))["cluster"]

    def reset_cluster_task(self, cluster_id: str) -> None:
        """Set the cluster's task to NONE (its members are left as they are)."""
        self.http.post(self.clusters.mgmt_url(cluster_id, "action"), {"reset-task": {}})

    def cluster_member(self, cluster_id: str, instance_id: str) -> Row:
        """One member instance as the cluster shows it (GET /clusters/{c}/instances/{i})."""
        return self.http.get(self.clusters.url(cluster_id, "instances", instance_id))["instance"]

    # --- datastore versions ------------------------------------------------

    def version_volume_types(self, version: str, datastore: str | None = None) -> list[Row]:
        """The volume types the datastore version (name or ID, within
        `datastore` when given) allows: every type the cloud has when the
        version names none.

        Trove reads the version in that path as an ID only (a name, or an
        unknown ID, would list every type), so the version is found first.
        """
        if datastore is None and self.versions.known_id(version) is not None:
            try:
                row = self.versions.get(version)
            except exceptions.NotFound:  # the path names nothing else
                raise self.versions.not_found(version) from None
        else:
            row = self.versions.find(version, within=datastore)
        store = row.get("datastore") or datastore
        if not store:
            raise unknown("datastore version", version)
        path = self.versions.within_url(str(store), str(row["id"]), "volume-types")
        return list((self.http.get(path) or {}).get("volume_types") or [])
