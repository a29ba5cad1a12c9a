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
for it (NEWER_VALUES): the soft localities of an instance came in 23.0.0
(a cluster takes affinity and anti-affinity only, on every release); a
datastore version's guest manager and replication strategy (registry_ext,
repl_strategy) in 22.0.0. (Changing those two on 21.1.0 is answered 500, not
400: Trove fails to word a schema error about the top of a body, on every
release, so that answer cannot be told from any other 500.)
"""

import re
from typing import NamedTuple

# The message of the 404 Trove's router answers for a path it has no route for.
NO_ROUTE_MESSAGE = "The resource could not be found."


class NewerRoute(NamedTuple):
    pattern: re.Pattern[str]  # searched in the request's path (its query left out)
    methods: frozenset[str]
    feature: str  # what the route serves, as in "Trove on this cloud has no <feature>"
    release: str  # the first Trove release with the route
    commit: str  # Trove's commit that added it


NEWER_ROUTES = (
    NewerRoute(re.compile(r"(?:^|/)instances/[^/]+/ssl$"), frozenset({"GET", "POST"}),
               "instance SSL management", "26.0.0", "729f614a"),
)


class NewerValue(NamedTuple):
    pattern: re.Pattern[str]  # searched in the request's path (its query left out)
    methods: frozenset[str]
    refusal: re.Pattern[str]  # matches the message of an older release's 400
    feature: str
    release: str
    commit: str


NEWER_VALUES = (
    NewerValue(re.compile(r"(?:^|/)instances$"), frozenset({"POST"}),
               re.compile(r"Invalid locality 'soft-[\w-]*'"),
               "soft-affinity or soft-anti-affinity locality for instances", "23.0.0",
               "608e9860"),
    NewerValue(re.compile(r"(?:^|/)mgmt/datastore-versions$"), frozenset({"POST"}),
               re.compile(r"'(registry_ext|repl_strategy)' was unexpected"),
               "guest manager or replication strategy per datastore version "
               "(--registry-ext, --repl-strategy)", "22.0.0", "b127068c"),
)


def _bare(path: str) -> str:
    return path.split("?", 1)[0].rstrip("/")


def newer_route(method: str, path: str) -> NewerRoute | None:
    """The listed route `method path` is a request on, if any."""
    for route in NEWER_ROUTES:
        if method in route.methods and route.pattern.search(_bare(path)):
            return route
    return None


def newer_value(method: str, path: str, message: str) -> NewerValue | None:
    """The listed value an older release refused with `message` (a 400), if any."""
    for value in NEWER_VALUES:
        if method in value.methods and value.pattern.search(_bare(path)) \
                and value.refusal.search(message):
            return value
    return None


def missing_route_message(route: NewerRoute | NewerValue) -> str:
    """The one line osc-trove prints when the cloud's Trove lacks `route`."""
    return f"Trove on this cloud has no {route.feature} (added in Trove {route.release})."
