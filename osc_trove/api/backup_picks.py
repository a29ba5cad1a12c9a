"""Choosing among an instance's backups: which to prune, which to restore as of a time.

Pure functions over the rows of Trove's backup list (`id`, `status`,
`parent_id`, `created`): no request. An incremental backup names its parent in
`parent_id`; deleting a backup makes Trove delete its descendants too, and
refuse (midway) when one of them is running.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from osc_trove.api.errors import TroveError
from osc_trove.api.shapes import Row, RowList

RUNNING = ("NEW", "BUILDING")
COMPLETED = "COMPLETED"


def when(text: str) -> datetime:
    """An ISO 8601 time as a naive UTC datetime, as Trove's `created` reads
    (Trove writes UTC without an offset; a time given without one is UTC too)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise TroveError(
            f"'{text}' is not an ISO 8601 time (e.g. 2026-12-04T16:00:00Z)."
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def created(row: Row) -> datetime:
    return when(str(row.get("created") or "0001-01-01"))


def newest_first(rows: RowList) -> RowList:
    return sorted(rows, key=created, reverse=True)


def as_of(rows: RowList, moment: datetime) -> Row | None:
    """The newest COMPLETED backup taken at or before `moment`, or None.

    An incremental one is as good as a full one: Trove restores its chain.
    """
    taken = [row for row in rows if row.get("status") == COMPLETED and created(row) <= moment]
    return newest_first(taken)[0] if taken else None


@dataclass
class PruneStep:
    """A backup the prune deletes (`delete`), or one it keeps though it is old
    (`why`); `root` is the ID of the full backup whose deletion removes it."""

    backup: Row
    delete: bool
    root: str
    why: str = ""


def descendants(rows: RowList, backup_id: str) -> RowList:
    """Every backup whose chain of parents leads to `backup_id`, parents before children."""
    children: dict[str, RowList] = {}
    for row in rows:
        if row.get("parent_id"):
            children.setdefault(str(row["parent_id"]), []).append(row)
    found: RowList = []
    todo = [backup_id]
    while todo:
        for child in newest_first(children.get(todo.pop(0), [])):
            found.append(child)
            todo.append(str(child["id"]))
    return found


def prune_plan(rows: RowList, keep: int) -> list[PruneStep]:
    """What keeping the `keep` newest COMPLETED full backups means for the others.

    Every older COMPLETED full backup is deleted with its incrementals, unless
    one of those is running (NEW or BUILDING): then that full backup is kept
    whole, since Trove would delete part of its chain and then refuse. Failed
    backups, and backups with no full COMPLETED backup at the root, are left.
    """
    fulls = newest_first([row for row in rows
                          if row.get("status") == COMPLETED and not row.get("parent_id")])
    steps: list[PruneStep] = []
    for full in fulls[keep:]:
        root = str(full["id"])
        chain = descendants(rows, root)
        running = [row for row in chain if row.get("status") in RUNNING]
        if running:
            why = ", ".join(f"{row['id']} is {row.get('status')}" for row in running)
            steps.append(PruneStep(full, False, root, f"kept: incremental {why}"))
            steps.extend(PruneStep(row, False, root, "kept: running" if row in running
                                   else "kept: its chain is running") for row in chain)
            continue
        steps.append(PruneStep(full, True, root))
        steps.extend(PruneStep(row, True, root) for row in chain)
    return steps
