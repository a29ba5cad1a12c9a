"""The one --wait implementation: polling, backoff, progress, success and failure."""

import io
import itertools

import pytest
from osc_lib import exceptions

from osc_trove.api import waiting
from osc_trove.cli import wait


class Tty(io.StringIO):
    def isatty(self):
        return True


def getter(*answers):
    """get() answering each of `answers` in turn (an exception is raised), the last forever."""
    answers = list(answers)
    calls = itertools.count()

    def get():
        answer = answers[min(next(calls), len(answers) - 1)]
        if isinstance(answer, Exception):
            raise answer
        return answer if isinstance(answer, dict) else {"status": answer}

    return get


def test_polls_until_done_and_reports_each_change_once_per_line(fake_time):
    stream = io.StringIO()
    item = wait.wait_for(
        getter("BUILD", "BUILD", "BUILD", "ACTIVE"),
        "instance db1",
        wait.status_in("ACTIVE"),
        stream=stream,
    )
    assert item == {"status": "ACTIVE"}
    assert stream.getvalue() == "instance db1: BUILD (0s)\ninstance db1: ACTIVE (4s)\n"
    # backoff: 1s, then 1.5 times longer each time
    assert fake_time.sleeps == [1.0, 1.5, 2.25]


def test_backoff_is_capped():
    assert list(itertools.islice(wait.delays(first=2, factor=2, cap=5), 5)) == [2, 4, 5, 5, 5]


def test_a_terminal_gets_one_updating_line(fake_time):
    stream = Tty()
    wait.wait_for(
        getter("RESIZE", "RESIZE", "ACTIVE"), "instance db1", wait.status_in("ACTIVE"),
        stream=stream,
    )
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    frames = text.rstrip("\n").split("\r\x1b[K")[1:]
    assert frames == [
        "instance db1: RESIZE (0s), 0s elapsed",
        "instance db1: RESIZE (0s), 1s elapsed",
        "instance db1: RESIZE (0s) -> ACTIVE (2s), 2s elapsed",
    ]


def test_error_fails_with_the_servers_fault(fake_time):
    stream = io.StringIO()
    with pytest.raises(wait.WaitFailed) as err:
        wait.wait_for(
            getter("BUILD", {"status": "ERROR", "fault": {"message": "No valid host."}}),
            "instance db1",
            wait.status_in("ACTIVE"),
            stream=stream,
        )
    assert str(err.value) == "instance db1 went to ERROR after 1s: No valid host."
    assert isinstance(err.value, exceptions.CommandError)  # cliff: one line, exit 1
    assert stream.getvalue().splitlines() == [
        "instance db1: BUILD (0s)",
        "instance db1: ERROR (1s)",
    ]


def test_timeout_names_the_status_and_fault(fake_time):
    with pytest.raises(wait.WaitFailed) as err:
        wait.wait_for(
            getter({"status": "BUILD", "fault": {"message": "Slow disk."}}),
            "instance db1",
            wait.status_in("ACTIVE"),
            timeout=10,
            stream=io.StringIO(),
        )
    assert str(err.value) == (
        "Timed out after 10s waiting for instance db1 (status BUILD): Slow disk."
    )
    assert sum(fake_time.sleeps) == 10  # the last pause is cut to the time left


def test_timeout_without_fault_ends_with_a_full_stop(fake_time):
    with pytest.raises(wait.WaitFailed, match=r"^Timed out after 2s .* \(status BUILD\)\.$"):
        wait.wait_for(getter("BUILD"), "x", wait.status_in("ACTIVE"), timeout=2,
                      stream=io.StringIO())


def test_until_gone_succeeds_on_404(fake_time):
    stream = io.StringIO()
    result = wait.wait_for(
        getter("SHUTDOWN", "SHUTDOWN", exceptions.NotFound(404)),
        "instance db1",
        lambda item: False,
        until_gone=True,
        stream=stream,
    )
    assert result is None
    assert stream.getvalue().splitlines() == [
        "instance db1: SHUTDOWN (0s)",
        "instance db1: DELETED (2s)",
    ]


