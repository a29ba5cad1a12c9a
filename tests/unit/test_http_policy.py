"""The retry and decoding policy of docs/reliability.md, through the real shell."""

import pytest
import requests
from keystoneauth1 import exceptions as ks_exceptions

from osc_trove.api import http
from tests.unit.helpers import IID, one_line_error

ACTION = f"/instances/{IID}/action"
EMPTY_LIST = {"json": {"instances": []}}
REFUSED = requests.exceptions.ConnectionError(
    "HTTPConnectionPool(host='trove.test', port=80): Max retries exceeded (Caused by "
    "NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))"
)
RESET = requests.exceptions.ConnectionError(
    "('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))"
)
HTML = "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
CHECK_LIST = "check with `openstack database instance list` before trying again"


@pytest.fixture
def pauses(monkeypatch):
    """The pauses between tries, taken without sleeping."""
    taken = []
    monkeypatch.setattr(http, "sleep", taken.append)
    return taken


def answers(*responses):
    """requests-mock's list of responses: dicts as they are, exceptions as `exc`."""
    return [r if isinstance(r, dict) else {"exc": r} for r in responses]


def instance_list(trove, *responses):
    trove.mocker.get(f"{trove_url()}/instances", answers(*responses))
    return trove.run("database", "instance", "list", "-f", "value")


def trove_url():
    from tests.unit.conftest import TROVE

    return TROVE


def sent(trove, method="GET"):
    return sum(1 for m, _ in trove.requests if m == method)


# --- reads: retried a bounded number of times ---------------------------------------------


@pytest.mark.parametrize("first", [
    {"status_code": 502, "text": HTML},
    {"status_code": 503, "json": {}},
    {"status_code": 504, "text": ""},
    REFUSED,
    RESET,
], ids=["502", "503", "504", "refused", "reset"])
def test_a_get_is_tried_again_after_a_transient_failure(trove, pauses, first):
    code, out, err = instance_list(trove, first, EMPTY_LIST)
    assert (code, out, err) == (0, "", "")
    assert sent(trove) == 2 and pauses == [0.5]


def test_a_get_gives_up_after_three_tries(trove, pauses):
    result = instance_list(trove, {"status_code": 503, "text": HTML})
    assert one_line_error(*result) == (
        "Database service at trove.test answered 503 Service Unavailable (tried 3 times) (HTTP 503)"
    )
    assert sent(trove) == 3 and pauses == [0.5, 1.0]


def test_a_refused_get_says_so_after_three_tries(trove, pauses):
    result = instance_list(trove, REFUSED)
    assert one_line_error(*result) == (
        "Database service at trove.test: could not connect (connection refused) (tried 3 times)"
    )
    assert sent(trove) == 3


@pytest.mark.parametrize("status", [413, 503])
def test_retry_after_is_honoured_up_to_the_cap(trove, pauses, status):
    limited = {"status_code": status, "headers": {"Retry-After": "2"},
               "json": {"overLimit": {"code": status, "message": "This request was rate-limited."}}}
    assert instance_list(trove, limited, EMPTY_LIST)[0] == 0
    assert pauses == [2.0]


def test_retry_after_beyond_the_cap_fails_at_once_saying_when(trove, pauses):
    limited = {"status_code": 413, "headers": {"Retry-After": "120"},
               "json": {"overLimit": {"code": 413, "message": "This request was rate-limited."}}}
    result = instance_list(trove, limited)
    assert one_line_error(*result) == (
        "This request was rate-limited.; it asks to try again in 120 s (HTTP 413)"
    )
    assert sent(trove) == 1 and pauses == []


def test_retry_after_may_be_a_date(trove, pauses):
    past = {"status_code": 503, "headers": {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}}
    assert instance_list(trove, past, EMPTY_LIST)[0] == 0
    assert pauses == [0.0]


def test_a_413_without_retry_after_is_a_quota_and_not_retried(trove, pauses):
    quota = {"status_code": 413,
             "json": {"overLimit": {"code": 413, "message": "Quota exceeded for instances."}}}
    assert one_line_error(*instance_list(trove, quota)) == (
        "Quota exceeded for instances. (HTTP 413)"
    )
    assert sent(trove) == 1


@pytest.mark.parametrize("status", [400, 403, 404, 409, 500])
def test_other_errors_are_not_retried(trove, pauses, status):
    instance_list(trove, {"status_code": status, "json": {}})
    assert sent(trove) == 1 and pauses == []


def test_a_401_logs_in_again_once_then_the_request_is_sent_again(trove, pauses):
    # keystoneauth's re-authentication: an expired or revoked token is replaced.
    code, _, err = instance_list(trove, {"status_code": 401, "json": {}}, EMPTY_LIST)
    assert code == 0, err
    logins = [r for r in trove.mocker.request_history if r.path.endswith("/auth/tokens")]
    assert len(logins) == 2 and sent(trove) == 2 and pauses == []


def test_a_timeout_is_not_retried_and_names_the_limit(pauses):
    import requests_mock
    from keystoneauth1 import session

    from osc_trove.api import TroveClient
    from osc_trove.api.errors import RequestFailed

    client = TroveClient(session.Session(timeout=1.5), endpoint_override="http://trove.test/v1")
    with requests_mock.Mocker() as mocker:
        mocker.get("http://trove.test/v1/flavors", exc=requests.exceptions.ReadTimeout("slow"))
        with pytest.raises(RequestFailed) as err:
            list(client.flavors.list())
    assert str(err.value) == (
        "Database service at trove.test: no answer within 1.5 s (OS_API_TIMEOUT sets the limit)"
    )
    assert err.value.transient is False
    assert mocker.call_count == 1 and mocker.request_history[0].timeout == 1.5


