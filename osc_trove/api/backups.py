"""Backups and backup strategies."""

from osc_trove.api.resource import Resource, segment


class Backups(Resource):
    path = "/backups"
    singular = "backup"
    plural = "backups"
    label = "backup"
    lookup = "uuid"

    def create(self, name, instance_id, **fields):
        """POST /backups: `fields` are more `backup` keys (description, parent_id, ...)."""
        body = {"backup": {"name": name, "instance": instance_id, **fields}}
        return self.http.post(self.path, body)[self.singular]

    def list(self, limit=None, **params):
        """Every backup (all pages); params: instance_id, datastore, all_projects, marker."""
        return self.http.paginate(self.path, self.plural, params=params, limit=limit)

    def list_for_instance(self, instance_id, limit=None, **params):
        """GET /instances/{id}/backups, all pages."""
        path = f"/instances/{segment(instance_id)}/backups"
        return self.http.paginate(path, self.plural, params=params, limit=limit)

    def delete(self, backup_id):
        self.http.delete(self.url(backup_id))


class BackupStrategies:
    """Where backups go (a Swift container), per project or per instance.

    The collection has no IDs: a strategy is named by project and instance.
    """

    path = "/backup_strategies"

    def __init__(self, http):
        self.http = http

    def create(self, swift_container, instance_id=None):
        body = {"swift_container": swift_container}
        if instance_id:
            body["instance_id"] = instance_id
        return self.http.post(self.path, {"backup_strategy": body})["backup_strategy"]

    def list(self, instance_id=None, project_id=None):
        params = {k: v for k, v in (("instance_id", instance_id), ("project_id", project_id)) if v}
        return (self.http.get(self.path, params=params or None) or {}).get(
            "backup_strategies"
        ) or []

    def delete(self, instance_id=None, project_id=None):
        params = {k: v for k, v in (("instance_id", instance_id), ("project_id", project_id)) if v}
        self.http.delete(self.path, params=params or None)
