"""Backups and backup strategies."""

import itertools

from osc_trove.api import quirks
from osc_trove.api.resource import Collection, Nested, Resource
from osc_trove.api.shapes import Any, Ident, Params, Rows


class Backups(Resource):
    """create(name=..., instance=..., description=..., parent_id=...) comes from Resource."""

    base_path = "/backups"
    singular = "backup"
    plural = "backups"
    label = "backup"
    lookup = "uuid"
    allow_get = allow_list = allow_create = allow_delete = allow_find = True

    def delete(self, backup_id: Ident) -> None:
        quirks.deleting_backup(self, backup_id, lambda: super(Backups, self).delete(backup_id))


class InstanceBackups(Nested):
    """The backups of one instance: `/instances/{id}/backups` (list only)."""

    base_path = "/instances/%(instance_id)s/backups"
    allow_list = True
    plural = "backups"
    singular = "backup"
    label = "backup"


class BackupStrategies(Collection):
    """Where backups go (a Swift container), per project or per instance.

    The collection has no IDs: a strategy is named by project and instance,
    which list and delete take as query parameters.
    """

    base_path = "/backup_strategies"
    singular = "backup_strategy"
    plural = "backup_strategies"
    label = "backup strategy"
    allow_list = allow_create = allow_delete = True

    def list(self, limit: int | None = None, instance_id: str | None = None,
             project_id: str | None = None, **params: Any) -> Rows:
        """The strategies of the project, or of `instance_id` / `project_id` (one
        request: the collection is not paged)."""
        params = _scope(params, instance_id=instance_id, project_id=project_id)
        body = self.http.get(self.collection_url(), params=params or None) or {}
        return itertools.islice(body.get(self.plural) or [], limit)

    def delete(self, instance_id: str | None = None, project_id: str | None = None) -> None:
        """Delete the strategy of the project, or of `instance_id` / `project_id`."""
        params = _scope({}, instance_id=instance_id, project_id=project_id)
        self.http.delete(self.collection_url(), params=params or None)


def _scope(params: Params, **scope: str | None) -> Params:
    return {**params, **{key: value for key, value in scope.items() if value}}