# --- answers that cannot be Trove's -------------------------------------------------------


@pytest.mark.parametrize("body, headers, what", [
    ("<html><body>Please log in</body></html>", {"Content-Type": "text/html"},
     "a body that is not JSON (text/html)"),
    ('{"instances": [{"id": "1", "na', {"Content-Type": "application/json"},
     "JSON that does not parse (cut short?)"),
    ("", {"Content-Type": "application/json"}, "an empty body where JSON was expected"),
], ids=["html", "truncated", "empty"])
def test_a_200_that_is_not_json_is_an_error_not_an_empty_list(trove, pauses, body, headers, what):
    result = instance_list(trove, {"text": body, "headers": headers})
    assert one_line_error(*result) == f"Database service at trove.test answered 200 OK with {what}"


def test_an_html_error_page_is_summed_up_in_one_line(trove, pauses):
    page = {"status_code": 500, "text": HTML, "headers": {"Content-Type": "text/html"}}
    assert one_line_error(*instance_list(trove, page)) == (
        "Database service at trove.test answered 500 Internal Server Error (HTTP 500)"
    )


def test_an_intentionally_empty_answer_to_an_action_is_fine(trove):
    trove.on("POST", ACTION, status=202)
    assert trove.run("database", "instance", "restart", IID) == (0, "", "")


# --- mutating requests: sent once, and the error says what to check -----------------------


@pytest.mark.parametrize("failure, what", [
    ({"status_code": 502, "text": HTML}, "answered 502 Bad Gateway"),
    ({"status_code": 504, "text": ""}, "answered 504 Gateway Timeout"),
    (RESET, ": connection reset before the whole answer arrived"),
    ({"status_code": 200, "text": "<html/>", "headers": {"Content-Type": "text/html"}},
     "answered 200 OK with a body that is not JSON (text/html)"),
], ids=["502", "504", "reset", "html-200"])
def test_a_post_is_never_sent_twice(trove, pauses, failure, what):
    trove.mocker.post(f"{trove_url()}{ACTION}", answers(failure))
    message = one_line_error(*trove.run("database", "instance", "restart", IID))
    assert message.startswith(f"Database service at trove.test{' ' if what[0] != ':' else ''}"
                              f"{what}; the POST request may have reached the server: "
                              f"{CHECK_LIST}")
    assert sent(trove, "POST") == 1 and pauses == []


def test_a_refused_post_was_not_sent(trove, pauses):
    trove.mocker.post(f"{trove_url()}{ACTION}", answers(REFUSED))
    assert one_line_error(*trove.run("database", "instance", "restart", IID)) == (
        "Database service at trove.test: could not connect (connection refused); "
        "the POST request was not sent"
    )


@pytest.mark.parametrize("path, check", [
    (f"/instances/{IID}/users", "openstack database user list <instance>"),
    (f"/instances/{IID}/databases", "openstack database db list <instance>"),
    (f"/instances/{IID}/root", "openstack database root show <instance>"),
    ("/backups", "openstack database backup list"),
    ("/backup_strategies", "openstack database backup strategy list"),
    ("/instances", "openstack database instance list"),
    ("/mgmt/elsewhere", None),
])
def test_the_check_named_fits_the_collection(path, check):
    from osc_lib import exceptions

    from osc_trove.api.errors import may_have_reached
    from osc_trove.cli.hints import add_hint

    # The API says nothing of `openstack`; the commands name the command to check with.
    assert may_have_reached("POST", path) == (
        "the POST request may have reached the server: check its state before trying again"
    )
    err = exceptions.ClientException(500, f"Boom; {may_have_reached('POST', path)}")
    err.uncertain_request = ("POST", path)
    add_hint(err)
    hint = f"check with `{check}`" if check else "check its state"
    assert str(err) == (
        f"Boom; the POST request may have reached the server: {hint} before trying again "
        "(HTTP 500)"
    )


def test_a_failure_reaching_keystone_names_the_identity_service():
    err = ks_exceptions.ConnectFailure(
        "Unable to establish connection to http://keystone.test:5000/v3/auth/tokens: "
        "NewConnectionError('Failed to establish a new connection: Connection refused')"
    )
    failure = http.Failure(err, None)
    assert (failure.host, failure.sent, failure.retriable) == ("keystone.test:5000", False, True)
    assert failure.service("trove.test") == "Identity service"
    assert failure.service("keystone.test:5000") is None


def test_the_error_hook_sees_each_request_error_once_and_its_answer_is_raised():
    import requests_mock
    from keystoneauth1 import session
    from osc_lib import exceptions

    seen = []

    def hook(err):
        seen.append(err)
        return exceptions.CommandError(f"hinted: {err.message}")

    client = http.Http(session.Session(), endpoint_override="http://trove.test/v1")
    client.on_error = hook
    with requests_mock.Mocker() as mocker:
        mocker.post("http://trove.test/v1/instances", status_code=409,
                    json={"conflictingRequest": {"message": "busy"}})
        with pytest.raises(exceptions.CommandError, match="^hinted: busy$"):
            client.post("/instances", {})
    assert [type(err) for err in seen] == [exceptions.Conflict]
