"""Routes of the Trove API that not every supported release has.

osc-trove supports Trove 21.1.0 (2024.1) and later. A route newer than the
cloud's Trove is answered by Trove's router, before any controller runs, with
a 404 whose message is webob's generic sentence (NO_ROUTE_MESSAGE); a route
that exists answers a missing resource with a message naming it ("Resource
<id> cannot be found."). Only a request on a route listed here, answered with
the generic sentence, is taken for a route the release lacks: osc-trove then
says which release brought it instead of showing the 404.

The releases come from Trove's history: every route of trove/common/api.py
and trove/extensions/routes/ that osc-trove sends is in 21.0.0 except these.

A value Trove came to accept later is told by the 400 an older release answers
for it (a 400 in NEWER): the soft localities of an instance came in 23.0.0,
those of a cluster in 26.0.0 (its cluster service validates the locality as
the instance service does; 21.1.0 to 25.1.0 list affinity and anti-affinity
only, read from each release's installed trove/cluster/service.py); a
datastore version's guest manager and replication strategy (registry_ext,
repl_strategy) in 22.0.0. (Changing those two on 21.1.0 is answered 500, not
400: Trove fails to word a schema error about the top of a body, on every
release, so that answer cannot be told from any other 500.)
"""

import re
from typing import NamedTuple

# The message of the 404 Trove's router answers for a path it has no route for.
NO_ROUTE_MESSAGE = "The resource could not be found."


# The HTTP method of each operation a description allows (osc_trove.api.resource).
VERBS = {"get": "GET", "list": "GET", "create": "POST", "update": "PUT", "patch": "PATCH",
         "delete": "DELETE", "action": "POST"}


class Newer(NamedTuple):
    """A route or value some supported release lacks, and how that release
    refuses it, keyed by the resource (its TroveClient attribute) and the
    operations it concerns. `pattern` finds their requests by path, since
    errors are told where a request is sent (tests/unit/test_api_operations.py
    checks it against each resource's path template)."""

    status: int  # that release's answer: 404 from its router, or 400 refusing a value
    resource: str  # the TroveClient attribute: "instances", "instance_ssl", ...
    operations: tuple[str, ...]  # what the resource does there: "create", "get", ...
    pattern: re.Pattern[str]  # searched in the request's path (its query left out)
    refusal: re.Pattern[str]  # searched in the message of that answer
    feature: str  # what it serves, as in "Trove on this cloud has no <feature>"
    release: str  # the first Trove release with it
    commit: str  # Trove's commit that added it (where not traced: where it was read)

    @property
    def methods(self) -> frozenset[str]:
        return frozenset(VERBS[operation] for operation in self.operations)


_NO_ROUTE = re.compile("^" + re.escape(NO_ROUTE_MESSAGE) + "$")
_SOFT_LOCALITY = re.compile(r"Invalid locality 'soft-[\w-]*'")

NEWER = (
    Newer(404, "instance_ssl", ("get", "create"), re.compile(r"(?:^|/)instances/[^/]+/ssl$"),
          _NO_ROUTE, "instance SSL management", "26.0.0", "729f614a"),
    Newer(400, "instances", ("create",), re.compile(r"(?:^|/)instances$"), _SOFT_LOCALITY,
          "soft-affinity or soft-anti-affinity locality for instances", "23.0.0", "608e9860"),
    Newer(400, "clusters", ("create",), re.compile(r"(?:^|/)clusters$"), _SOFT_LOCALITY,
          "soft-affinity or soft-anti-affinity locality for clusters", "26.0.0",
          "26.0.0's trove/cluster/service.py"),
    Newer(400, "mgmt_datastore_versions", ("create",),
          re.compile(r"(?:^|/)mgmt/datastore-versions$"),
          re.compile(r"'(registry_ext|repl_strategy)' was unexpected"),
          "guest manager or replication strategy per datastore version "
          "(--registry-ext, --repl-strategy)", "22.0.0", "b127068c"),
)

# The statuses an older release refuses with (an error response of another
# status is none of these, and costs no look at its body).
STATUSES = frozenset(item.status for item in NEWER)


def newer(status: int, method: str, path: str, message: str) -> Newer | None:
    """What an older release refused, if `status` and `message` answering
    `method path` are such a refusal of a listed route or value."""
    bare = path.split("?", 1)[0].rstrip("/")
    for item in NEWER:
        if item.status == status and method in item.methods \
                and item.pattern.search(bare) and item.refusal.search(message):
            return item
    return None


def missing_route_message(item: Newer) -> str:
    """The one line osc-trove prints when the cloud's Trove lacks `item`."""
    return f"Trove on this cloud has no {item.feature} (added in Trove {item.release})."
