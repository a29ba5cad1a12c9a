"""Databases (schemas) inside an instance."""

from osc_lib import exceptions

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
        params = {"marker": marker} if marker else {}
        return self.http.paginate(self.url(instance_id), "databases", params, limit,
                                  marker_quoted_twice=True)

    def create(self, instance_id, databases):
        """Create databases: names, or dicts with `name`, `character_set`, `collate`."""
        body = {"databases": [database_entry(db) for db in databases]}
        self.http.post(self.url(instance_id), body)

    def delete(self, instance_id, name):
        self.http.delete(f"{self.url(instance_id)}/{database_segment(name)}")
