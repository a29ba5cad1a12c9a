"""Configuration groups and the configuration parameters of datastore versions."""

from osc_trove.api.resource import Nested, Resource, expand, segment
from osc_trove.api.shapes import Any, Ident, Row, Rows


class Configurations(Resource):
    """create(name=..., values=..., datastore={...}, description=...), get, list,
    update (PUT: replaces every value), patch (PATCH: merges values) and delete
    come from Resource."""

    base_path = "/configurations"
    singular = "configuration"
    plural = "configurations"
    label = "configuration group"
    lookup = "uuid"
    allow_get = allow_list = allow_create = allow_update = allow_patch = allow_delete = True
    allow_find = True

    def instances(self, configuration_id: str, limit: int | None = None,
                  **params: Any) -> Rows:
        """The instances the group is attached to (all pages): `id` and `name` each."""
        return self.http.paginate(
            self.url(configuration_id, "instances"), "instances", params=params, limit=limit
        )


class ConfigurationParameters(Nested):
    """What a datastore version lets configuration groups set:
    `/datastores/versions/{id}/parameters` (trove/common/api.py).

    Trove also has the routes within a datastore, `within_path`, where the
    version may be named by name: `datastore=` on list and get takes them (a
    scope, so that each operation keeps one signature).
    """

    base_path = "/datastores/versions/%(version_id)s/parameters"
    within_path = "/datastores/%(datastore)s/versions/%(version_id)s/parameters"
    plural = "configuration-parameters"
    singular = ""  # one parameter's GET answers it unwrapped
    label = "configuration parameter"
    allow_list = allow_get = True

    def url(self, parent_id: str, item: Any = None, *parts: Ident,
            datastore: str | None = None) -> str:
        """base_path/..., or within_path/... when `datastore` (its name or ID) is given."""
        if datastore is None:
            return super().url(parent_id, item, *parts)
        # One label for both segments (expand takes one): as before this change.
        path = expand(self.within_path, "datastore", datastore=datastore, version_id=parent_id)
        tail = [] if item is None else [self.item_segment(item)]
        return "/".join([path, *tail, *(segment(p, self.label) for p in parts)])

    def list(self, parent_id: str, limit: int | None = None, *,
             datastore: str | None = None, **params: Any) -> Rows:
        """The parameters of the version `parent_id` (an ID; within `datastore`,
        a name or ID): one request."""
        return self.http.paginate(self.url(parent_id, datastore=datastore), self.plural,
                                  params, limit)

    def get(self, parent_id: str, item: Any, *, datastore: str | None = None) -> Row:
        """The parameter named `item` of the version `parent_id` (an ID; within
        `datastore`, a name or ID)."""
        return self.http.get(self.url(parent_id, item, datastore=datastore))


class ParameterDefinitions(Nested):
    """Admin only: define what a datastore version lets configuration groups set
    (trove/extensions/routes/mgmt.py). Trove reaches a version here by ID alone.

    Trove takes one definition a POST, and its PUT replaces the whole
    definition: both bodies are `entry`'s, so update takes every field, as
    create does. Its answers are unwrapped.
    """

    base_path = "/mgmt/datastores/versions/%(version_id)s/parameters"
    plural = "configuration-parameters"
    singular = "configuration-parameter"
    label = "configuration parameter"
    batched = False
    allow_list = allow_get = allow_create = allow_update = allow_delete = True

    def get(self, parent_id: str, item: Any) -> Row:
        """The definition of `item`: Trove answers it unwrapped, though it takes
        it wrapped."""
        return self.http.get(self.url(parent_id, item))

    def entry(self, definition: Row) -> Row:
        """The body of one definition: `name`, `data_type`, `restart_required`
        and, where not None, `min_size` and `max_size` (Trove's schema takes
        the flag as 0 or 1 only)."""
        fields = {"name": definition["name"], "data_type": definition["data_type"],
                  "restart_required": int(bool(definition["restart_required"]))}
        for key in ("min_size", "max_size"):
            if definition.get(key) is not None:
                fields[key] = definition[key]
        return fields

    def update(self, parent_id: str, item: Any, **fields: Any) -> Any:
        """PUT the whole definition of `item` (`fields` as entry takes them)."""
        return super().update(parent_id, item, **self.entry({"name": item, **fields}))
