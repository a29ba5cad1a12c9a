"""Compute flavors as Trove offers them."""

from osc_trove.api.resource import Resource, expand
from osc_trove.api.shapes import Row, Rows


class Flavors(Resource):
    base_path = "/flavors"
    singular = "flavor"
    plural = "flavors"
    label = "flavor"
    # Flavor IDs are free-form strings and the list is small and unpaged:
    # one list answers a lookup by name and by ID alike.
    lookup = "list"
    allow_get = allow_list = allow_find = True
    # The flavors a datastore version may run on.
    version_path = "/datastores/%(datastore)s/versions/%(version_id)s/flavors"

    def id_of(self, row: Row) -> str:
        # Trove sets `id` only for integer IDs; `str_id` always holds the real one.
        return str(row.get("str_id") or row.get("id"))

    def list_for_version(self, datastore: str, version_id: str) -> Rows:
        """Flavors that a datastore version may run on."""
        path = expand(self.version_path, datastore=datastore, version_id=version_id)
        return self.http.paginate(path, self.plural)
