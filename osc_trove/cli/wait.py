"""`--wait` for every asynchronous command: poll, report progress on stderr, stop.

A command adds the options with `add_wait_options(parser, ...)`, starts its
operation, then calls `wait_for(get, ...)`: `get` fetches the resource again
(raising osc-lib's NotFound once it is gone). Progress goes to stderr so that
stdout keeps only the command's output (`-f json` stays parseable).
"""

import sys
import time

from osc_lib import exceptions

from osc_trove.api.errors import TroveError
from osc_trove.cli.arguments import positive_int

DEFAULT_TIMEOUT = 1800
FIRST_DELAY = 1.0
BACKOFF = 1.5
MAX_DELAY = 10.0
# Consecutive polls that may fail on a network error or a 5xx before the wait gives up.
TRANSIENT_TRIES = 3

# Module-level so that tests can replace them and never really sleep.
sleep = time.sleep
clock = time.monotonic


class WaitFailed(exceptions.CommandError):
    """The operation ended in a failure status, or took longer than allowed."""


def add_wait_options(parser, target):
    """Add --wait and --wait-timeout; `target` completes "Wait until ..."."""
    parser.add_argument(
        "--wait",
        action="store_true",
        help=f"Wait until {target}, showing each status change and the elapsed time on "
        "stderr; exit 1 with the server's fault message if it fails or times out",
    )
    parser.add_argument(
        "--wait-timeout",
        metavar="<seconds>",
        type=positive_int,
        default=DEFAULT_TIMEOUT,
        help=f"With --wait, give up after this many seconds (default: {DEFAULT_TIMEOUT})",
    )


def status_in(*statuses):
    """A predicate: the resource's `status` is one of `statuses`."""
    wanted = set(statuses)
    return lambda item: item.get("status") in wanted


def is_error(item):
    return item.get("status") == "ERROR"


def fault_message(item):
    """The server's explanation of a failure: an instance's `fault.message`, if any."""
    fault = item.get("fault") if isinstance(item, dict) else None
    if isinstance(fault, dict):
        return fault.get("message") or fault.get("details")
    return fault or None


def elapsed_text(seconds):
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s"


def delays(first=FIRST_DELAY, factor=BACKOFF, cap=MAX_DELAY):
    """Pauses between polls: short at first, then growing up to `cap` seconds."""
    delay = first
    while True:
        yield delay
        delay = min(cap, delay * factor)


class Progress:
    """Writes status changes with the elapsed time to `stream`.

    On a terminal, one line rewritten in place (the history of statuses and a
    running clock); otherwise one line per status change, for logs.
    """

    def __init__(self, stream, subject):
        self.stream = stream
        self.subject = subject
        self.steps = []
        self.finished = False
        isatty = getattr(stream, "isatty", None)
        self.tty = bool(isatty and isatty())

    def update(self, status, elapsed):
        changed = not self.steps or self.steps[-1][0] != status
        if changed:
            self.steps.append((status, elapsed))
        if self.tty:
            history = " -> ".join(f"{s} ({elapsed_text(t)})" for s, t in self.steps)
            self.stream.write(f"\r\x1b[K{self.subject}: {history}, {elapsed_text(elapsed)} elapsed")
        elif changed:
            self.stream.write(f"{self.subject}: {status} ({elapsed_text(elapsed)})\n")
        self.stream.flush()

    def finish(self):
        if self.tty and self.steps and not self.finished:
            self.stream.write("\n")
            self.stream.flush()
        self.finished = True


def wait_for(
    get,
    subject,
    done,
    failed=is_error,
    *,
    until_gone=False,
    timeout=DEFAULT_TIMEOUT,
    stream=None,
    status_of=lambda item: item.get("status"),
    fault_of=fault_message,
    pauses=None,
    still=None,
    show=None,
    ident=None,
):
    """Poll `get()` until `done(item)`; return the last item (None once gone).

    `until_gone`: a NotFound from `get` is success (deletes). Otherwise it is a
    failure, as is `failed(item)` and running out of `timeout` seconds; these
    raise WaitFailed carrying the server's fault message when there is one.
    Up to TRANSIENT_TRIES network errors or 5xx answers in a row are polled
    through; other errors end the wait at once. Giving up on an error raises
    WaitFailed naming the last status seen.

    Ctrl-C ends the wait, not the work: one line (see `interrupted`) says
    what Trove goes on doing (`still`, e.g. "is still being built"; default:
    the last status), the resource's ID (`ident`, else the last item's `id`)
    and the command that shows how far it has got (`show`); then the
    KeyboardInterrupt goes on to cliff, which exits 130.
    """
    stream = stream or sys.stderr
    progress = Progress(stream, subject)
    pauses = pauses or delays()
    start = clock()
    transient = 0
    status = item = None
    try:
        while True:
            try:
                item = get()
                transient = 0
            except exceptions.NotFound:
                elapsed = clock() - start
                if until_gone:
                    progress.update("DELETED", elapsed)
                    return None
                raise WaitFailed(f"{subject} disappeared after {elapsed_text(elapsed)}.") from None
            except (exceptions.ClientException, TroveError, exceptions.CommandError) as err:
                if not _is_transient(err) or transient >= TRANSIENT_TRIES:
                    raise _gave_up(subject, status, clock() - start, err) from None
                transient += 1
                sleep(next(pauses))
                continue
            elapsed = clock() - start
            status = status_of(item)
            progress.update(status, elapsed)
            if done(item):
                return item
            if failed(item):
                raise WaitFailed(
                    _with_fault(f"{subject} went to {status} after {elapsed_text(elapsed)}", item,
                                fault_of)
                )
            if elapsed >= timeout:
                raise WaitFailed(
                    _with_fault(
                        f"Timed out after {elapsed_text(timeout)} waiting for {subject} "
                        f"(status {status})",
                        item,
                        fault_of,
                    )
                )
            sleep(max(0.0, min(next(pauses), timeout - elapsed)))
    except KeyboardInterrupt:
        progress.finish()  # end the progress line first
        if ident is None and isinstance(item, dict):
            ident = item.get("id")
        tell_interrupted(stream, interrupted(subject, still or still_doing(status), show, ident))
        raise
    finally:
        progress.finish()


