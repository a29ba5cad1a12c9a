"""Where and how to reach an instance's database: host, port, TLS and a URI.

Trove gives an instance's addresses but not the port its database listens on;
that is the datastore's own default, which Trove's guest images keep. The
table below is that default per datastore (matched by the datastore's name,
which Trove's datastores carry as their manager's name), with the URI scheme
clients take. A password is never part of a URI made here.
"""

from dataclasses import dataclass
from urllib.parse import quote

from osc_trove.api.errors import TroveError
from osc_trove.api.shapes import Row


@dataclass(frozen=True)
class Engine:
    """A datastore's defaults: `port`, and `scheme` of its URIs (None: none is usual)."""

    name: str
    port: int
    scheme: str | None


ENGINES = {
    "mysql": Engine("mysql", 3306, "mysql"),
    "mariadb": Engine("mariadb", 3306, "mysql"),
    "percona": Engine("percona", 3306, "mysql"),
    "pxc": Engine("pxc", 3306, "mysql"),
    "postgresql": Engine("postgresql", 5432, "postgresql"),
    "redis": Engine("redis", 6379, "redis"),
    "mongodb": Engine("mongodb", 27017, "mongodb"),
    "cassandra": Engine("cassandra", 9042, None),
    "couchdb": Engine("couchdb", 5984, "http"),
    "couchbase": Engine("couchbase", 8091, "couchbase"),
    "vertica": Engine("vertica", 5433, "vertica"),
    "db2": Engine("db2", 50000, "db2"),
}
NETWORKS = ("public", "private")


class NoAddress(TroveError):
    """The instance has no address of the kind asked for (or none yet)."""


def engine_of(instance: Row) -> Engine | None:
    """The defaults of the instance's datastore, or None for one not in ENGINES."""
    datastore = instance.get("datastore") or {}
    kind = str(datastore.get("type") if isinstance(datastore, dict) else datastore).lower()
    return ENGINES.get(kind) or next(
        (engine for name, engine in ENGINES.items() if name in kind), None)


def addresses(instance: Row) -> list[tuple[str, str | None]]:
    """(address, "public"/"private"/None) of every address Trove shows."""
    found: list[tuple[str, str | None]] = []
    for entry in instance.get("addresses") or []:
        if isinstance(entry, dict) and entry.get("address"):
            found.append((str(entry["address"]), entry.get("type")))
        elif isinstance(entry, str):
            found.append((entry, None))
    # Trove before `addresses` (and some views since) gives bare IPs in `ip`.
    return found or [(str(ip), None) for ip in instance.get("ip") or []]


def host_of(instance: Row, network: str | None = None) -> str:
    """The address to connect to: of the `network` kind ("public" or "private") when
    given, else a public one if there is one, else the first."""
    known = addresses(instance)
    name = instance.get("name") or instance.get("id")
    if network is not None:
        for address, kind in known:
            if kind == network:
                return address
        kinds = ", ".join(sorted({k or "untyped" for _, k in known})) or "none"
        raise NoAddress(f"Instance '{name}' has no {network} address (it has: {kinds}).")
    if not known:
        raise NoAddress(f"Instance '{name}' has no address yet (status "
                        f"{instance.get('status')}); it gets one once it is built.")
    return next((a for a, kind in known if kind == "public"), known[0][0])


def uri(engine: Engine, host: str, user: str | None = None,
        database: str | None = None, tls: bool = False) -> str | None:
    """`scheme://user@host:port/database`, or None where the datastore has no URI form."""
    if engine.scheme is None:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if user:
        netloc = f"{quote(user, safe='')}@{netloc}"
    text = f"{engine.scheme}://{netloc}:{engine.port}"
    if database:
        text += "/" + quote(database, safe="")
    if tls and engine.scheme in ("mysql", "postgresql"):
        text += "?ssl-mode=REQUIRED" if engine.scheme == "mysql" else "?sslmode=require"
    elif tls and engine.scheme == "redis":
        text = "rediss" + text[len("redis"):]
    elif tls and engine.scheme == "mongodb":
        text += "?tls=true"
    return text
