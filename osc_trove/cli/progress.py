"""How far a slow listing has got, on stderr, when stderr is a terminal.

A list or a lookup by name that reads many pages says, once it has taken a
few seconds, `instances: 240 so far` on one line it keeps rewriting, and
clears that line when the listing ends. Nothing is written otherwise: not to
a file or a pipe, and not for a listing that ends quickly.
"""

import time

DELAY = 3.0  # seconds a listing runs before its progress is shown
EVERY = 0.5  # seconds between two updates of the line


class Progress:
    """A TroveClient.on_progress hook writing to `stream`."""

    def __init__(self, stream, clock=time.monotonic, delay=DELAY, every=EVERY):
        self.stream, self.clock, self.delay, self.every = stream, clock, delay, every
        self.started = {}
        self.written_at = None  # when the line was last written; None: no line shown

    def __call__(self, what, count, done):
        now = self.clock()
        started = self.started.setdefault(what, now)
        if done:
            del self.started[what]
            if self.written_at is not None:
                self.stream.write("\r\033[K")
                self.stream.flush()
                self.written_at = None
            return
        if now - started < self.delay:
            return
        if self.written_at is not None and now - self.written_at < self.every:
            return
        self.stream.write(f"\r\033[K{what}: {count} so far")
        self.stream.flush()
        self.written_at = now


# Output formats whose rows cliff prints as the listing reads them (the others
# print once it has ended, after the line is cleared).
STREAMING_FORMATS = ("value", "csv")


def _is_terminal(stream):
    isatty = getattr(stream, "isatty", None)
    return isatty is not None and isatty()


def on_terminal(stream, rows_to=None):
    """A Progress for `stream` if it is a terminal, else None. `rows_to`: where
    rows are printed while the listing reads them, if they are; a terminal
    there gets no line either, which would land among the rows."""
    if not _is_terminal(stream) or _is_terminal(rows_to):
        return None
    return Progress(stream)
