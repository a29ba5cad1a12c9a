"""One-line errors for everything that can go wrong between us and Trove.

Every message names the service and the host it was reached at, then what
went wrong. A mutating request whose fate is unknown says so, and how to
check, because it is never sent twice (see docs/reliability.md).
"""

from http import HTTPStatus

from osc_lib import exceptions

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

# How to see what a request on a collection did: the first match in the path wins.
_HOW_TO_CHECK = (
    ("users", "openstack database user list <instance>"),
    ("databases", "openstack database db list <instance>"),
    ("root", "openstack database root show <instance>"),
    ("backup_strategies", "openstack database backup strategy list"),
    ("backups", "openstack database backup list"),
    ("instances", "openstack database instance list"),
)


class RequestFailed(exceptions.CommandError):
    """No usable answer: the network failed, or the answer was not what Trove sends.

    `transient` tells whether trying again later may succeed (--wait polls on).
    """

    def __init__(self, message, transient=False):
        super().__init__(message)
        self.transient = transient


def where(host, service=None):
    return f"{service or SERVICE} at {host}"


def status_text(response):
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason or "HTTP error"
    return f"{response.status_code} {phrase}"


def may_have_reached(method, path):
    """The sentence for a mutating request that may have been carried out."""
    words = path.split("?", 1)[0].split("/")
    check = next((how for word, how in _HOW_TO_CHECK if word in words), None)
    hint = f"check with `{check}`" if check else "check its state"
    return f"the {method} request may have reached the server: {hint} before trying again"


def http_error(response, method, path, host, retry_after=None, tries=1):
    """The osc-lib exception for an error answer, with one readable line."""
    status = response.status_code
    message = server_message(response)
    if message is None:
        message = f"{where(host)} answered {status_text(response)}"
    if retry_after is not None:
        message += f"; it asks to try again in {retry_after:g} s"
    if tries > 1:
        message += f" (tried {tries} times)"
    if method != "GET" and status in _UNCERTAIN_STATUSES and retry_after is None:
        message += f"; {may_have_reached(method, path)}"
    return _ERRORS_BY_STATUS.get(status, exceptions.ClientException)(status, message)


def server_message(response):
    """Trove's own message (`{"itemNotFound": {"message": ...}}`), or None.

    Bodies that are not JSON (a proxy's HTML page, a stack trace) are never
    shown: the status stands for them.
    """
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, dict):
        for value in body.values():
            if isinstance(value, dict) and value.get("message"):
                return one_line(value["message"])
        if body.get("message"):
            return one_line(body["message"])
    return None


def one_line(text):
    return " ".join(str(text).split())


def bad_body(response, method, path, host):
    """A success answer whose body cannot be what Trove sent."""
    content_type = response.headers.get("Content-Type", "no content type")
    if not response.content:
        what = "an empty body where JSON was expected"
    elif "json" in content_type:
        what = "JSON that does not parse (cut short?)"
    else:
        what = f"a body that is not JSON ({content_type.split(';')[0]})"
    message = f"{where(host)} answered {status_text(response)} with {what}"
    if method != "GET":
        message += f"; {may_have_reached(method, path)}"
    return RequestFailed(message)


def transport_error(reason, method, path, host, sent, tries=1, transient=True, service=None):
    """A request that got no answer: `reason` says why; `sent` whether it left."""
    message = f"{where(host, service)}: {reason}"
    if tries > 1:
        message += f" (tried {tries} times)"
    if method != "GET":
        if sent:
            message += f"; {may_have_reached(method, path)}"
        else:
            message += f"; the {method} request was not sent"
    return RequestFailed(message, transient=transient)
