"""Faults injected between `openstack` and the local cloud: each ends as docs/reliability.md says.

`openstack` logs in through tests/functional/fault_proxy.py, which hands out a
catalog whose Trove is the proxy itself, then spoils Trove's answers per test.
"""

import re

import pytest

from tests.functional.fault_proxy import Fault
from tests.functional.helpers import made_instance, ok, one_line_error, unique, wait_instance

HTML = b"<html><body><h1>Bad things</h1><p>a proxy's page</p></body></html>"
HTML_TYPE = {"Content-Type": "text/html"}


@pytest.fixture
def inject(proxy):
    yield proxy.inject
    proxy.inject(None)


@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, unique("faults")) as row:
        yield row


def flavor_list(proxied):
    return proxied.openstack("database", "flavor", "list", "-f", "json")


def host(proxy, port=None):
    return f"127.0.0.1:{port or proxy.port}"


def test_requests_pass_through_the_proxy(proxied, proxy, inject):
    inject(None)
    assert ok(flavor_list(proxied)).json()
    assert proxy.trove_requests("GET") and proxy.logins()


# --- reads: a transient failure is retried, a lasting one ends in one line ---------------


@pytest.mark.parametrize("fault", [
    Fault("status", status=502, body=HTML, headers=HTML_TYPE, times=1),
    Fault("status", status=503, times=1),
    Fault("status", status=504, times=1),
    Fault("status", status=503, headers={"Retry-After": "1"}, times=1),
    Fault("status", status=413, headers={"Retry-After": "1"}, times=1,
          body=b'{"overLimit": {"code": 413, "message": "This request was rate-limited."}}'),
    Fault("reset", times=1),
], ids=["502", "503", "504", "503-retry-after", "413-retry-after", "reset"])
def test_a_read_survives_one_transient_failure(proxied, proxy, inject, fault):
    inject(fault)
    assert ok(flavor_list(proxied)).json()
    assert [s[3] for s in proxy.trove_requests()] == [fault.kind, "passed"]


def test_a_lasting_502_ends_after_three_tries(proxied, proxy, inject):
    inject(Fault("status", status=502, body=HTML, headers=HTML_TYPE))
    assert one_line_error(*flavor_list(proxied)) == (
        f"Database service at {host(proxy)} answered 502 Bad Gateway (tried 3 times) (HTTP 502)"
    )
    assert len(proxy.trove_requests()) == 3


def test_connection_refused(proxied, proxy, inject):
    inject(Fault("refused"))
    assert one_line_error(*flavor_list(proxied)) == (
        f"Database service at {host(proxy, proxy.dead_port)}: could not connect "
        "(connection refused) (tried 3 times)"
    )


def test_a_lasting_reset_mid_answer(proxied, proxy, inject):
    inject(Fault("reset"))
    assert one_line_error(*flavor_list(proxied)) == (
        f"Database service at {host(proxy)}: connection reset before the whole answer arrived "
        "(tried 3 times)"
    )


def test_an_answer_slower_than_the_timeout_is_not_waited_for_twice(proxied, proxy, inject):
    inject(Fault("slow", delay=2.5))
    proxied.env["OS_API_TIMEOUT"] = "1"
    try:
        result = flavor_list(proxied)
    finally:
        del proxied.env["OS_API_TIMEOUT"]
    assert one_line_error(*result) == (
        f"Database service at {host(proxy)}: no answer within 1 s (OS_API_TIMEOUT sets the limit)"
    )
    assert len(proxy.trove_requests()) == 1


@pytest.mark.parametrize("fault, ending", [
    (Fault("status", status=500, body=HTML, headers=HTML_TYPE),
     "answered 500 Internal Server Error (HTTP 500)"),
    (Fault("status", status=503, headers={"Retry-After": "60"}),
     "answered 503 Service Unavailable; it asks to try again in 60 s (HTTP 503)"),
    (Fault("body", body=HTML, headers=HTML_TYPE),
     "answered 200 OK with a body that is not JSON (text/html)"),
    (Fault("body", body=b""), "answered 200 OK with an empty body where JSON was expected"),
    (Fault("body", body=b'{"flavors": [{"id": "1", "name": "m1.ti'),
     "answered 200 OK with JSON that does not parse (cut short?)"),
], ids=["500-html", "503-retry-after-60", "200-html", "200-empty", "200-truncated"])
def test_answers_that_cannot_be_trusted_end_in_one_line(proxied, proxy, inject, fault, ending):
    inject(fault)
    assert one_line_error(*flavor_list(proxied)) == f"Database service at {host(proxy)} {ending}"
    assert len(proxy.trove_requests()) == 1


# --- mutations: never sent twice --------------------------------------------------------


def test_a_create_whose_answer_is_lost_is_not_sent_again(proxied, proxy, inject, instance,
                                                        demo_api):
    inject(Fault("reset", methods=("POST",)))
    result = proxied.openstack("database", "db", "create", instance["id"], "lost_answer")
    assert one_line_error(*result) == (
        f"Database service at {host(proxy)}: connection reset before the whole answer arrived; "
        "the POST request may have reached the server: check with "
        "`openstack database db list <instance>` before trying again"
    )
    assert len(proxy.trove_requests("POST")) == 1
    # It did reach the server: the check the message names would show it.
    assert "lost_answer" in [db["name"] for db in demo_api.databases.list(instance["id"])]


def test_a_refused_create_was_not_sent(proxied, proxy, inject, instance):
    inject(Fault("refused"))
    result = proxied.openstack("database", "db", "create", instance["id"], "never_sent")
    assert one_line_error(*result).endswith(
        "could not connect (connection refused); the POST request was not sent"
    )


# --- --wait: token expiry and transient errors are lived through ---------------------------


def restart(proxied, instance):
    return proxied.openstack("database", "instance", "restart", instance["id"], "--wait",
                             "--wait-timeout", "60")


def test_wait_survives_a_token_expiring_midway(proxied, proxy, inject, instance):
    inject(Fault("expire", after=2))
    result = ok(restart(proxied, instance))
    assert result.out == ""
    assert result.err.strip().splitlines()[-1].startswith(f"instance {instance['id']}: ACTIVE")
    assert [s[3] for s in proxy.trove_requests()].count("expire") == 1
    assert len(proxy.logins()) == 2  # the first login, then keystoneauth's new token


def test_wait_survives_a_transient_error_midway(proxied, proxy, inject, instance):
    inject(Fault("status", status=502, body=HTML, headers=HTML_TYPE, methods=("GET",),
                 after=1, times=3))
    result = ok(restart(proxied, instance))
    assert result.err.strip().splitlines()[-1].startswith(f"instance {instance['id']}: ACTIVE")


def test_wait_names_the_last_status_when_it_gives_up(proxied, proxy, inject, instance,
                                                     demo_api):
    inject(Fault("body", body=HTML, headers=HTML_TYPE, methods=("GET",), after=1))
    result = restart(proxied, instance)
    assert result.code == 1 and result.out == "" and "Traceback" not in result.err
    *progress, error = result.err.strip().splitlines()
    assert progress and all(line.startswith(f"instance {instance['id']}: ") for line in progress)
    assert re.fullmatch(
        rf"Gave up waiting for instance {instance['id']} after \d+s \(last status \w+\): "
        rf"Database service at {re.escape(host(proxy))} answered 200 OK with a body that is "
        r"not JSON \(text/html\)",
        error,
    ), error
    wait_instance(demo_api, instance["id"])  # leave it ACTIVE for the next test
