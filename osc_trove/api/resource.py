"""What every Trove resource shares: CRUD, actions, nested collections and lookup."""

import re
from collections.abc import Iterable
from urllib.parse import quote

from osc_lib import exceptions

from osc_trove.api.errors import AmbiguousName, ResourceNotFound
from osc_trove.api.http import Http
from osc_trove.api.shapes import Any, Ident, Row, Rows

__all__ = ["AmbiguousName", "Nested", "Resource", "ResourceNotFound", "looks_like_uuid"]

UUID_RE = re.compile(r"^[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}$", re.IGNORECASE)


def looks_like_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(UUID_RE.match(value))


def segment(value: object) -> str:
    """One URL path segment: everything quoted, slashes included."""
    return quote(str(value), safe="")


class Resource:
    """A REST collection at `path`, answering `{plural: [...]}` and `{singular: {...}}`.

    Subclasses set `label` (how error messages name it) and `lookup`, the
    cheapest way the server allows to find one by name or ID:

      "server": the server itself resolves names in GET path/<name>;
      "uuid":   IDs are UUIDs; anything else is a name, found by listing;
      "list":   one list answers both (small, unpaged collections).

    Results are the server's dicts, unchanged.
    """

    path = ""
    singular = ""
    plural = ""
    label = ""
    lookup = "uuid"

    def __init__(self, http: Http) -> None:
        self.http = http

    def url(self, *parts: Ident) -> str:
        return "/".join([self.path, *(segment(p) for p in parts)])

    def get(self, resource_id: Ident) -> Row:
        return self.http.get(self.url(resource_id))[self.singular]

    def list(self, limit: int | None = None, **params: Any) -> Rows:
        """Every item (all pages); `limit` caps the total, params go in the query."""
        return self.http.paginate(self.path, self.plural, params=params, limit=limit)

    def create(self, **fields: Any) -> Row:
        """POST {singular: fields}; returns the created item."""
        answer = self.http.post(self.path, {self.singular: fields}) or {}
        return answer.get(self.singular, answer)

    def update(self, resource_id: Ident, **fields: Any) -> Any:
        """PUT {singular: fields}: Trove replaces what the body names."""
        return self.http.put(self.url(resource_id), {self.singular: fields})

    def patch(self, resource_id: Ident, **fields: Any) -> Any:
        """PATCH {singular: fields}: only what the body names changes."""
        return self.http.patch(self.url(resource_id), {self.singular: fields})

    def delete(self, resource_id: Ident) -> None:
        self.http.delete(self.url(resource_id))

    def action(self, resource_id: Ident, name: str, **args: Any) -> Any:
        """POST path/{id}/action {name: args}."""
        return self.http.post(self.url(resource_id, "action"), {name: args})

    def find(self, name_or_id: str, needs: Iterable[str] = ()) -> Row:
        """The one resource called `name_or_id` or having it as ID.

        Costs one request for an ID, and for a name the pages of one list,
        plus one GET when the listed row lacks a key of `needs` (list views
        carry fewer fields than a GET).
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
        row = self.pick(name_or_id, self.list())
        if any(key not in row for key in needs):
            return self.get(self.id_of(row))
        return row

    def pick(self, name_or_id: str, candidates: Iterable[Row]) -> Row:
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

    def id_of(self, row: Row) -> str:
        return str(row.get("id"))

    def not_found(self, name_or_id: str) -> ResourceNotFound:
        return ResourceNotFound(f"No {self.label} with a name or ID of '{name_or_id}' exists.")


class Nested:
    """A collection under one item of another resource: `<parent>/{parent_id}/<sub>`.

    Items are named by `item_segment` (a plain quoted segment unless a
    subclass knows better). `marker_quoted_twice`: see Http.paginate.
    """

    sub = ""
    plural = ""
    singular = ""
    label = ""
    marker_quoted_twice = False

    def __init__(self, http: Http, parent: Resource) -> None:
        self.http = http
        self.parent = parent

    def item_segment(self, item: Any) -> str:
        return segment(item)

    def url(self, parent_id: str, item: Any = None, *parts: Ident) -> str:
        path = self.parent.url(parent_id, self.sub)
        if item is not None:
            path += "/" + self.item_segment(item)
        return "/".join([path, *(segment(p) for p in parts)])

    def list(self, parent_id: str, limit: int | None = None, **params: Any) -> Rows:
        """Every item under the parent (all pages)."""
        return self.http.paginate(self.url(parent_id), self.plural, params, limit,
                                  marker_quoted_twice=self.marker_quoted_twice)

    def get(self, parent_id: str, item: Any) -> Row:
        return self.http.get(self.url(parent_id, item))[self.singular]

    def create(self, parent_id: str, body: Any) -> Any:
        return self.http.post(self.url(parent_id), body)

    def delete(self, parent_id: str, item: Any) -> None:
        self.http.delete(self.url(parent_id, item))
