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

__all__ = [
    "AmbiguousName",
    "RequestFailed",
    "ResourceNotFound",
    "ServiceNotFound",
    "TroveClient",
    "TroveError",
    "UnaddressableName",
]
