"""Reading the object store (Swift API) of the catalog, with the session `openstack` has.

Whatever authenticated the session (password, token, application credential,
single sign-on) also reads objects: no second login, no password needed.
"""

from urllib.parse import quote

from keystoneauth1 import exceptions as ksa_exceptions
from keystoneauth1.session import Session

from osc_trove.api.errors import ServiceNotFound
from osc_trove.api.http import Http
from osc_trove.api.shapes import Any, Params

# Objects per listing request; a shorter page is the last one.
PAGE = 1000


class ObjectStore:
    """The catalog's object store, through Http's policy (never Trove's endpoint override)."""

    def __init__(self, session: Session, region_name: str | None = None,
                 interface: str | None = None) -> None:
        self.http = Http(session, region_name, interface, service_type="object-store")

    def _get(self, path: str, params: Params | None = None, raw: bool = False) -> Any:
        try:
            return self.http.request("GET", path, raw=raw, params=params)
        except ksa_exceptions.EndpointNotFound:
            raise ServiceNotFound(
                "The service catalog has no object-store endpoint to read published logs from."
            ) from None

    def object_names(self, container: str, prefix: str = "") -> list[str]:
        """The names of the container's objects starting with `prefix`, in name order."""
        names: list[str] = []
        marker = None
        while True:
            params: Params = {"format": "json", "prefix": prefix, "limit": PAGE}
            if marker:
                params["marker"] = marker
            page = self._get("/" + quote(container, safe=""), params=params) or []
            names += [item["name"] for item in page]
            if len(page) < PAGE:
                return names
            marker = page[-1]["name"]

    def read(self, container: str, name: str) -> bytes:
        """The contents of one object, as bytes."""
        path = "/" + quote(container, safe="") + "/" + quote(name, safe="/")
        return self._get(path, raw=True)
