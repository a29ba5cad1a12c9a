"""Compute flavors as Trove offers them."""

from osc_trove.api.resource import Resource, segment
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

    def id_of(self, row: Row) -> str:
        # Trove sets `id` only for integer IDs; `str_id` always holds the real one.
        return str(row.get("str_id") or row.get("id"))

    def list_for_version(self, datastore: str, version_id: str) -> Rows:
        """Flavors that a datastore version may run on."""
        path = f"/datastores/{segment(datastore)}/versions/{segment(version_id)}/flavors"
        return self.http.paginate(path, self.plural)
