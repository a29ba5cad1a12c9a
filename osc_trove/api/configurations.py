"""Configuration groups and the configuration parameters of datastore versions."""

from osc_trove.api.datastores import Datastores
from osc_trove.api.http import Http
from osc_trove.api.resource import Resource, expand, segment
from osc_trove.api.shapes import Any, Row, Rows


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


class ConfigurationParameters:
    """What a datastore version lets configuration groups set.

    A version is reached by ID alone (`/datastores/versions/{id}/parameters`)
    or, with its datastore, by name or ID (`/datastores/{ds}/versions/{v}/...`).
    """

    key = "configuration-parameters"
    base_path = "/datastores/versions/%(version)s/parameters"
    within_path = "/datastores/%(datastore)s/versions/%(version)s/parameters"

    def __init__(self, http: Http, datastores: Datastores) -> None:
        self.http = http
        self.datastores = datastores

    def url(self, version: str, datastore: str | None = None, name: str | None = None) -> str:
        if datastore is None:
            path = expand(self.base_path, "datastore version", version=version)
        else:
            path = expand(self.within_path, "datastore", datastore=datastore, version=version)
        return path if name is None else f"{path}/{segment(name)}"

    def list(self, version: str, datastore: str | None = None) -> list[Row]:
        return (self.http.get(self.url(version, datastore)) or {}).get(self.key) or []

    def get(self, version: str, name: str, datastore: str | None = None) -> Row:
        return self.http.get(self.url(version, datastore, name))


class ParameterDefinitions:
    """Admin only: define what a datastore version lets configuration groups set.

    Trove reaches a version here by ID alone
    (`/mgmt/datastores/versions/{id}/parameters`), and its PUT replaces the
    whole definition: `update` takes every field, as `create` does.
    """

    base_path = "/mgmt/datastores/versions/%(version_id)s/parameters"

    def __init__(self, http: Http) -> None:
        self.http = http

    def url(self, version_id: str, name: str | None = None) -> str:
        path = expand(self.base_path, version_id=version_id)
        return path if name is None else f"{path}/{segment(name)}"

    @staticmethod
    def body(name: str, data_type: str, restart_required: bool,
             min_size: int | None, max_size: int | None) -> dict[str, Any]:
        # Trove's schema takes the flag as 0 or 1 only.
        fields: dict[str, Any] = {"name": name, "data_type": data_type,
                                  "restart_required": int(restart_required)}
        if min_size is not None:
            fields["min_size"] = min_size
        if max_size is not None:
            fields["max_size"] = max_size
        return {"configuration-parameter": fields}

    def create(self, version_id: str, name: str, data_type: str, restart_required: bool,
               min_size: int | None = None, max_size: int | None = None) -> Any:
        return self.http.post(self.url(version_id),
                              self.body(name, data_type, restart_required, min_size, max_size))

    def update(self, version_id: str, name: str, data_type: str, restart_required: bool,
               min_size: int | None = None, max_size: int | None = None) -> Any:
        return self.http.put(self.url(version_id, name),
                             self.body(name, data_type, restart_required, min_size, max_size))

    def delete(self, version_id: str, name: str) -> None:
        self.http.delete(self.url(version_id, name))
