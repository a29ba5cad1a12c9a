"""What every Trove resource shares: get, list and name-or-ID lookup."""

import re
from urllib.parse import quote

from osc_lib import exceptions

UUID_RE = re.compile(r"^[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}$", re.IGNORECASE)


def looks_like_uuid(value):
    return bool(UUID_RE.match(value or ""))


def segment(value):
    """One URL path segment: everything quoted, slashes included."""
    return quote(str(value), safe="")


class ResourceNotFound(exceptions.CommandError):
    """No resource has the name or ID a user gave."""


class AmbiguousName(exceptions.CommandError):
    """Several resources share the name a user gave."""


class Resource:
    """A REST collection at `path`, answering `{plural: [...]}` and `{singular: {...}}`.

    Subclasses set `label` (how error messages name it) and `lookup`, the
    cheapest way the server allows to find one by name or ID:
      "server": the server itself resolves names in GET path/<name>;
      "uuid":   IDs are UUIDs; anything else is a name, found by listing;
      "list":   one list answers both (small, unpaged collections).
    """

    path = ""
    singular = ""
    plural = ""
    label = ""
    lookup = "uuid"

    def __init__(self, http):
        self.http = http

    def url(self, *parts):
        return "/".join([self.path, *(segment(p) for p in parts)])

    def get(self, resource_id):
        return self.http.get(self.url(resource_id))[self.singular]

    def list(self, limit=None, **params):
        return self.http.paginate(self.path, self.plural, params=params, limit=limit)

    def find(self, name_or_id):
        """The one resource called `name_or_id` or having it as ID.

        Costs one request for an ID, and for a name the pages of one list.
        Raises ResourceNotFound or AmbiguousName with a message for users.
        """
        if not name_or_id:  # would address the collection itself
            raise ResourceNotFound(f"The {self.label} name or ID is empty.")
        if self.lookup == "server" or (self.lookup == "uuid" and looks_like_uuid(name_or_id)):
            try:
                return self.get(name_or_id)
            except exceptions.NotFound:
                if self.lookup == "server":
                    raise self.not_found(name_or_id) from None
        return self.pick(name_or_id, self.list())

    def pick(self, name_or_id, candidates):
        """Choose from listed rows: an exact ID first, else a unique name."""
        named = []
        for row in candidates:
            if self.id_of(row) == name_or_id:
                return row
            if row.get("name") == name_or_id:
                named.append(row)
        if not named:
            raise self.not_found(name_or_id)
        if len(named) > 1:
            ids = ", ".join(self.id_of(row) for row in named)
            raise AmbiguousName(
                f"More than one {self.label} is named '{name_or_id}' ({ids}); use an ID."
            )
        return named[0]

    def id_of(self, row):
        return str(row.get("id"))

    def not_found(self, name_or_id):
        return ResourceNotFound(f"No {self.label} with a name or ID of '{name_or_id}' exists.")
