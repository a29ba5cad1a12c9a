"""The root (superuser) account of an instance's or a cluster's database."""

from osc_trove.api.http import Http
from osc_trove.api.resource import expand
from osc_trove.api.shapes import Row

KINDS = ("instances", "clusters")


class Root:
    """`kind` is "instances" or "clusters"; the Trove API disables root on instances only."""

    base_path = "/%(kind)s/%(target_id)s/root"

    def __init__(self, http: Http) -> None:
        self.http = http

    def _path(self, kind: str, target_id: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        return expand(self.base_path, kind=kind, target_id=target_id)

    def enable(self, kind: str, target_id: str, password: str | None = None) -> Row:
        """Enable root (or reset its password); returns {"name": "root", "password": ...}."""
        body = {"password": password} if password else None
        return self.http.post(self._path(kind, target_id), body)["user"]

    def is_enabled(self, kind: str, target_id: str) -> bool:
        return bool(self.http.get(self._path(kind, target_id))["rootEnabled"])

    def disable(self, instance_id: str) -> None:
        self.http.delete(self._path("instances", instance_id))
