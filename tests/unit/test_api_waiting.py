"""The API's waiter (osc_trove.api.waiting): polls Trove, prints nothing, raises typed errors."""

import pytest
import requests_mock as rm
from keystoneauth1 import session
from osc_lib import exceptions

import osc_trove.api
from osc_trove.api import TroveClient, TroveError, quirks, waiting
from tests.unit.helpers import IID

API = "http://trove.test/v1.0/p1"


@pytest.fixture
def api():
    with rm.Mocker() as mocker:
        yield TroveClient(session.Session(), endpoint_override=API), mocker


def shown(*statuses, **extra):
    """GET /instances/IID answers an instance in each of `statuses` in turn."""
    return [{"json": {"instance": {"id": IID, "status": s, **extra}}} for s in statuses]


def test_waits_for_a_status_reporting_each_poll_and_printing_nothing(api, fake_time, capsys):
    trove, mocker = api
    mocker.get(f"{API}/instances/{IID}", shown("BUILD", "BUILD", "ACTIVE"))
    seen = []
    row = osc_trove.api.wait_for_status(
        lambda: trove.instances.get(IID), "ACTIVE",
        progress=lambda item, elapsed: seen.append((item["status"], elapsed)))
    assert row == {"id": IID, "status": "ACTIVE"}
    assert seen == [("BUILD", 0.0), ("BUILD", 1.0), ("ACTIVE", 2.5)]
    assert fake_time.sleeps == [1.0, 1.5]
    assert len(mocker.request_history) == 3
    assert capsys.readouterr() == ("", "")


def test_an_error_status_raises_with_the_servers_fault(api, fake_time):
    trove, mocker = api
    fault = {"message": "No valid host was found.", "code": 500}
    mocker.get(f"{API}/instances/{IID}", shown("BUILD", "ERROR", fault=fault))
    with pytest.raises(osc_trove.api.ResourceFailed) as caught:
        osc_trove.api.wait_for_status(lambda: trove.instances.get(IID), "ACTIVE",
                                      subject="instance db1")
    err = caught.value
    assert isinstance(err, TroveError) and not isinstance(err, exceptions.CommandError)
    assert str(err) == "instance db1 went to ERROR after 1s: No valid host was found."
    assert (err.status, err.fault, err.item["id"]) == ("ERROR", fault["message"], IID)


def test_a_timeout_raises_after_the_last_poll_it_allows(fake_time):
    with pytest.raises(osc_trove.api.WaitTimedOut) as caught:
        waiting.wait_for_status(lambda: {"status": "BUILD"}, "ACTIVE", timeout=3)
    assert str(caught.value) == "Timed out after 3s waiting for the resource (status BUILD)."
    assert caught.value.status == "BUILD"
    assert fake_time.sleeps == [1.0, 1.5, 0.5]  # the last pause ends at the timeout


def test_a_delete_is_done_at_the_404(api, fake_time):
    trove, mocker = api
    mocker.get(f"{API}/instances/{IID}",
               shown("SHUTDOWN") + [{"status_code": 404, "json": {"itemNotFound": {
                   "code": 404, "message": "Instance could not be found."}}}])
    seen = []
    assert osc_trove.api.wait_for_delete(
        lambda: trove.instances.get(IID),
        progress=lambda item, elapsed: seen.append(item and item["status"])) is None
    assert seen == ["SHUTDOWN", None]


def test_a_resource_gone_while_waiting_for_a_status_is_an_error(fake_time):
    def gone():
        raise exceptions.NotFound(404, "gone")

    with pytest.raises(osc_trove.api.ResourceGone, match=r"^backup b1 disappeared after 0s\.$"):
        waiting.wait_for_status(gone, "COMPLETED", subject="backup b1")


