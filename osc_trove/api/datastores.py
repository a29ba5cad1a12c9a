"""Datastores and their versions."""

from osc_trove.api.resource import AmbiguousName, Resource, looks_like_uuid


class Datastores(Resource):
    path = "/datastores"
    singular = "datastore"
    plural = "datastores"
    label = "datastore"
    lookup = "server"


class DatastoreVersions(Resource):
    """Versions, reached through their datastore or on their own by ID."""

    path = "/datastores/versions"
    singular = "version"
    plural = "versions"
    label = "datastore version"
    lookup = "uuid"

    def __init__(self, http, datastores):
        super().__init__(http)
        self.datastores = datastores

    def list(self, datastore, limit=None, **params):
        path = self.datastores.url(datastore, "versions")
        return self.http.paginate(path, self.plural, params=params, limit=limit)

    def find(self, name_or_id, datastore=None):
        """Find a version by name or ID, within `datastore` when one is given.

        Without a datastore, a name is looked for in every datastore's version
        list (one request); a name found in several datastores is ambiguous.
        """
        if datastore is not None:
            path = self.datastores.url(datastore, "versions", name_or_id)
            return self.http.get(path)[self.singular]
        if looks_like_uuid(name_or_id):
            return super().find(name_or_id)
        matches = [
            (store["name"], version)
            for store in self.datastores.list()
            for version in store.get("versions", [])
            if version.get("name") == name_or_id
        ]
        if not matches:
            raise self.not_found(name_or_id)
        if len(matches) > 1:
            stores = ", ".join(name for name, _ in matches)
            raise AmbiguousName(
                f"Datastore version '{name_or_id}' exists in several datastores ({stores}); "
                "name one with --datastore."
            )
        return self.get(matches[0][1]["id"])
