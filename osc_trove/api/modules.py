"""Modules: files that Trove's guest agent applies on instances, and their use by instances."""

from osc_trove.api import quirks
from osc_trove.api.resource import Nested, Resource
from osc_trove.api.shapes import Any, Names, Params, Row, RowList, Rows


class Modules(Resource):
    """create(name=..., module_type=..., contents=<base64>, ...) and update come from Resource."""

    base_path = "/modules"
    singular = "module"
    plural = "modules"
    label = "module"
    lookup = "uuid"
    allow_get = allow_list = allow_create = allow_update = allow_delete = allow_find = True

    def list(self, limit: int | None = None, *, datastore: str | None = None,
             **params: Any) -> Rows:
        """Every module (the server sends them in one answer); `datastore` may be "all"."""
        if datastore:
            params["datastore"] = datastore
        return quirks.listing_modules(super().list(limit=limit, **params))

    def instances(self, module_id: str, limit: int | None = None,
                  include_clustered: bool = False, marker: str | None = None) -> Rows:
        """The instances the module is applied to (every page)."""
        params: Params = {"include_clustered": "true"} if include_clustered else {}
        if marker:
            params["marker"] = marker
        return self.http.paginate(self.url(module_id, "instances"), "instances", params, limit)

    def instance_count(self, module_id: str, include_clustered: bool = False) -> RowList:
        """One row per MD5 the module was applied with: how many instances have it."""
        params = {"count_only": "true"}
        if include_clustered:
            params["include_clustered"] = "true"
        return self.http.get(self.url(module_id, "instances"), params=params)["instances"]

    def reapply(self, module_id: str, **options: Any) -> None:
        """Apply the module again on its instances: md5, include_clustered, batch_size,
        batch_delay, force (the task manager does it in the background)."""
        self.http.put(self.url(module_id, "instances"), {"reapply": options})


class InstanceModules(Nested):
    """The modules of one instance: `/instances/{id}/modules`.

    Trove records what it applied; `from_guest` asks the guest agent instead
    (status and message of each apply), `include_contents` adds each module's
    contents (base64) to the guest's answer.
    """

    base_path = "/instances/%(instance_id)s/modules"
    plural = "modules"
    singular = "module"
    label = "module"
    allow_list = allow_create = allow_delete = True

    def list(self, parent_id: str, limit: int | None = None, *, from_guest: bool = False,
             include_contents: bool = False, **params: Any) -> Rows:
        return super().list(
            parent_id, limit,
            from_guest="true" if from_guest else None,
            include_contents="true" if include_contents else None,
            **params,
        )

    def entry(self, module_id: str) -> Row:
        return {"id": module_id}

    def apply(self, instance_id: str, module_ids: Names) -> RowList:
        """Apply modules now; returns the guest's result of each."""
        return (self.create(instance_id, module_ids) or {}).get("modules") or []