def test_server_errors_are_polled_through_a_few_times_then_end_the_wait(fake_time):
    answers = iter([{"status": "BUILD"}] + [exceptions.ClientException(503, "busy")] * 3
                   + [{"status": "ACTIVE"}])

    def get():
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert waiting.wait_for_status(get, "ACTIVE") == {"status": "ACTIVE"}

    def busy():
        raise exceptions.ClientException(503, "busy")

    with pytest.raises(osc_trove.api.WaitGaveUp) as caught:
        waiting.wait_for_status(busy, "ACTIVE")
    assert caught.value.reason.code == 503
    assert "no status seen yet" in str(caught.value)


def test_a_refusal_ends_the_wait_at_once(fake_time):
    def forbidden():
        raise exceptions.Forbidden(403, "Policy does not allow it.")

    with pytest.raises(osc_trove.api.WaitGaveUp) as caught:
        waiting.wait_for_status(forbidden, "ACTIVE")
    assert fake_time.sleeps == []
    assert isinstance(caught.value.reason, exceptions.Forbidden)


def test_sleep_and_clock_can_be_given():
    ticks = iter(range(100))
    slept = []
    row = waiting.wait_for(iter([{"status": "NEW"}, {"status": "COMPLETED"}]).__next__,
                           waiting.status_in("COMPLETED"), sleep=slept.append,
                           clock=lambda: next(ticks))
    assert row == {"status": "COMPLETED"} and slept == [1.0]


def test_the_api_waiter_imports_no_command_line_code():
    import subprocess
    import sys

    loaded = subprocess.run(
        [sys.executable, "-c", "import osc_trove.api.waiting, sys; "
         "print(sorted(m for m in sys.modules if m.startswith('osc_trove.')))"],
        capture_output=True, text=True, check=True).stdout
    assert "osc_trove.api.waiting" in loaded
    assert "osc_trove.cli" not in loaded and "osc_trove.plugin" not in loaded


# --- quirks.keeping_configuration waits with this waiter -----------------------------------

CID = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
GROUP = {"id": CID, "name": "tuned"}


def test_a_detached_group_is_attached_again_once_the_api_waiter_sees_active(api, fake_time):
    trove, mocker = api
    mocker.put(f"{API}/instances/{IID}", status_code=202)
    mocker.get(f"{API}/instances/{IID}", [
        {"json": {"instance": {"id": IID, "status": "ACTIVE", "configuration": GROUP}}},
        *shown("ACTIVE"), *shown("RESTART"), *shown("ACTIVE")])
    told, polled = [], []
    kept = quirks.keeping_configuration(
        trove.instances, IID, lambda: trove.instances.update(IID, name="db2"), True,
        on_detached=told.append, progress=lambda row, _: polled.append(row["status"]))
    assert kept == quirks.KeptConfiguration(None, detached=GROUP, attached_again=True)
    assert told == [GROUP] and polled == ["RESTART", "ACTIVE"]
    assert [r.method for r in mocker.request_history] == ["GET", "PUT", "GET", "GET", "GET",
                                                          "PUT"]
    assert mocker.request_history[-1].json() == {"instance": {"configuration": CID}}
    assert fake_time.sleeps == [1.0]


def test_an_instance_that_fails_before_the_attach_keeps_it_from_being_attached(api, fake_time):
    trove, mocker = api
    mocker.put(f"{API}/instances/{IID}", status_code=202)
    mocker.get(f"{API}/instances/{IID}", [
        {"json": {"instance": {"id": IID, "status": "ACTIVE", "configuration": GROUP}}},
        *shown("ACTIVE"), *shown("RESTART_REQUIRED")])
    with pytest.raises(quirks.GroupNotAttachedAgain) as caught:
        quirks.keeping_configuration(trove.instances, IID,
                                     lambda: trove.instances.update(IID, name="db2"), True)
    assert isinstance(caught.value.reason, osc_trove.api.ResourceFailed)
    assert str(caught.value) == (f"Could not attach configuration group '{CID}' again "
                                 f"(instance {IID} went to RESTART_REQUIRED after 0s.)")
    assert [r.method for r in mocker.request_history] == ["GET", "PUT", "GET", "GET"]
