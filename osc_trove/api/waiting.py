"""Waiting for Trove's asynchronous work: poll a resource until it is done.

    from osc_trove.api import waiting

    trove.instances.create("db1", ...)
    row = waiting.wait_for_status(lambda: trove.instances.get(iid), "ACTIVE")
    trove.instances.delete(iid)
    waiting.wait_for_delete(lambda: trove.instances.get(iid))

`get` fetches the resource again (a 404, osc-lib's NotFound, means it is
gone). Polls back off from 1 to 10 seconds. Nothing is printed: a caller who
shows progress passes `progress(row, elapsed)`, called after every poll (with
None once the resource is gone). Failures raise a WaitError (a TroveError)
whose message is one line naming the subject: WaitTimedOut, ResourceFailed
(with the server's fault message), ResourceGone, WaitGaveUp.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any, cast

from osc_lib import exceptions

from osc_trove.api.errors import TroveError
from osc_trove.api.shapes import Callable, Row

DEFAULT_TIMEOUT = 1800
FIRST_DELAY = 1.0
BACKOFF = 1.5
MAX_DELAY = 10.0
# Consecutive polls that may fail on a network error or a 5xx before the wait gives up.
TRANSIENT_TRIES = 3



# Module-level, calling `time`'s at call time, so that tests can replace either
# (these, or time.sleep) and never really sleep.
def sleep(seconds: float) -> None:
    time.sleep(seconds)


def clock() -> float:
    return time.monotonic()


class WaitError(TroveError):
    """A wait that did not end in the wanted state. `status` is the last status
    seen (None if none), `elapsed` the seconds waited, `item` the last row."""

    def __init__(self, message: str, status: Any, elapsed: float, item: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.elapsed = elapsed
        self.item = item


class WaitTimedOut(WaitError):
    """The resource was not done within the timeout."""


class ResourceFailed(WaitError):
    """The resource went to a failure status (ERROR, ...); `fault` is the server's message."""

    def __init__(self, message: str, status: Any, elapsed: float, item: Any,
                 fault: str | None) -> None:
        super().__init__(message, status, elapsed, item)
        self.fault = fault


class ResourceGone(WaitError):
    """The resource was deleted (404) while waiting for a status."""


class WaitGaveUp(WaitError):
    """Polling failed (an error answer, or too many network errors or 5xx in a
    row); `reason` is that error."""

    def __init__(self, message: str, status: Any, elapsed: float, reason: Exception) -> None:
        super().__init__(message, status, elapsed)
        self.reason = reason


def status_in(*statuses: str) -> Callable[[Row], bool]:
    """A predicate: the resource's `status` is one of `statuses`."""
    wanted = set(statuses)
    return lambda item: item.get("status") in wanted


def is_error(item: Row) -> bool:
    return item.get("status") == "ERROR"


def fault_message(item: Any) -> str | None:
    """The server's explanation of a failure: an instance's `fault.message`, if any."""
    fault = item.get("fault") if isinstance(item, dict) else None
    if isinstance(fault, dict):
        return fault.get("message") or fault.get("details")
    return fault or None


def elapsed_text(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s"


def delays(first: float = FIRST_DELAY, factor: float = BACKOFF,
           cap: float = MAX_DELAY) -> Iterator[float]:
    """Pauses between polls: short at first, then growing up to `cap` seconds."""
    delay = first
    while True:
        yield delay
        delay = min(cap, delay * factor)


def _status(item: Any) -> Any:
    return item.get("status") if isinstance(item, dict) else None


def wait_for(
    get: Callable[[], Row],
    done: Callable[[Row], bool],
    failed: Callable[[Row], bool] = is_error,
    *,
    until_gone: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    pauses: Iterator[float] | None = None,
    progress: Callable[[Row | None, float], None] | None = None,
    subject: str = "the resource",
    status_of: Callable[[Row], Any] = _status,
    fault_of: Callable[[Row], str | None] = fault_message,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
) -> Row | None:
    """Poll `get()` until `done(item)`; return the last item (None once gone).

    `until_gone`: a 404 from `get` is success (deletes); otherwise it raises
    ResourceGone. `failed(item)` raises ResourceFailed, running out of `timeout`
    seconds WaitTimedOut. Up to TRANSIENT_TRIES network errors or 5xx answers in
    a row are polled through; other errors raise WaitGaveUp at once. `subject`
    names the resource in messages ("instance db1"); `status_of` and `fault_of`
    read a row's state and fault, for resources that show them otherwise.
    `sleep` and `clock` default to this module's (tests replace them).
    """
    pause = sleep or globals()["sleep"]  # the module's, as a test may have replaced it
    now = clock or globals()["clock"]
    pauses = pauses or delays()
    start = now()
    transient = 0
    status = None
    while True:
        try:
            item = get()
            transient = 0
        except exceptions.NotFound:
            elapsed = now() - start
            if until_gone:
                if progress:
                    progress(None, elapsed)
                return None
            raise ResourceGone(f"{subject} disappeared after {elapsed_text(elapsed)}.",
                               status, elapsed) from None
        # A caller's `get` may also end in osc-lib's CommandError (a lookup that failed).
        except (exceptions.ClientException, TroveError, exceptions.CommandError) as err:
            if not _is_transient(err) or transient >= TRANSIENT_TRIES:
                elapsed = now() - start
                last = f"last status {status}" if status else "no status seen yet"
                raise WaitGaveUp(f"Gave up waiting for {subject} after {elapsed_text(elapsed)} "
                                 f"({last}): {err}", status, elapsed, err) from None
            transient += 1
            pause(next(pauses))
            continue
        elapsed = now() - start
        status = status_of(item)
        if progress:
            progress(item, elapsed)
        if done(item):
            return item
        if failed(item):
            fault = fault_of(item)
            raise ResourceFailed(
                _with_fault(f"{subject} went to {status} after {elapsed_text(elapsed)}", fault),
                status, elapsed, item, fault)
        if elapsed >= timeout:
            raise WaitTimedOut(
                _with_fault(f"Timed out after {elapsed_text(timeout)} waiting for {subject} "
                            f"(status {status})", fault_of(item)),
                status, elapsed, item)
        pause(max(0.0, min(next(pauses), timeout - elapsed)))


def wait_for_status(get: Callable[[], Row], *statuses: str,
                    failed: Callable[[Row], bool] = is_error, **options: Any) -> Row:
    """Poll `get()` until its `status` is one of `statuses` (ERROR fails by
    default); return the row. `options` are wait_for's."""
    # Not until_gone: the row is returned, never None.
    return cast(Row, wait_for(get, status_in(*statuses), failed, **options))


def wait_for_delete(get: Callable[[], Row], failed: Callable[[Row], bool] = is_error,
                    **options: Any) -> None:
    """Poll `get()` until the resource is gone (404); a row in ERROR (by
    default) fails. `options` are wait_for's."""
    wait_for(get, lambda item: False, failed, until_gone=True, **options)


def _is_transient(err: Exception) -> bool:
    """A network failure or a server-side 5xx: worth another poll."""
    return getattr(err, "transient", False) or getattr(err, "code", None) in (500, 502, 503, 504)


def _with_fault(message: str, fault: str | None) -> str:
    return f"{message}: {fault}" if fault else f"{message}."