def test_a_404_is_a_failure_unless_waiting_for_deletion(fake_time):
    with pytest.raises(wait.WaitFailed, match="instance db1 disappeared after 1s"):
        wait.wait_for(
            getter("RESIZE", exceptions.NotFound(404)),
            "instance db1",
            wait.status_in("ACTIVE"),
            stream=io.StringIO(),
        )


def test_other_server_errors_stop_the_wait(fake_time):
    with pytest.raises(wait.WaitFailed) as err:
        wait.wait_for(getter("BUILD", exceptions.Forbidden(403, "Not yours.")), "x",
                      wait.status_in("ACTIVE"), stream=io.StringIO())
    assert str(err.value) == (
        "Gave up waiting for x after 1s (last status BUILD): Not yours. (HTTP 403)"
    )


def test_custom_predicates_and_status(fake_time):
    backup = [{"state": "NEW"}, {"state": "BUILDING"}, {"state": "FAILED"}]
    calls = iter(backup)
    with pytest.raises(wait.WaitFailed, match="backup b1 went to FAILED after 2s.$"):
        wait.wait_for(
            lambda: next(calls),
            "backup b1",
            lambda b: b["state"] == "COMPLETED",
            lambda b: b["state"] == "FAILED",
            status_of=lambda b: b["state"],
            stream=io.StringIO(),
        )


def test_elapsed_text():
    assert [wait.elapsed_text(s) for s in (0, 4.6, 59, 60, 125, 3600)] == [
        "0s", "4s", "59s", "1m00s", "2m05s", "60m00s",
    ]


def test_wait_timeout_option_rejects_nonsense():
    import argparse

    parser = argparse.ArgumentParser()
    wait.add_wait_options(parser, "done")
    assert parser.parse_args([]).wait_timeout == wait.DEFAULT_TIMEOUT
    assert parser.parse_args(["--wait", "--wait-timeout", "30"]).wait_timeout == 30
    for bad in ("0", "-5", "ten"):
        with pytest.raises(SystemExit):
            parser.parse_args(["--wait-timeout", bad])


def test_a_few_network_errors_and_5xx_answers_are_polled_through(fake_time):
    from osc_trove.api.errors import RequestFailed

    stream = io.StringIO()
    item = wait.wait_for(
        getter(
            "RESIZE",
            RequestFailed("refused", transient=True),
            exceptions.ClientException(503, "busy"),
            exceptions.ClientException(500, "oops"),
            "RESIZE",
            RequestFailed("refused", transient=True),
            "ACTIVE",
        ),
        "instance db1",
        wait.status_in("ACTIVE"),
        stream=stream,
    )
    assert item == {"status": "ACTIVE"}
    assert stream.getvalue().splitlines()[-1].startswith("instance db1: ACTIVE")


def test_too_many_errors_in_a_row_end_the_wait(fake_time):
    errors = [exceptions.ClientException(503, "busy")] * (waiting.TRANSIENT_TRIES + 1)
    with pytest.raises(wait.WaitFailed) as err:
        wait.wait_for(getter("BUILD", *errors), "x", wait.status_in("ACTIVE"),
                      stream=io.StringIO())
    assert str(err.value) == "Gave up waiting for x after 8s (last status BUILD): busy (HTTP 503)"


def test_an_error_that_is_not_transient_ends_the_wait_naming_the_last_status(fake_time):
    from osc_trove.api.errors import RequestFailed

    with pytest.raises(wait.WaitFailed) as err:
        wait.wait_for(getter(RequestFailed("body is not JSON")), "x", wait.status_in("ACTIVE"),
                      stream=io.StringIO())
    assert str(err.value) == "Gave up waiting for x after 0s (no status seen yet): body is not JSON"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_each_5xx_gateway_or_server_error_is_polled_through(fake_time, status):
    item = wait.wait_for(
        getter("BUILD", exceptions.ClientException(status, "bad gateway"), "ACTIVE"),
        "x", wait.status_in("ACTIVE"), stream=io.StringIO(),
    )
    assert item == {"status": "ACTIVE"}


