"""Database users of an instance, and the databases each may use."""

import re
from urllib.parse import quote

from osc_lib import exceptions

from osc_trove.api.databases import database_entry, database_segment
from osc_trove.api.resource import segment

# What urllib.parse.unquote (Trove's second unquoting) would decode.
_PERCENT_ESCAPE = re.compile(r"%(?=[0-9A-Fa-f]{2})")


def user_segment(name, host=None):
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
        raise exceptions.CommandError("The user name is empty.")
    if host or "@" in name:
        identity = f"{name}@{host or '%'}"
    else:
        identity = name
    identity = _PERCENT_ESCAPE.sub("%25", identity).replace("/", "%2F")
    if identity.endswith(".json"):
        identity = identity[: -len(".json")] + "%2Ejson"
    identity = "".join(c if c.isascii() else quote(c, safe="") for c in identity)
    return quote(identity, safe="")


class Users:
    """The users of one instance: `/instances/{id}/users`."""

    label = "user"

    def __init__(self, http, instances):
        self.http = http
        self.instances = instances

    def url(self, instance_id, name=None, host=None, *parts):
        path = self.instances.url(instance_id, "users")
        if name is not None:
            path += "/" + user_segment(name, host)
        return "/".join([path, *(segment(p) for p in parts)])

    def list(self, instance_id, limit=None, marker=None):
        """The instance's users (name, host, databases), every page.

        `marker` is `name@host` of the user to start after.
        """
        params = {"marker": marker} if marker else {}
        return self.http.paginate(self.url(instance_id), "users", params, limit,
                                  marker_quoted_twice=True)

    def get(self, instance_id, name, host=None):
        return self.http.get(self.url(instance_id, name, host))["user"]

    def create(self, instance_id, users):
        """Create users: dicts with `name`, `password` and optionally `host`, `databases`.

        `databases` may list names or `{"name": ...}` dicts.
        """
        entries = []
        for user in users:
            entry = {k: v for k, v in user.items() if v is not None}
            if "databases" in entry:
                entry["databases"] = [database_entry(db) for db in entry["databases"]]
            entries.append(entry)
        self.http.post(self.url(instance_id), {"users": entries})

    def delete(self, instance_id, name, host=None):
        self.http.delete(self.url(instance_id, name, host))

    def update_attributes(self, instance_id, name, host=None, new_name=None,
                          new_password=None, new_host=None):
        """Rename a user, change its password or the host it may connect from."""
        changes = {"name": new_name, "password": new_password, "host": new_host}
        body = {"user": {k: v for k, v in changes.items() if v is not None}}
        self.http.put(self.url(instance_id, name, host), body)

    def list_access(self, instance_id, name, host=None):
        """The databases the user may use (`{"name": ...}` dicts)."""
        body = self.http.get(self.url(instance_id, name, host, "databases")) or {}
        return body.get("databases") or []

    def grant(self, instance_id, name, databases, host=None):
        """Let the user use `databases` (names)."""
        body = {"databases": [database_entry(db) for db in databases]}
        self.http.put(self.url(instance_id, name, host, "databases"), body)

    def revoke(self, instance_id, name, database, host=None):
        path = self.url(instance_id, name, host, "databases")
        self.http.delete(f"{path}/{database_segment(database)}")
