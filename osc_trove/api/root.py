"""The root (superuser) account of an instance's or a cluster's database."""

from typing import ClassVar

from osc_trove.api.resource import Attached
from osc_trove.api.shapes import Ident, Row


class Root(Attached):
    """Enabling root is Trove's POST to .../root, asking about it its GET, and
    disabling it its DELETE."""

    methods: ClassVar[dict[str, tuple[str, ...]]] = {
        "get": ("get", "is_enabled"), "create": ("create", "enable"),
        "delete": ("delete", "disable")}
    label = "root user"

    def enable(self, target_id: Ident, password: str | None = None) -> Row:
        """Enable root (or reset its password); returns {"name": "root", "password": ...}."""
        fields = {"password": password} if password else {}
        return self.create(target_id, **fields)["user"]

    def is_enabled(self, target_id: Ident) -> bool:
        return bool(self.get(target_id)["rootEnabled"])

    def disable(self, target_id: Ident) -> None:
        self.delete(target_id)


class InstanceRoot(Root):
    base_path = "/instances/%(instance_id)s/root"
    allow_get = allow_create = allow_delete = True


class ClusterRoot(Root):
    """Trove has no DELETE of a cluster's root: it is disabled on instances only."""

    base_path = "/clusters/%(cluster_id)s/root"
    allow_get = allow_create = True