def test_exactly_transient_tries_errors_in_a_row_are_survived_and_one_more_is_not(fake_time):
    # The answer after the errors is ACTIVE: only the count of errors decides.
    busy = exceptions.ClientException(503, "busy")
    survived = getter("BUILD", *[busy] * waiting.TRANSIENT_TRIES, "ACTIVE")
    assert wait.wait_for(survived, "x", wait.status_in("ACTIVE"),
                         stream=io.StringIO()) == {"status": "ACTIVE"}
    one_too_many = getter("BUILD", *[busy] * (waiting.TRANSIENT_TRIES + 1), "ACTIVE")
    with pytest.raises(wait.WaitFailed, match="busy"):
        wait.wait_for(one_too_many, "x", wait.status_in("ACTIVE"), stream=io.StringIO())


def test_the_error_count_starts_again_after_a_good_answer(fake_time):
    busy = exceptions.ClientException(503, "busy")
    errors = [busy] * waiting.TRANSIENT_TRIES
    get = getter("BUILD", *errors, "BUILD", *errors, "ACTIVE")
    assert wait.wait_for(get, "x", wait.status_in("ACTIVE"),
                         stream=io.StringIO()) == {"status": "ACTIVE"}


# --- Ctrl-C: the wait ends, Trove's work does not ----------------------------------------


def interrupting(fake_time, after):
    """Make the `after`-th sleep raise KeyboardInterrupt, as Ctrl-C would."""
    sleep = fake_time.sleep

    def sleep_or_interrupt(seconds):
        if len(fake_time.sleeps) + 1 >= after:
            raise KeyboardInterrupt
        sleep(seconds)

    return sleep_or_interrupt


def test_ctrl_c_says_what_trove_still_does_and_where_to_look(fake_time, monkeypatch):
    monkeypatch.setattr(waiting, "sleep", interrupting(fake_time, after=2))
    stream = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        wait.wait_for(getter({"id": "i-1", "status": "BUILD"}), "instance db1",
                      wait.status_in("ACTIVE"), stream=stream,
                      show=wait.show_command("instance db1"))
    assert stream.getvalue().splitlines() == [
        "instance db1: BUILD (0s)",
        "Interrupted: instance db1 (i-1) is still being built (BUILD); "
        "'openstack database instance show i-1' shows its progress.",
    ]


def test_ctrl_c_ends_the_terminals_progress_line_first(fake_time, monkeypatch):
    monkeypatch.setattr(waiting, "sleep", interrupting(fake_time, after=1))
    stream = Tty()
    with pytest.raises(KeyboardInterrupt):
        wait.wait_for(getter("SHUTDOWN"), "instance db1", lambda item: False, until_gone=True,
                      stream=stream, still="is still being deleted")
    text = stream.getvalue()
    assert text.endswith("elapsed\nInterrupted: instance db1 is still being deleted; "
                         "Trove goes on with it.\n")
    assert text.count("\n") == 2


def test_ctrl_c_during_the_first_request_knows_no_status_nor_id(fake_time):
    def get():
        raise KeyboardInterrupt

    stream = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        wait.wait_for(get, "backup b1", wait.status_in("COMPLETED"), stream=stream,
                      show=wait.show_command("backup b1"))
    assert stream.getvalue() == (
        "Interrupted: backup b1 is still under way; Trove goes on with it.\n")


def test_until_true_reads_a_check_not_a_status(fake_time):
    class Command:
        class app:
            stderr = io.StringIO()

    seen = iter([False, False, True])
    wait.until_true(Command, lambda: next(seen), "database shop", 60, "is still being created",
                    "openstack database db list i-1", pending="NOT LISTED", done="LISTED")
    assert Command.app.stderr.getvalue().splitlines() == [
        "database shop: NOT LISTED (0s)", "database shop: LISTED (2s)"]
