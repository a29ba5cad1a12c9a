"""Databases (schemas) inside an instance, and the paging their lists share with users."""

from urllib.parse import unquote

from osc_lib import exceptions

from osc_trove.api.http import next_page_query
from osc_trove.api.resource import segment


class UnaddressableName(exceptions.CommandError):
    """A database name that Trove's URLs cannot carry."""


def database_segment(name):
    """The URL path segment of a database, when Trove can route it.

    Trove's router takes what follows a `.` at the end of a URL for a file
    type and drops it: DELETE .../databases/keep.me deletes `keep`. The dot
    cannot be hidden (it is not unquoted again on that path), so such names
    are refused before any request.
    """
    if "." in name:
        raise UnaddressableName(
            f"Trove's API cannot address database '{name}': it reads what follows a '.' "
            "in the URL as a file type, and would act on another database."
        )
    return segment(name)


def paginate_guest_list(http, path, key, limit=None, marker=None):
    """Yield the items under `key` of every page of a list the guest agent answers.

    Database and user lists page by name (`marker=<name>` or `<name>@<host>`),
    and Trove quotes that marker twice when it writes the `next` link: reading
    the link's query undoes one quoting, so the marker is unquoted once more
    here before it is sent back. `limit` caps the total number of items.
    """
    params = {"marker": marker} if marker else {}
    remaining = limit
    while remaining is None or remaining > 0:
        if remaining is not None:
            params["limit"] = remaining
        body = http.get(path, params=params) or {}
        items = body.get(key) or []
        yield from items[:remaining]
        if remaining is not None:
            remaining -= min(len(items), remaining)
        query = next_page_query(body) or {}
        if not items or not query.get("marker"):
            return
        merged = {**params, **query, "marker": unquote(query["marker"])}
        if merged == params:
            return  # the server pointed at the page it just sent
        params = merged


def database_entry(database):
    """`{"name": ...}` for a name; a dict (name, character_set, collate) as it is."""
    return dict(database) if isinstance(database, dict) else {"name": database}


class Databases:
    """The databases of one instance: `/instances/{id}/databases`."""

    label = "database"

    def __init__(self, http, instances):
        self.http = http
        self.instances = instances

    def url(self, instance_id, *parts):
        return self.instances.url(instance_id, "databases", *parts)

    def list(self, instance_id, limit=None, marker=None):
        """The instance's databases (`{"name": ...}` dicts), every page."""
        return paginate_guest_list(self.http, self.url(instance_id), "databases", limit, marker)

    def create(self, instance_id, databases):
        """Create databases: names, or dicts with `name`, `character_set`, `collate`."""
        body = {"databases": [database_entry(db) for db in databases]}
        self.http.post(self.url(instance_id), body)

    def delete(self, instance_id, name):
        self.http.delete(f"{self.url(instance_id)}/{database_segment(name)}")
