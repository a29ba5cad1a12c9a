"""Quotas of a project (/mgmt/quotas/{project})."""

from osc_trove.api.resource import Resource
from osc_trove.api.shapes import Any

# The resources Trove counts against quotas.
RESOURCES = ("instances", "ram", "volumes", "backups")
UNLIMITED = -1


class Quotas(Resource):
    base_path = "/mgmt/quotas"
    singular = "quotas"
    label = "quota"
    # Per project only: Trove has no list, create or delete of quotas.
    allow_get = allow_update = True

    def show(self, project_id: str) -> Any:
        """One row per resource: resource, in_use, reserved, limit."""
        return self.get(project_id)

    def set(self, project_id: str, limits: dict[str, int]) -> dict[str, int]:
        """Set the limits of several resources at once; returns {resource: limit}."""
        return self.update(project_id, **limits)[self.singular]
