"""Databases (schemas) inside an instance."""

from osc_trove.api.errors import UnaddressableName
from osc_trove.api.http import segment, unaddressable
from osc_trove.api.resource import Nested
from osc_trove.api.shapes import Row


def database_segment(name: str) -> str:
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
        raise unaddressable("database", name, "it reads what follows a '.' in the URL as a "
                                              "file type, and would act on another database")
    if "/" in name:
        raise unaddressable("database", name, "its router splits URLs at '/'")
    if not name.isascii():
        raise unaddressable("database", name, "its router misreads characters beyond ASCII in URLs")
    return segment(name, "database")


def database_entry(database: str | Row) -> Row:
    """`{"name": ...}` for a name; a dict (name, character_set, collate) as it is."""
    return dict(database) if isinstance(database, dict) else {"name": database}


class Databases(Nested):
    """The databases of one instance: `/instances/{id}/databases`."""

    base_path = "/instances/%(instance_id)s/databases"
    plural = "databases"
    singular = "database"
    label = "database"
    marker_quoted_twice = True
    allow_get = allow_list = allow_create = allow_delete = allow_find = True

    def item_segment(self, name: str) -> str:
        return database_segment(name)

    def entry(self, database: str | Row) -> Row:
        """create(instance_id, databases) takes names, or dicts with `name`,
        `character_set`, `collate`."""
        return database_entry(database)
