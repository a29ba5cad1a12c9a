"""The errors of osc-trove's API, each one line.

Answers with an HTTP error status raise osc-lib's ClientException subclasses
(NotFound, BadRequest, ...: `code` is the status); everything else the API
raises is a TroveError. Every message about a request names the service and
the host it was reached at, then what went wrong. A mutating request whose
fate is unknown says so (and is never sent twice, see docs/reliability.md):
such an exception carries `uncertain_request`, (method, path), so that a
caller can say how to check.
"""

from http import HTTPStatus
from typing import Any, TypeVar

from osc_lib import exceptions
from requests import Response

from osc_trove.api import redact, releases

SERVICE = "Database service"

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

# 5xx answers after which a mutating request may or may not have been carried out.
_UNCERTAIN_STATUSES = {500, 502, 503, 504}

# An error of either kind (see _with_fate).
E = TypeVar("E", exceptions.ClientException, "RequestFailed")

# The advice in the message of a request that may have been carried out.
CHECK_STATE = "check its state"


class TroveError(Exception):
    """An error of osc-trove's API that is not an HTTP error answer."""

    uncertain_request: tuple[str, str] | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RequestFailed(TroveError):
    """No usable answer: the network failed, or the answer was not what Trove sends.

    `transient` tells whether trying again later may succeed.
    """

    def __init__(self, message: str, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class ResourceNotFound(TroveError, LookupError):
    """No resource has the name or ID given."""


class AmbiguousName(TroveError, LookupError):
    """Several resources share the name given.

    `narrowed_by` names the argument of `find` that tells them apart, if any.
    """

    def __init__(self, message: str, narrowed_by: str | None = None) -> None:
        super().__init__(message)
        self.narrowed_by = narrowed_by


class UnaddressableName(TroveError, ValueError):
    """A name Trove's URLs cannot carry (empty, or what its router misreads)."""


class NotInRelease(TroveError):
    """The cloud's Trove is older than the route asked for: it answered 404 from
    its router. `release` is the first Trove release with the route."""

    def __init__(self, message: str, release: str) -> None:
        super().__init__(message)
        self.release = release


class ServiceNotFound(TroveError):
    """The service catalog has no endpoint for a service needed."""


def where(host: str, service: str | None = None) -> str:
    return f"{service or SERVICE} at {host}"


def status_text(response: Response) -> str:
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason or "HTTP error"
    return f"{response.status_code} {phrase}"


def may_have_reached(method: str, path: str) -> str:
    """The sentence for a mutating request that may have been carried out."""
    return f"the {method} request may have reached the server: {CHECK_STATE} before trying again"


def _with_fate(err: E, method: str, path: str, uncertain: bool) -> E:
    """`err`, whose `uncertain_request` is (method, path) when the request may
    have been carried out (its message then says so), else None."""
    if uncertain:
        err.message += f"; {may_have_reached(method, path)}"
    marked: Any = err  # osc-lib's exceptions do not declare the attribute
    marked.uncertain_request = (method, path) if uncertain else None
    return err


def http_error(response: Response, method: str, path: str, host: str,
               retry_after: float | None = None, tries: int = 1) -> exceptions.ClientException:
    """The osc-lib exception for an error answer, with one readable line."""
    status = response.status_code
    message = server_message(response)
    if message is None:
        message = f"{where(host)} answered {status_text(response)}"
    if retry_after is not None:
        message += f"; it asks to try again in {retry_after:g} s"
    if tries > 1:
        message += f" (tried {tries} times)"
    uncertain = method != "GET" and status in _UNCERTAIN_STATUSES and retry_after is None
    error_class = _ERRORS_BY_STATUS.get(status, exceptions.ClientException)
    return _with_fate(error_class(status, message), method, path, uncertain)


def missing_route(response: Response, method: str, path: str) -> NotInRelease | None:
    """For a 404 to a request on a route newer than some supported release (see
    osc_trove.api.releases), answered by Trove's router rather than a controller,
    or a 400 refusing a value newer than the release: the error naming the release
    that brought it. None for any other answer (a missing resource on a route
    that exists is an ordinary NotFound)."""
    if response.status_code not in releases.STATUSES:
        return None
    newer = releases.newer(response.status_code, method, path, server_message(response) or "")
    if newer is None:
        return None
    return NotInRelease(releases.missing_route_message(newer), newer.release)


def server_message(response: Response) -> str | None:
    """Trove's own message (`{"itemNotFound": {"message": ...}}`), or None.

    Bodies that are not JSON (a proxy's HTML page, a stack trace) are never
    shown: the status stands for them. A password the request carried reads ***
    (Trove's validation errors quote the value they refuse).
    """
    try:
        body = response.json()
    except ValueError:
        return None
    message = None
    if isinstance(body, dict):
        message = next((value["message"] for value in body.values()
                        if isinstance(value, dict) and value.get("message")),
                       body.get("message"))
    if not message:
        return None
    request = getattr(response, "request", None)
    sent = redact.sent_passwords(getattr(request, "body", None))
    return one_line(redact.mask(str(message), sent))


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def bad_body(response: Response, method: str, path: str, host: str) -> RequestFailed:
    """A success answer whose body cannot be what Trove sent."""
    content_type = response.headers.get("Content-Type", "no content type")
    if not response.content:
        what = "an empty body where JSON was expected"
    elif "json" in content_type:
        what = "JSON that does not parse (cut short?)"
    else:
        what = f"a body that is not JSON ({content_type.split(';')[0]})"
    message = f"{where(host)} answered {status_text(response)} with {what}"
    return _with_fate(RequestFailed(message), method, path, method != "GET")


def transport_error(reason: str, method: str, path: str, host: str, sent: bool, tries: int = 1,
                    transient: bool = True, service: str | None = None) -> RequestFailed:
    """A request that got no answer: `reason` says why; `sent` whether it left."""
    message = f"{where(host, service)}: {reason}"
    if tries > 1:
        message += f" (tried {tries} times)"
    if method != "GET" and not sent:
        message += f"; the {method} request was not sent"
    err = RequestFailed(message, transient=transient)
    return _with_fate(err, method, path, method != "GET" and sent)
