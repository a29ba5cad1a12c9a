"""HTTP for the Trove API: requests, the retry policy, decoding and paging.

The policy (docs/reliability.md): a GET is retried a bounded number of times
on connection failures and on 502/503/504, honouring `Retry-After` up to a
cap; any other method is sent once. Answers that cannot be Trove's (a body
that is not JSON, truncated JSON, an empty body to a GET) are errors.
keystoneauth's own retry options are not used: they apply to every method,
take a read timeout for a connection failure and obey any `Retry-After`.
A 404 from Trove's router to a route newer than the cloud's release becomes one
line naming the release that brought the route (osc_trove.api.releases).
"""

import os
import re
import time
from collections.abc import Iterable
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from keystoneauth1 import adapter
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1.session import Session
from osc_lib import exceptions
from requests import Response

from osc_trove.api.errors import (
    TroveError,
    UnaddressableName,
    bad_body,
    http_error,
    missing_route,
    transport_error,
)
from osc_trove.api.redact import HTTP_LOGGER, masked_logger
from osc_trove.api.shapes import Any, Callable, Params, Row, Rows

SERVICE_TYPE = "database"

# A GET is sent at most 1 + len(RETRY_DELAYS) times, pausing this long between tries.
RETRY_DELAYS = (0.5, 1.0)
RETRIABLE_STATUSES = {502, 503, 504}
# Statuses whose Retry-After is obeyed (up to RETRY_AFTER_CAP seconds) for a GET.
RETRY_AFTER_STATUSES = {413, 429, 503}
RETRY_AFTER_CAP = 5.0
TIMEOUT_VARIABLE = "OS_API_TIMEOUT"

# Module-level so that tests can replace it and never really sleep.
sleep = time.sleep

# Told how far a listing has got: (what is listed, e.g. "instances"; items read
# so far; whether the listing is over).
ProgressHook = Callable[[str, int, bool], None]
# Given every error a request raises, once, before it is raised; returns the
# error to raise (the command line adds its hints there: osc_trove.cli.hints).
ErrorHook = Callable[[Exception], Exception]


def segment(value: object, label: str = "") -> str:
    """One URL path segment naming `value`: every character quoted but the
    unreserved ones (`/` too), so that no name reaches another resource.

    Refused before any request: an empty value (the path would name the
    collection) and `.` or `..`. HTTP clients resolve those as steps of the
    path before sending (urllib3 removes dot segments), and requests decodes
    `%2E` back into a dot first, so no spelling of them reaches Trove as a name:
    `users/../databases/x` would go out as `databases/x`. `label` names what
    the value is in the message ("user").
    """
    text = str(value)
    if not text:
        raise UnaddressableName(f"The {label or 'resource'} name or ID is empty.")
    if is_dot_segment(text):
        raise unaddressable(label, text, "in a URL path it means a step of the path, "
                                         "and the request would reach another resource")
    return quote(text, safe="")


# The role Trove treats as an admin's by default (its `admin_roles` option and
# its `context_is_admin` policy rule both name it).
ADMIN_ROLE = "admin"


def may_be_admin(http: "Http") -> bool | None:
    """Whether the caller's token carries ADMIN_ROLE (read from the token in
    hand: no request); None when the session's auth shows no roles (a bare
    token and endpoint), so that only the server can tell."""
    session = http.adapter.session
    get_access = getattr(session.auth, "get_access", None)
    if get_access is None:
        return None
    return ADMIN_ROLE in (get_access(session).role_names or ())


def is_dot_segment(text: str) -> bool:
    return text in (".", "..")


def unaddressable(label: str, name: str, why: str) -> UnaddressableName:
    what = f"{label} '{name}'" if label else f"'{name}'"
    return UnaddressableName(f"Trove's API cannot address {what}: {why}.")


