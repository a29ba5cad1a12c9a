"""Database users of an instance, and the databases each may use."""

import re
from collections.abc import Iterable
from urllib.parse import quote

from osc_trove.api.databases import database_entry, database_segment
from osc_trove.api.errors import UnaddressableName
from osc_trove.api.http import segment
from osc_trove.api.resource import Nested
from osc_trove.api.shapes import Row, RowList

# What urllib.parse.unquote (Trove's second unquoting) would decode.
_PERCENT_ESCAPE = re.compile(r"%(?=[0-9A-Fa-f]{2})")


def user_segment(name: str, host: str | None = None) -> str:
    """The URL path segment naming a user: `name` or `name@host`.

    Trove reads the segment as `user@host`, split at the last `@` (no `@`
    means host `%`); a name holding an `@` therefore always gets its host.
    Trove unquotes the segment once more after the web server did, so what
    that second unquoting would change is quoted once more first: a `%`
    before two hex digits, and a `/` (which the router must not see). A
    trailing `.json` would be taken for a file type: its dot is hidden too.
    Characters beyond ASCII are quoted twice as well: the web server reads
    the URL as Latin-1 (PEP 3333), only the second unquoting reads UTF-8.
    Anything else is quoted once, so that the server's messages read plainly.
    """
    if not name:  # would address the list of users
        raise UnaddressableName("The user name is empty.")
    if host or "@" in name:
        identity = f"{name}@{host or '%'}"
    else:
        identity = name
    identity = _PERCENT_ESCAPE.sub("%25", identity).replace("/", "%2F")
    if identity.endswith(".json"):
        identity = identity[: -len(".json")] + "%2Ejson"
    identity = "".join(c if c.isascii() else quote(c, safe="") for c in identity)
    return segment(identity, "user")


class Users(Nested):
    """The users of one instance: `/instances/{id}/users`.

    A user is named by `name` and, where needed, `host` (see user_segment);
    the list marker is `name@host` of the user to start after.
    """

    base_path = "/instances/%(instance_id)s/users"
    plural = "users"
    singular = "user"
    label = "user"
    marker_quoted_twice = True
    allow_get = allow_list = allow_create = allow_update = allow_delete = allow_find = True

    def item_segment(self, user: str | tuple[str, str | None]) -> str:
        name, host = user if isinstance(user, tuple) else (user, None)
        return user_segment(name, host)

    def get(self, instance_id: str, user: str | tuple[str, str | None],
            host: str | None = None) -> Row:
        """The user `user`: a name (from `host`), or (name, host)."""
        return super().get(instance_id, user if isinstance(user, tuple) else (user, host))

    def entry(self, user: Row) -> Row:
        """create(instance_id, users) takes dicts with `name`, `password` and
        optionally `host`, `databases` (names or `{"name": ...}` dicts)."""
        entry = {k: v for k, v in user.items() if v is not None}
        if "databases" in entry:
            entry["databases"] = [database_entry(db) for db in entry["databases"]]
        return entry

    def delete(self, instance_id: str, user: str | tuple[str, str | None],
               host: str | None = None) -> None:
        """Delete the user `user`: a name (from `host`), or (name, host)."""
        super().delete(instance_id, user if isinstance(user, tuple) else (user, host))

    def update_attributes(self, instance_id: str, name: str, host: str | None = None,
                          new_name: str | None = None, new_password: str | None = None,
                          new_host: str | None = None) -> None:
        """Rename a user, change its password or the host it may connect from."""
        changes = {"name": new_name, "password": new_password, "host": new_host}
        self.update(instance_id, (name, host),
                    **{k: v for k, v in changes.items() if v is not None})

    def list_access(self, instance_id: str, name: str, host: str | None = None) -> RowList:
        """The databases the user may use (`{"name": ...}` dicts)."""
        body = self.http.get(self.url(instance_id, (name, host), "databases")) or {}
        return body.get("databases") or []

    def grant(self, instance_id: str, name: str, databases: Iterable[str],
              host: str | None = None) -> None:
        """Let the user use `databases` (names)."""
        body = {"databases": [database_entry(db) for db in databases]}
        self.http.put(self.url(instance_id, (name, host), "databases"), body)

    def revoke(self, instance_id: str, name: str, database: str,
               host: str | None = None) -> None:
        path = self.url(instance_id, (name, host), "databases")
        self.http.delete(f"{path}/{database_segment(database)}")
