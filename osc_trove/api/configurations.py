"""Configuration groups and the configuration parameters of datastore versions."""

from osc_trove.api.resource import Resource, segment


class Configurations(Resource):
    """create(name=..., values=..., datastore={...}, description=...), get, list,
    update (PUT: replaces every value), patch (PATCH: merges values) and delete
    come from Resource."""

    path = "/configurations"
    singular = "configuration"
    plural = "configurations"
    label = "configuration group"
    lookup = "uuid"

    def instances(self, configuration_id, limit=None, **params):
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

    def __init__(self, http, datastores):
        self.http = http
        self.datastores = datastores

    def url(self, version, datastore=None, name=None):
        if datastore is None:
            path = self.datastores.url("versions", version, "parameters")
        else:
            path = self.datastores.url(datastore, "versions", version, "parameters")
        return path if name is None else f"{path}/{segment(name)}"

    def list(self, version, datastore=None):
        return (self.http.get(self.url(version, datastore)) or {}).get(self.key) or []

    def get(self, version, name, datastore=None):
        return self.http.get(self.url(version, datastore, name))