class Http:
    """Sends requests to the Trove endpoint of the catalog and decodes answers.

    `timeout` (seconds; default: the session's, else $OS_API_TIMEOUT) bounds each try.
    `service_type` picks the catalog entry (another service is reached through
    the same session). `on_progress`, when set, is told how far every listing
    has got (see ProgressHook); `on_error`, when set, sees every error a request
    raises before its caller does (see ErrorHook).
    """

    on_progress: ProgressHook | None = None
    on_error: ErrorHook | None = None

    def __init__(self, session: Session, region_name: str | None = None,
                 interface: str | None = None, endpoint_override: str | None = None,
                 timeout: float | None = None, service_type: str = SERVICE_TYPE) -> None:
        self.adapter = adapter.Adapter(
            session,
            service_type=service_type,
            region_name=region_name,
            interface=interface,
            endpoint_override=endpoint_override,
            # keystoneauth logs request and response bodies here at DEBUG: passwords masked.
            logger=masked_logger(HTTP_LOGGER),
        )
        # `openstack` does not always pass OS_API_TIMEOUT on to the session (not
        # with --os-cloud): it is read here too.
        self.timeout = timeout or session.timeout or _timeout_from_environment()

    def request(self, method: str, path: str, raw: bool = False, **kwargs: Any) -> Any:
        """Return the decoded JSON body (None when there is none), or with `raw` the
        body's bytes as they came; or raise (through `on_error`, when set)."""
        try:
            return self._send(method, path, raw, **kwargs)
        except (exceptions.ClientException, TroveError) as err:
            if self.on_error is None:
                raise
            raise self.on_error(err) from err.__cause__

    def _send(self, method: str, path: str, raw: bool, **kwargs: Any) -> Any:
        if any(is_dot_segment(part) for part in path.split("/")):
            # Every builder goes through segment(); this keeps a new one honest.
            raise unaddressable("", path, "a '.' or '..' segment would be resolved before "
                                          "sending, and the request would reach another resource")
        kwargs.setdefault("headers", {}).setdefault("Accept", "application/json")
        if self.timeout:
            kwargs.setdefault("timeout", self.timeout)
        tries = 1 + (len(RETRY_DELAYS) if method == "GET" else 0)
        for attempt in range(1, tries + 1):
            last = attempt == tries
            try:
                response = self.adapter.request(path, method, raise_exc=False, **kwargs)
            except ks_exceptions.ConnectionError as err:
                failure = Failure(err, self.timeout)
                if last or not failure.retriable:
                    host = failure.host or self._endpoint_host()
                    raise transport_error(failure.reason, method, path, host, failure.sent,
                                          tries=attempt, transient=failure.retriable,
                                          service=failure.service(self._endpoint_host())) from None
                sleep(RETRY_DELAYS[attempt - 1])
                continue
            host = urlsplit(response.url).netloc
            if response.status_code < 400:
                return response.content if raw else decode(response, method, path, host)
            missing = missing_route(response, method, path)
            if missing is not None:
                raise missing  # the release predates the route: one line says which brought it
            retry_after = retry_after_seconds(response)
            retriable = (response.status_code in RETRIABLE_STATUSES or retry_after is not None) \
                and (retry_after or 0) <= RETRY_AFTER_CAP
            if last or not retriable:
                raise http_error(response, method, path, host, retry_after, tries=attempt)
            sleep(RETRY_DELAYS[attempt - 1] if retry_after is None else retry_after)

    def _endpoint_host(self) -> str:
        try:
            return urlsplit(self.adapter.get_endpoint() or "").netloc
        except ks_exceptions.ClientException:
            return "its endpoint"

    def get(self, path: str, params: Params | None = None) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, json=body)

    def put(self, path: str, body: Any = None) -> Any:
        return self.request("PUT", path, json=body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.request("PATCH", path, json=body)

    def delete(self, path: str, params: Params | None = None) -> Any:
        return self.request("DELETE", path, params=params)

    def paginate(self, path: str, key: str, params: Params | None = None,
                 limit: int | None = None, marker_quoted_twice: bool = False) -> Rows:
        """Yield the items under `key` of every page, following `next` links.

        Trove's links always say https and name its own host, so only their
        query (marker, offset, limit) is taken; the URL stays the catalog's.
        `limit` caps the total number of items yielded. Database and user
        lists quote their marker twice in the link (`marker_quoted_twice`):
        reading the query undoes one quoting, the other is undone here.
        Params whose value is None are left out (an option not given).
        `on_progress`, when set, is told of every item and of the end.
        """
        rows = self._pages(path, key, params, limit, marker_quoted_twice)
        return rows if self.on_progress is None else counted(rows, key, self.on_progress)

    def _pages(self, path: str, key: str, params: Params | None, limit: int | None,
               marker_quoted_twice: bool) -> Rows:
        params = {k: v for k, v in (params or {}).items() if v is not None}
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


def counted(rows: Iterable[Row], what: str, hook: ProgressHook) -> Rows:
    """`rows`, calling `hook(what, n, False)` after each and `hook(what, n, True)`
    once the listing ends (read whole, or left)."""
    count = 0
    try:
        for row in rows:
            count += 1
            hook(what, count, False)
            yield row
    finally:
        hook(what, count, True)


def next_page_query(body: Row) -> dict[str, str] | None:
    """The query parameters of the body's `next` link, or None on the last page."""
    for link in body.get("links") or []:
        if link.get("rel") == "next" and link.get("href"):
            return dict(parse_qsl(urlsplit(link["href"]).query))
    return None


def decode(response: Response, method: str, path: str, host: str) -> Any:
    """The JSON of a success answer; None for an intentionally empty one (not to a GET)."""
    if not response.content and method != "GET":
        return None
    try:
        return response.json()
    except ValueError:
        raise bad_body(response, method, path, host) from None


def retry_after_seconds(response: Response) -> float | None:
    """The pause a 413/429/503 asks for (seconds or an HTTP date), or None."""
    value = response.headers.get("Retry-After", "").strip()
    if response.status_code not in RETRY_AFTER_STATUSES or not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class Failure:
    """What a keystoneauth connection error means for the policy."""

    def __init__(self, err: ks_exceptions.ConnectionError, timeout: float | None) -> None:
        text = str(err)
        url = re.search(r"https?://[^/\s:]+(?::\d+)?", text)
        self.host = urlsplit(url.group(0)).netloc if url else None
        # Refused or unresolvable: nothing reached the server.
        self.sent = not re.search(r"NewConnectionError|NameResolution|Failed to establish", text)
        self.retriable = not isinstance(err, (ks_exceptions.ConnectTimeout,
                                              ks_exceptions.SSLError))
        if isinstance(err, ks_exceptions.ConnectTimeout):
            limit = f" within {timeout:g} s" if timeout else ""
            self.reason = f"no answer{limit} ({TIMEOUT_VARIABLE} sets the limit)"
        elif isinstance(err, ks_exceptions.SSLError):
            self.reason = tls_reason(text)
        elif "refused" in text.lower():
            self.reason = "could not connect (connection refused)"
        elif "NameResolution" in text or "not known" in text:
            self.reason = "could not resolve the host name"
        elif not self.sent:
            self.reason = "could not connect"
        elif "reset" in text.lower():
            self.reason = "connection reset before the whole answer arrived"
        elif "IncompleteRead" in text or "Connection broken" in text:
            self.reason = "the answer was cut short"
        else:
            self.reason = "connection closed without an answer"

    def service(self, trove_host: str) -> str | None:
        """Keystone is the other server a request may touch (re-authentication)."""
        return None if self.host in (None, trove_host) else "Identity service"


# What OpenSSL's words in a TLS error mean for the user, first match wins.
TLS_REASONS = (
    (("WRONG_VERSION_NUMBER", "record layer failure", "packet length too long",
      "unknown protocol"), "the server does not speak TLS there (plain HTTP on an https URL?)"),
    (("NO_CERTIFICATE_OR_CRL_FOUND",), "the CA file holds no certificate (--os-cacert)"),
    (("mismatch", "doesn't match"), "the server's certificate is not valid for its host name"),
    (("has expired", "certificate expired"), "the server's certificate has expired"),
    (("CERTIFICATE_VERIFY_FAILED",), "the server's certificate is not signed by a trusted CA "
                                     "(--os-cacert names the CA file to trust)"),
)


def tls_reason(text: str) -> str:
    """One line saying which TLS problem an SSL error's text describes."""
    for words, reason in TLS_REASONS:
        if any(word in text for word in words):
            return f"TLS failure: {reason}"
    detail = re.search(r"\[SSL[^\]]*\] ([^(]+)", text)
    return f"TLS failure: {detail.group(1).strip()}" if detail else "TLS failure"


def _timeout_from_environment() -> float | None:
    try:
        return float(os.environ.get(TIMEOUT_VARIABLE, "")) or None
    except ValueError:
        return None
