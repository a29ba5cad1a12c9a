"""Replication sets: each source instance with its replicas, from the instance list.

Trove's instance list shows `replica_of` ({id}) on a replica and `replicas`
([{id}, ...]) on a source, so one list usually tells every set; `get` is
called only for an instance the sets name that the list did not show.
"""

from collections.abc import Iterable

from osc_trove.api.shapes import Callable, Row, RowList


def replica_sets(rows: Iterable[Row], get: Callable[[str], Row],
                 source: str | None = None) -> list[tuple[Row, RowList]]:
    """(source row, its replica rows) for every source (or the one with ID
    `source`), in list order; replicas in list order too."""
    listed = {str(row.get("id")): row for row in rows}
    sets: dict[str, list[str]] = {}
    for row_id, row in listed.items():
        for replica in row.get("replicas") or []:
            sets.setdefault(row_id, [])
            if str(replica.get("id")) not in sets[row_id]:
                sets[row_id].append(str(replica.get("id")))
        master = (row.get("replica_of") or {}).get("id")
        if master:
            sets.setdefault(str(master), [])
            if row_id not in sets[str(master)]:
                sets[str(master)].append(row_id)

    def row_of(instance_id: str) -> Row:
        if instance_id not in listed:
            listed[instance_id] = get(instance_id)
        return listed[instance_id]

    if source is not None:
        sets = {source: sets.get(source, [])}
    return [(row_of(master), [row_of(replica) for replica in replicas])
            for master, replicas in sets.items()]
