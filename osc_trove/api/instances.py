"""Database instances: CRUD, actions, admin (mgmt) actions and SSL."""

from osc_trove.api.resource import Resource, segment


class Instances(Resource):
    path = "/instances"
    singular = "instance"
    plural = "instances"
    label = "instance"
    lookup = "uuid"
    mgmt_path = "/mgmt/instances"

    def create(self, name, **fields):
        """POST /instances: `fields` are the request's `instance` keys (flavorRef, volume, ...)."""
        body = {"instance": {"name": name, **fields}}
        return self.http.post(self.path, body)[self.singular]

    def list(self, limit=None, detail=False, **params):
        """Every instance of the project (all pages); `detail` adds fault, created, updated."""
        path = self.path + "/detail" if detail else self.path
        return self.http.paginate(path, self.plural, params=params, limit=limit)

    def list_all_projects(self, limit=None, project_id=None, **params):
        """Admin only: instances of every project, or of `project_id` only."""
        if project_id:
            params["project_id"] = project_id
        return self.http.paginate(self.mgmt_path, self.plural, params=params, limit=limit)

    def delete(self, instance_id):
        self.http.delete(self.url(instance_id))

    def update(self, instance_id, **fields):
        """PUT: name, configuration, access, replica_of (one attribute besides the name)."""
        self.http.put(self.url(instance_id), {"instance": fields})

    def edit(self, instance_id, **fields):
        """PATCH: name, replica_of, configuration, datastore_version."""
        self.http.patch(self.url(instance_id), {"instance": fields})

    def detach_replica(self, instance_id):
        self.edit(instance_id, replica_of=None)

    def upgrade(self, instance_id, datastore_version):
        self.edit(instance_id, datastore_version=datastore_version)

    def action(self, instance_id, name, **args):
        """POST /instances/{id}/action {name: args}."""
        self.http.post(self.url(instance_id, "action"), {name: args})

    def restart(self, instance_id):
        self.action(instance_id, "restart")

    def resize_flavor(self, instance_id, flavor_id):
        self.action(instance_id, "resize", flavorRef=flavor_id)

    def resize_volume(self, instance_id, size):
        self.action(instance_id, "resize", volume={"size": size})

    def reset_status(self, instance_id):
        self.action(instance_id, "reset_status")

    def promote_to_replica_source(self, instance_id):
        self.action(instance_id, "promote_to_replica_source")

    def eject_replica_source(self, instance_id):
        self.action(instance_id, "eject_replica_source")

    def mgmt_action(self, instance_id, name, **args):
        """Admin only: POST /mgmt/instances/{id}/action {name: args}."""
        self.http.post(f"{self.mgmt_path}/{segment(instance_id)}/action", {name: args})

    def reboot(self, instance_id):
        self.mgmt_action(instance_id, "reboot")

    def rebuild(self, instance_id, image_id):
        self.mgmt_action(instance_id, "rebuild", image_id=image_id)

    def ssl_show(self, instance_id, include_certificate=False):
        params = {"include_certificate": "true"} if include_certificate else None
        return self.http.get(self.url(instance_id, "ssl"), params=params)["ssl"]

    def ssl_action(self, instance_id, **ssl):
        """POST .../ssl: enable (container_ref, password_ref, mode), disable or rollback."""
        return (self.http.post(self.url(instance_id, "ssl"), {"ssl": ssl}) or {}).get("ssl", {})
