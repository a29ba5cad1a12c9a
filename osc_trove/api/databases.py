"""Databases (schemas) inside an instance."""

from osc_lib import exceptions

from osc_trove.api.resource import Nested, segment


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


class Databases(Nested):
    """The databases of one instance: `/instances/{id}/databases`."""

    sub = "databases"
    plural = "databases"
    singular = "database"
    label = "database"
    marker_quoted_twice = True

    def item_segment(self, name):
        return database_segment(name)

    def create(self, instance_id, databases):
        """Create databases: names, or dicts with `name`, `character_set`, `collate`."""
        super().create(instance_id, {"databases": [database_entry(db) for db in databases]})
