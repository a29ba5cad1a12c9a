"""Configuration groups and the configuration parameters of datastore versions."""

from osc_trove.api.datastores import Datastores
from osc_trove.api.http import Http
from osc_trove.api.resource import Resource, segment
from osc_trove.api.shapes import Any, Row, Rows


class Configurations(Resource):
    """create(name=..., values=..., datastore={...}, description=...), get, list,
    update (PUT: replaces every value), patch (PATCH: merges values) and delete
    come from Resource."""

    path = "/configurations"
    singular = "configuration"
    plural = "configurations"
    label = "configuration group"
    lookup = "uuid"

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

    def __init__(self, http: Http, datastores: Datastores) -> None:
        self.http = http
        self.datastores = datastores

    def url(self, version: str, datastore: str | None = None, name: str | None = None) -> str:
        if datastore is None:
            path = self.datastores.url("versions", version, "parameters")
        else:
            path = self.datastores.url(datastore, "versions", version, "parameters")
        return path if name is None else f"{path}/{segment(name)}"

    def list(self, version: str, datastore: str | None = None) -> list[Row]:
        return (self.http.get(self.url(version, datastore)) or {}).get(self.key) or []

    def get(self, version: str, name: str, datastore: str | None = None) -> Row:
        return self.http.get(self.url(version, datastore, name))
