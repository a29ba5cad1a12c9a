"""The Python API of osc-trove: a thin client for the Trove v1.0 REST API.

    from keystoneauth1 import loading, session
    from osc_trove.api import TroveClient

    auth = loading.get_plugin_loader("password").load_from_options(...)
    trove = TroveClient(session.Session(auth=auth), region_name="RegionOne")
    for flavor in trove.flavors.list():
        print(flavor["name"])

Methods return the JSON the server sent (dicts and lists). Answers with an
HTTP error status raise osc_lib.exceptions.ClientException subclasses carrying
the server's message; every other error is a TroveError (osc_trove.api.errors):
RequestFailed (no usable answer), ResourceNotFound and AmbiguousName (a name
or ID matching no resource, or several), UnaddressableName, ServiceNotFound.

Trove's work is asynchronous: wait_for_status(get, "ACTIVE") and
wait_for_delete(get) poll `get` with backoff until it is done, calling an
optional progress(row, elapsed) and printing nothing; a wait that fails raises
a WaitError (WaitTimedOut, ResourceFailed with the server's fault message,
ResourceGone, WaitGaveUp). osc_trove.api.waiting.wait_for takes any predicates.
"""

from osc_trove.api.client import TroveClient
from osc_trove.api.errors import (
    AmbiguousName,
    RequestFailed,
    ResourceNotFound,
    ServiceNotFound,
    TroveError,
    UnaddressableName,
)
from osc_trove.api.waiting import (
    ResourceFailed,
    ResourceGone,
    WaitError,
    WaitGaveUp,
    WaitTimedOut,
    wait_for_delete,
    wait_for_status,
)

__all__ = [
    "AmbiguousName",
    "RequestFailed",
    "ResourceFailed",
    "ResourceGone",
    "ResourceNotFound",
    "ServiceNotFound",
    "TroveClient",
    "TroveError",
    "UnaddressableName",
    "WaitError",
    "WaitGaveUp",
    "WaitTimedOut",
    "wait_for_delete",
    "wait_for_status",
]
