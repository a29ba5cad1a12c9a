"""Databases (schemas) inside an instance."""

from urllib.parse import quote

from osc_lib import exceptions


class UnaddressableName(exceptions.CommandError):
    """A database name that Trove's URLs cannot carry."""


def database_segment(name):
    """The URL path segment of a database, when Trove can route it.

    Trove takes the segment as the web server decoded it, without unquoting
    it again, so three kinds of name cannot be carried and are refused
    before any request: with a `.` (its router takes what follows for a file
    type and drops it: DELETE .../databases/keep.me deletes `keep`), with a
    `/` (the router splits there), and with characters beyond ASCII (the
    router reads the URL's bytes as Latin-1 while its request object insists
    on UTF-8: no encoding satisfies both).
    """
    if not name:  # would address the list of databases
        raise UnaddressableName("The database name is empty.")
    if "." in name:
        raise _unaddressable(name, "it reads what follows a '.' in the URL as a file type, "
                                   "and would act on another database")
    if "/" in name:
        raise _unaddressable(name, "its router splits URLs at '/'")
    if not name.isascii():
        raise _unaddressable(name, "its router misreads characters beyond ASCII in URLs")
    return quote(name, safe="")


def _unaddressable(name, why):
    return UnaddressableName(f"Trove's API cannot address database '{name}': {why}.")


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