# What Trove is doing while a resource shows these statuses, for the Ctrl-C line.
_DOING = {
    "BUILD": "being built", "BUILDING": "being built", "NEW": "being built",
    "REBOOT": "restarting", "RESIZE": "being resized", "UPGRADE": "being upgraded",
    "SHUTDOWN": "being deleted", "BACKUP": "being backed up", "PROMOTE": "being promoted",
    "EJECT": "ejecting its replication source", "DETACH": "being detached",
    "DELETE_FAILED": "failing to delete",
}


def still_doing(status):
    """`is still ...` for the last status a wait saw."""
    if status in _DOING:
        return f"is still {_DOING[status]} ({status})"
    return f"is still {status}" if status else "is still under way"


def tell_interrupted(stream, what):
    """The one line every Ctrl-C osc-trove catches leaves on stderr (the
    KeyboardInterrupt then goes on to cliff, which exits 130)."""
    stream.write(f"Interrupted: {what}.\n")
    stream.flush()


def interrupted(subject, still, show=None, ident=None):
    """What a --wait stopped by Ctrl-C says: Trove goes on without it.

    `show` is the command that shows the progress; `{id}` in it is `ident`.
    """
    who = f"{subject} ({ident})" if ident and str(ident) not in subject else subject
    if show and "{id}" in show:
        show = show.format(id=ident) if ident else None
    where = f"'{show}' shows its progress" if show else "Trove goes on with it"
    return f"{who} {still}; {where}"


def _is_transient(err):
    """A network failure or a server-side 5xx: worth another poll."""
    return getattr(err, "transient", False) or getattr(err, "code", None) in (500, 502, 503, 504)


def _gave_up(subject, status, elapsed, err):
    last = f"last status {status}" if status else "no status seen yet"
    return WaitFailed(
        f"Gave up waiting for {subject} after {elapsed_text(elapsed)} ({last}): {err}"
    )


def _with_fault(message, item, fault_of):
    fault = fault_of(item)
    return f"{message}: {fault}" if fault else f"{message}."


def show_command(subject):
    """The show command of a subject named `<family> <name>` ("instance db1",
    "configuration group g1"), for the Ctrl-C line."""
    return f"openstack database {subject.split()[0]} show {{id}}"


def until_status(command, get, subject, statuses, timeout, failed=is_error, also=None):
    """--wait of a command: poll `get` until the status is one of `statuses`
    (and `also(item)`, when given: what else the change shows once done)."""
    in_status = status_in(*statuses)
    done = in_status if also is None else (lambda item: in_status(item) and also(item))
    return wait_for(get, subject, done, failed, timeout=timeout,
                    stream=command.app.stderr, show=show_command(subject))


def until_gone(command, get, subject, timeout, failed=is_error, **reading):
    """--wait of a delete: poll `get` until the resource is gone (404).

    `reading` may hold wait_for's `status_of` and `fault_of`, for resources
    whose state is not a `status` field (a cluster's task and members).
    """
    wait_for(get, subject, lambda item: False, failed, until_gone=True, timeout=timeout,
             stream=command.app.stderr, still="is still being deleted",
             show=show_command(subject), **reading)


def until_true(command, check, subject, timeout, still, show, pending="PENDING", done="DONE"):
    """--wait for work Trove shows only in what it lists (a database, a user, a
    grant): poll `check()` until it is true. Progress reads `pending`, then
    `done`; Ctrl-C says the resource `still` ... and `show` shows it."""
    wait_for(check, subject, bool, lambda _: False, timeout=timeout,
             stream=command.app.stderr, status_of=lambda seen: done if seen else pending,
             fault_of=lambda _: None, still=still, show=show)
