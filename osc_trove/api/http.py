"""HTTP for the Trove API: requests, error translation and paging."""

from urllib.parse import parse_qsl, unquote, urlsplit

from keystoneauth1 import adapter
from osc_lib import exceptions

from osc_trove.masking import HTTP_LOGGER, masked_logger

SERVICE_TYPE = "database"


class Http:
    """Sends requests to the Trove endpoint of the catalog and decodes answers."""

    def __init__(self, session, region_name=None, interface=None, endpoint_override=None):
        self.adapter = adapter.Adapter(
            session,
            service_type=SERVICE_TYPE,
            region_name=region_name,
            interface=interface,
            endpoint_override=endpoint_override,
            # keystoneauth logs request and response bodies here at DEBUG: passwords masked.
            logger=masked_logger(HTTP_LOGGER),
        )

    def request(self, method, path, **kwargs):
        """Return the decoded JSON body (None when there is none) or raise."""
        headers = kwargs.pop("headers", {})
        headers.setdefault("Accept", "application/json")
        response = self.adapter.request(path, method, headers=headers, raise_exc=False, **kwargs)
        if response.status_code >= 400:
            raise error_from_response(response)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            return None

    def get(self, path, params=None):
        return self.request("GET", path, params=params)

    def post(self, path, body=None):
        return self.request("POST", path, json=body)

    def put(self, path, body=None):
        return self.request("PUT", path, json=body)

    def patch(self, path, body=None):
        return self.request("PATCH", path, json=body)

    def delete(self, path, params=None):
        return self.request("DELETE", path, params=params)

    def paginate(self, path, key, params=None, limit=None, marker_quoted_twice=False):
        """Yield the items under `key` of every page, following `next` links.

        Trove's links always say https and name its own host, so only their
        query (marker, offset, limit) is taken; the URL stays the catalog's.
        `limit` caps the total number of items yielded. Database and user
        lists quote their marker twice in the link (`marker_quoted_twice`):
        reading the query undoes one quoting, the other is undone here.
        """
        params = dict(params or {})
        remaining = limit
        while remaining is None or remaining > 0:
            if remaining is not None:
                params["limit"] = remaining
            body = self.get(path, params=params) or {}
            items = body.get(key) or []
            yield from items[:remaining]
            if remaining is not None:
                remaining -= min(len(items), remaining)
            next_query = next_page_query(body)
            if not items or next_query is None:
                return
            if marker_quoted_twice and "marker" in next_query:
                next_query["marker"] = unquote(next_query["marker"])
            merged = {**params, **next_query}
            if merged == params:
                return  # the server pointed at the page it just sent
            params = merged


def next_page_query(body):
    """The query parameters of the body's `next` link, or None on the last page."""
    for link in body.get("links") or []:
        if link.get("rel") == "next" and link.get("href"):
            return dict(parse_qsl(urlsplit(link["href"]).query))
    return None


_ERRORS_BY_STATUS = {
    cls.http_status: cls
    for cls in (
        exceptions.BadRequest,
        exceptions.Unauthorized,
        exceptions.Forbidden,
        exceptions.NotFound,
        exceptions.Conflict,
        exceptions.OverLimit,
        exceptions.HTTPNotImplemented,
    )
}


def error_from_response(response):
    """Turn an error answer into the osc-lib exception for its status."""
    message = server_message(response)
    status = response.status_code
    cls = _ERRORS_BY_STATUS.get(status, exceptions.ClientException)
    return cls(status, message)


def server_message(response):
    """Trove answers `{"itemNotFound": {"code": 404, "message": "..."}}`; dig the message out."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for value in body.values():
            if isinstance(value, dict) and value.get("message"):
                return str(value["message"]).strip()
        if body.get("message"):
            return str(body["message"]).strip()
    text = (response.text or "").strip()
    return text.splitlines()[0] if text else (response.reason or "HTTP error")
