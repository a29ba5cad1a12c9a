"""Backups and backup strategies."""

from osc_trove.api import quirks
from osc_trove.api.resource import Nested, Resource
from osc_trove.api.shapes import Ident, Params, Row


class Backups(Resource):
    """create(name=..., instance=..., description=..., parent_id=...) comes from Resource."""

    path = "/backups"
    singular = "backup"
    plural = "backups"
    label = "backup"
    lookup = "uuid"

    def delete(self, backup_id: Ident) -> None:
        quirks.deleting_backup(self, backup_id, lambda: super(Backups, self).delete(backup_id))


class InstanceBackups(Nested):
    """The backups of one instance: `/instances/{id}/backups` (list only)."""

    sub = "backups"
    plural = "backups"
    singular = "backup"
    label = "backup"


class BackupStrategies(Resource):
    """Where backups go (a Swift container), per project or per instance.

    The collection has no IDs: a strategy is named by project and instance,
    which list and delete take as query parameters.
    """

    path = "/backup_strategies"
    singular = "backup_strategy"
    plural = "backup_strategies"
    label = "backup strategy"

    def list(  # type: ignore[override]  # the collection is unpaged, scoped by query
        self, instance_id: str | None = None, project_id: str | None = None
    ) -> list[Row]:
        body = self.http.get(self.path, params=_scope(instance_id, project_id)) or {}
        return body.get(self.plural) or []

    def delete(  # type: ignore[override]
        self, instance_id: str | None = None, project_id: str | None = None
    ) -> None:
        self.http.delete(self.path, params=_scope(instance_id, project_id))


def _scope(instance_id: str | None, project_id: str | None) -> Params | None:
    params = {k: v for k, v in (("instance_id", instance_id), ("project_id", project_id)) if v}
    return params or None
