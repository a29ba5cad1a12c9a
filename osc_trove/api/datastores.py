"""Datastores and their versions."""

import itertools
from collections.abc import Iterable

from osc_lib import exceptions

from osc_trove.api.http import Http
from osc_trove.api.resource import AmbiguousName, Resource, ResourceNotFound, expand, segment
from osc_trove.api.shapes import Any, Ident, Row, RowList, Rows


class Datastores(Resource):
    base_path = "/datastores"
    singular = "datastore"
    plural = "datastores"
    label = "datastore"
    lookup = "server"
    allow_get = allow_list = allow_delete = allow_find = True


class DatastoreVersions(Resource):
    """Versions, reached through their datastore or on their own by ID."""

    base_path = "/datastores/versions"  # one version by ID alone
    # Versions are listed, and found by name, per datastore (its name or ID).
    list_path = "/datastores/%(datastore)s/versions"
    singular = "version"
    plural = "versions"
    label = "datastore version"
    lookup = "uuid"
    allow_get = allow_list = allow_find = True

    def __init__(self, http: Http, datastores: Datastores) -> None:
        super().__init__(http)
        self.datastores = datastores

    def list(self, limit: int | None = None, *, datastore: str | None = None,
             **params: Any) -> Rows:
        """The versions of `datastore` (its name or ID; one list), or of every
        datastore (one list of them, then one of each's versions)."""
        if datastore:
            return self.http.paginate(self.within_url(datastore), self.plural,
                                      params=params, limit=limit)
        every = (self.list(datastore=store["id"], **params) for store in self.datastores.list())
        return itertools.islice(itertools.chain.from_iterable(every), limit)

    def within_url(self, datastore: Ident, *parts: Ident) -> str:
        """The versions of `datastore` and what follows: list_path/..."""
        return "/".join([expand(self.list_path, self.datastores.label, datastore=datastore),
                         *(segment(part, self.label) for part in parts)])

    def resolve(self, ref: str, within: str | None = None) -> str:
        """A version's ID: an ID as given; a name within the datastore `within`
        asked of the server (one request), without one found in the list of
        datastores (one request; ambiguous when several datastores have it)."""
        if self.known_id(ref) is not None:
            return ref
        if within is not None:
            return str(self.find(ref, within)["id"])
        return str(self._named_anywhere(ref)["id"])

    def find(self, ref: str, within: str | None = None, needs: Iterable[str] = (),
             detail: bool = False) -> Row:
        """The version `ref` (name or ID), within the datastore `within` when given.

        Within a datastore, the server resolves the name (one request);
        without, an ID is one GET, and a name is looked for in every datastore's
        version list (one request, then the version's GET).
        """
        if within is not None:
            return self.http.get(self.within_url(within, ref))[self.singular]
        if self.known_id(ref) is not None:
            try:
                return self.get(ref)
            except exceptions.NotFound:
                # Not Resource.find's fallback: versions are listed per datastore.
                raise self.not_found(ref) from None
        return self.get(self._named_anywhere(ref)["id"])

    def volume_types(self, version: str, datastore: str | None = None) -> RowList:
        """The volume types the version (name or ID, within `datastore` when
        given) allows: every type the cloud has when the version names none.

        Trove reads the version in that path as an ID only (a name, or an
        unknown ID, would list every type), so the version is found first.
        """
        row = self.find(version, within=datastore)
        store = row.get("datastore") or datastore
        if not store:
            raise self.not_found(version)
        path = self.within_url(str(store), str(row["id"]), "volume-types")
        return list((self.http.get(path) or {}).get("volume_types") or [])

    def find_numbered(self, number: str, within: str, ref: str | None = None) -> Row:
        """The one version of the datastore `within` whose version number is
        `number` (and whose name or ID is `ref`, when given), for versions sharing
        a name: one list of the datastore's versions."""
        matches = [
            version for version in self.list(datastore=within)
            if version.get("version") == number
            and (ref is None or ref in (version.get("name"), version.get("id")))
        ]
        if len(matches) != 1:
            named = f" named '{ref}'" if ref else ""
            message = (f"Datastore {within} has {len(matches) or 'no'} versions numbered "
                       f"'{number}'{named}.")
            raise AmbiguousName(message) if matches else ResourceNotFound(message)
        return matches[0]

    def find_default(self, within: str) -> tuple[Row, Row]:
        """(the datastore `within`, its default version as its row lists it: `id`
        and, where the datastore lists it, `name`): one request."""
        store = self.datastores.find(within)
        default = store.get("default_version")
        listed = [v for v in store.get("versions", []) if v.get("id") == default]
        return store, listed[0] if listed else {"id": default}

    def _named_anywhere(self, name: str) -> Row:
        """The version row called `name` in the datastores' list (one request)."""
        matches = [
            (store["name"], version)
            for store in self.datastores.list()
            for version in store.get("versions", [])
            if version.get("name") == name
        ]
        if not matches:
            raise self.not_found(name)
        if len(matches) > 1:
            stores = ", ".join(store for store, _ in matches)
            raise AmbiguousName(
                f"Datastore version '{name}' exists in several datastores ({stores}).",
                narrowed_by="datastore",
            )
        return matches[0][1]


class MgmtDatastoreVersions(Resource):
    """Every datastore version, inactive ones included, with what admins manage
    (image, manager, packages, strategies): /mgmt/datastore-versions."""

    base_path = "/mgmt/datastore-versions"
    singular = "version"
    plural = "versions"
    label = "datastore version"
    lookup = "uuid"
    allow_get = allow_list = allow_create = allow_patch = allow_delete = allow_find = True

    def of_datastore(self, datastore: str, versions: Iterable[Row]) -> list[Row]:
        """The versions of `datastore` (its name or ID) among `versions`."""
        return [v for v in versions if datastore in (v["datastore_name"], v["datastore_id"])]

    def resolve(self, ref: str, within: str | None = None) -> str:
        """A version's ID: an ID without a datastore as given, else found (one list)."""
        if within is None and self.known_id(ref) is not None:
            return ref
        return self.id_of(self.find(ref, within))

    def find(self, ref: str, within: str | None = None, needs: Iterable[str] = (),
             detail: bool = False) -> Row:
        """A version by ID, or by name (within the datastore `within`, its name or
        ID, when given): one request."""
        if within is None and self.known_id(ref) is not None:
            return super().find(ref, needs=needs, detail=detail)
        versions = list(self.list())
        if within is not None:
            versions = self.of_datastore(within, versions)
        named = [v for v in versions if ref in (v.get("id"), v.get("name"))]
        stores = sorted({str(v.get("datastore_name")) for v in named})
        if len(stores) > 1:
            raise AmbiguousName(
                f"Datastore version '{ref}' exists in several datastores "
                f"({', '.join(stores)}).",
                narrowed_by="datastore",
            )
        return self.pick(ref, named)

    def patch(self, resource_id: Ident, **fields: Any) -> Any:
        """PATCH the fields given (Trove takes them unwrapped here)."""
        return self.http.patch(self.url(resource_id), fields)
