"""Database instances: CRUD, actions and SSL (the operators' actions, reboot and
rebuild among them, are management.MgmtInstances')."""

from osc_trove.api.resource import Resource
from osc_trove.api.shapes import Any, Row, Rows


class Instances(Resource):
    base_path = "/instances"
    singular = "instance"
    plural = "instances"
    label = "instance"
    lookup = "uuid"
    mgmt_path = "/mgmt/instances"  # management.MgmtInstances describes it
    allow_get = allow_list = allow_create = allow_update = allow_patch = allow_delete = True
    allow_action = allow_find = True

    # create(name=..., flavorRef=..., volume=...), update (PUT: name, configuration,
    # access, replica_of: one attribute besides the name), patch (PATCH: name,
    # replica_of, configuration, datastore_version), delete and action come
    # from Resource.

    def list(self, limit: int | None = None, detail: bool = False, **params: Any) -> Rows:
        """Every instance of the project (all pages); `detail` adds fault, created, updated."""
        path = self.url("detail") if detail else self.collection_url()
        return self.http.paginate(path, self.plural, params=params, limit=limit)

    def default_configuration(self, instance_id: str) -> Row:
        """The configuration the instance's datastore would use without a group."""
        return self.http.get(self.url(instance_id, "configuration"))["instance"]["configuration"]

    def detach_replica(self, instance_id: str) -> None:
        self.patch(instance_id, replica_of=None)

    def upgrade(self, instance_id: str, datastore_version: str) -> None:
        self.patch(instance_id, datastore_version=datastore_version)

    def restart(self, instance_id: str) -> None:
        self.action(instance_id, "restart")

    def resize_flavor(self, instance_id: str, flavor_id: str) -> None:
        self.action(instance_id, "resize", {"flavorRef": flavor_id})

    def resize_volume(self, instance_id: str, size: int) -> None:
        self.action(instance_id, "resize", {"volume": {"size": size}})

    def reset_status(self, instance_id: str) -> None:
        self.action(instance_id, "reset_status")

    def promote_to_replica_source(self, instance_id: str) -> None:
        self.action(instance_id, "promote_to_replica_source")

    def eject_replica_source(self, instance_id: str) -> None:
        self.action(instance_id, "eject_replica_source")
