"""Guest logs of an instance (/instances/{id}/log) and their published parts.

Trove publishes a log as objects named `<prefix><timestamp>` in a container
of the user's object store; the log's state names the container and prefix.
"""

from osc_trove.api.http import Http
from osc_trove.api.instances import Instances
from osc_trove.api.object_store import ObjectStore
from osc_trove.api.resource import Nested
from osc_trove.api.shapes import Row

# What Trove reports as container and prefix of a log never published.
_UNSET = (None, "", "None")


def is_published(log: Row) -> bool:
    return log.get("container") not in _UNSET and log.get("prefix") not in _UNSET


def needs_publishing(log: Row) -> bool:
    """True when the object store lacks lines the log has (or has none of it)."""
    return not is_published(log) or bool(log.get("pending"))


class Logs(Nested):
    """The guest logs of one instance: listed, and each acted on by a POST naming
    it (Trove has no GET of one log: `show` is that POST without flags)."""

    base_path = "/instances/%(instance_id)s/log"
    allow_list = allow_action = True
    plural = "logs"
    singular = "log"
    label = "log"

    def __init__(self, http: Http, instances: Instances, object_store: ObjectStore) -> None:
        super().__init__(http, instances)
        self.object_store = object_store

    def action(self, instance_id: str, name: str, **flags: bool) -> Row:
        """POST {"name": name, <flag>: 1 for each flag set}; returns the log's state after it."""
        body = {"name": name, **{flag: 1 for flag, on in flags.items() if on}}
        return self.http.post(self.url(instance_id), body)[self.singular]

    def show(self, instance_id: str, name: str) -> Row:
        return self.action(instance_id, name)

    def published(self, instance_id: str, name: str) -> Row:
        """The log's state, after publishing it when the object store lacks some of it."""
        log = self.show(instance_id, name)
        if needs_publishing(log):
            log = self.action(instance_id, name, publish=True)
        return log

    def parts(self, log: Row) -> list[str]:
        """Names of the log's published objects, oldest first (names sort by time)."""
        if not is_published(log):
            return []
        names = self.object_store.object_names(log["container"], log["prefix"])
        return sorted(name for name in names if name != log.get("metafile"))

    def read(self, log: Row, part: str) -> bytes:
        """One published part, as bytes."""
        return self.object_store.read(log["container"], part)

    def contents(self, log: Row, parts: list[str], last_lines: int = 0) -> bytes:
        """The published text of `parts` as bytes: all of it, or only its last lines.

        For the last lines, parts are read newest first and only as many as
        hold that many lines.
        """
        chunks: list[bytes] = []
        lines = 0
        for part in reversed(parts):
            chunk = self.read(log, part)
            chunks.insert(0, chunk)
            lines += len(chunk.splitlines())
            if last_lines and lines >= last_lines:
                break
        text = b"".join(chunks)
        if last_lines:
            text = b"".join(text.splitlines(keepends=True)[-last_lines:])
        return text
