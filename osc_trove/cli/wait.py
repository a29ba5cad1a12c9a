"""`--wait` for every asynchronous command: poll, report progress on stderr, stop.

A command adds the options with `add_wait_options(parser, ...)`, starts its
operation, then calls `wait_for(get, ...)`: `get` fetches the resource again
(raising osc-lib's NotFound once it is gone). Progress goes to stderr so that
stdout keeps only the command's output (`-f json` stays parseable).
"""

import contextlib
import sys

from osc_lib import exceptions

from osc_trove.api import waiting
from osc_trove.api.waiting import (  # noqa: F401 (commands name them as wait.*)
    DEFAULT_TIMEOUT,
    delays,
    elapsed_text,
    fault_message,
    is_error,
    status_in,
)
from osc_trove.cli.arguments import positive_int


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
    """The API's wait (osc_trove.api.waiting.wait_for), shown as `shown` shows it."""
    with shown(subject, stream, status_of=status_of, still=still, show=show,
               ident=ident) as progress:
        return waiting.wait_for(
            get, done, failed, until_gone=until_gone, timeout=timeout, pauses=pauses,
            progress=progress, subject=subject, status_of=status_of, fault_of=fault_of)


@contextlib.contextmanager
def shown(subject, stream=None, *, status_of=lambda item: item.get("status"), still=None,
          show=None, ident=None):
    """A progress callback for the API's waits run inside (osc_trove.api.waiting):
    progress on `stream` (stderr), their failures as WaitFailed, one line.

    Ctrl-C ends the wait, not the work: one line (see `interrupted`) says
    what Trove goes on doing (`still`, e.g. "is still being built"; default:
    the last status), the resource's ID (`ident`, else the last item's `id`)
    and the command that shows how far it has got (`show`); then the
    KeyboardInterrupt goes on to cliff, which exits 130.
    """
    stream = stream or sys.stderr
    progress = Progress(stream, subject)
    seen = {"item": None, "status": None}

    def report(item, elapsed):
        status = "DELETED" if item is None else status_of(item)
        if item is not None:
            seen.update(item=item, status=status)
        progress.update(status, elapsed)

    try:
        yield report
    except waiting.WaitError as err:
        raise WaitFailed(str(err)) from None
    except KeyboardInterrupt:
        progress.finish()  # end the progress line first
        item = seen["item"]
        if ident is None and isinstance(item, dict):
            ident = item.get("id")
        tell_interrupted(stream, interrupted(subject, still or still_doing(seen["status"]),
                                             show, ident))
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


def show_command(subject):
    """The show command of a subject named `<family> <name>` ("instance db1",
    "configuration group g1"), for the Ctrl-C line."""
    return f"openstack database {subject.split()[0]} show {{id}}"


def until_status(command, get, subject, statuses, timeout, failed=is_error, also=None,
                 **reading):
    """--wait of a command: poll `get` until the status is one of `statuses`
    (and `also(item)`, when given: what else the change shows once done).
    `reading` may hold wait_for's `status_of`: what progress shows, where the
    status alone does not show the change (a stop: the database's status)."""
    in_status = status_in(*statuses)
    done = in_status if also is None else (lambda item: in_status(item) and also(item))
    return wait_for(get, subject, done, failed, timeout=timeout,
                    stream=command.app.stderr, show=show_command(subject), **reading)


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
