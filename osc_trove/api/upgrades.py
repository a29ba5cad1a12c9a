"""Instances running a datastore version other than their datastore's default.

A pure function over two lists (the instances and the datastores, as Trove
lists them): no request of its own.
"""

from collections.abc import Iterable

from osc_trove.api.shapes import Row, RowList

NOT_DEFAULT = "not the default"
INACTIVE = "inactive"


def outdated(instances: Iterable[Row], datastores: Iterable[Row]) -> RowList:
    """The instances whose datastore version is inactive or not their datastore's
    default: each {id, name, datastore, version, reason, upgrade_to}, `upgrade_to`
    being the default version's name, or None when the datastore lists no active
    default or its default is an older version (by number) than the instance's.

    Versions are matched by name within the datastore (an instance row names
    its version). A version is inactive when the datastore list does not show
    it (Trove lists active versions only, but to admins) or shows it with
    `active` false; a datastore the list does not show has only inactive ones.
    """
    stores = {store.get("name"): store for store in datastores}
    found = []
    for instance in instances:
        kind = (instance.get("datastore") or {}).get("type")
        name = (instance.get("datastore") or {}).get("version")
        if not kind or not name:
            continue
        store = stores.get(kind) or {}
        versions = store.get("versions") or []
        default = next((v for v in versions if v.get("id") == store.get("default_version")), None)
        same = [v for v in versions if v.get("name") == name]
        if not any(v.get("active", True) for v in same):
            reason = INACTIVE
        elif default is None or default not in same:
            reason = NOT_DEFAULT
        else:
            continue
        upgrade_to = None
        if default is not None and default.get("active", True) and default not in same \
                and not any(older(default, version) for version in same):
            upgrade_to = default.get("name")
        found.append({"id": instance.get("id"), "name": instance.get("name"),
                      "datastore": kind, "version": name, "reason": reason,
                      "upgrade_to": upgrade_to})
    return found


def number(version: Row) -> tuple[int, ...] | None:
    """A version's number (`version`, else its name) as integers: "8.0.36" -> (8, 0, 36);
    None when it is not dotted numbers."""
    text = str(version.get("version") or version.get("name") or "")
    parts = text.split(".")
    return tuple(int(part) for part in parts) if all(p.isdigit() for p in parts) else None


def older(candidate: Row, current: Row) -> bool:
    """Whether `candidate` is known to be an older version than `current` (a
    default older than the instance's version is no upgrade)."""
    mine, theirs = number(candidate), number(current)
    return mine is not None and theirs is not None and mine < theirs
