"""Datastores and their versions."""

from collections.abc import Iterable

from osc_trove.api.http import Http
from osc_trove.api.resource import AmbiguousName, Resource, looks_like_uuid
from osc_trove.api.shapes import Any, Row, Rows


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

    def __init__(self, http: Http, datastores: Datastores) -> None:
        super().__init__(http)
        self.datastores = datastores

    def list(  # type: ignore[override]  # versions are listed per datastore
        self, datastore: str, limit: int | None = None, **params: Any
    ) -> Rows:
        path = self.datastores.url(datastore, "versions")
        return self.http.paginate(path, self.plural, params=params, limit=limit)

    def find(  # type: ignore[override]  # narrowed by datastore
        self, name_or_id: str, datastore: str | None = None
    ) -> Row:
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
                f"Datastore version '{name_or_id}' exists in several datastores ({stores}).",
                narrowed_by="datastore",
            )
        return self.get(matches[0][1]["id"])


class MgmtDatastoreVersions(Resource):
    """Every datastore version, inactive ones included, with what admins manage
    (image, manager, packages, strategies): /mgmt/datastore-versions."""

    path = "/mgmt/datastore-versions"
    singular = "version"
    plural = "versions"
    label = "datastore version"
    lookup = "uuid"

    def of_datastore(self, datastore: str, versions: Iterable[Row]) -> list[Row]:
        """The versions of `datastore` (its name or ID) among `versions`."""
        return [v for v in versions if datastore in (v["datastore_name"], v["datastore_id"])]

    def find(  # type: ignore[override]  # narrowed by datastore
        self, name_or_id: str, datastore: str | None = None
    ) -> Row:
        """A version by ID, or by name (within `datastore` when one is given): one request."""
        if looks_like_uuid(name_or_id) and datastore is None:
            return super().find(name_or_id)
        versions = list(self.list())
        if datastore is not None:
            versions = self.of_datastore(datastore, versions)
        named = [v for v in versions if name_or_id in (v.get("id"), v.get("name"))]
        stores = sorted({str(v.get("datastore_name")) for v in named})
        if len(stores) > 1:
            raise AmbiguousName(
                f"Datastore version '{name_or_id}' exists in several datastores "
                f"({', '.join(stores)}).",
                narrowed_by="datastore",
            )
        return self.pick(name_or_id, named)

    def edit(self, version_id: str, **fields: Any) -> Any:
        """PATCH the fields given (Trove takes them unwrapped here)."""
        return self.http.patch(self.url(version_id), fields)
