"""The Python API of osc-trove: a thin client for the Trove v1.0 REST API.

    from keystoneauth1 import loading, session
    from osc_trove.api import TroveClient

    auth = loading.get_plugin_loader("password").load_from_options(...)
    trove = TroveClient(session.Session(auth=auth), region_name="RegionOne")
    for flavor in trove.flavors.list():
        print(flavor["name"])

Methods return the JSON the server sent (dicts and lists); HTTP errors raise
osc_lib.exceptions.ClientException subclasses carrying the server's message.
"""

from osc_trove.api.client import TroveClient

__all__ = ["TroveClient"]
