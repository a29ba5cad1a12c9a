"""Configuration groups as documents: export, read back, compare.

An export is a JSON object with `name`, `description`, `datastore`, `version`
and `values`: what `configuration create` needs to make the group again
(here or on another cloud, where IDs differ: names are used).
"""

import json

from osc_trove.api.errors import TroveError
from osc_trove.api.shapes import Any, Row

EXPORT_KEYS = ("name", "description", "datastore", "version", "values")


def export(group: Row) -> dict[str, Any]:
    """The export document of a group (its row from GET /configurations/{id})."""
    return {"name": group.get("name"), "description": group.get("description"),
            "datastore": group.get("datastore_name"),
            "version": group.get("datastore_version_name"),
            "values": dict(group.get("values") or {})}


def read_export(text: str, where: str = "the file") -> dict[str, Any]:
    """The create fields (`values`, and `description`, `datastore` when the
    document has them; never `name`, the command's) of an export document.

    `where` names the document in errors (e.g. the file's path). Raises
    TroveError for anything that is not an export.
    """
    try:
        document = json.loads(text)
    except ValueError as err:
        raise TroveError(f"{where} is not JSON ({err}).") from None
    if not isinstance(document, dict) or not isinstance(document.get("values", {}), dict):
        raise TroveError(
            f"{where} is not a configuration export: a JSON object with a 'values' object "
            "(as 'openstack database configuration export' writes).")
    unknown = sorted(set(document) - set(EXPORT_KEYS))
    if unknown:
        raise TroveError(f"{where} has keys a configuration export has not: "
                         f"{', '.join(unknown)} (it has {', '.join(EXPORT_KEYS)}).")
    fields: dict[str, Any] = {"values": document.get("values") or {}}
    if document.get("description") is not None:
        fields["description"] = document["description"]
    store = {key: document[name] for key, name in (("type", "datastore"), ("version", "version"))
             if document.get(name)}
    if store:
        fields["datastore"] = store
    return fields


def diff(left: dict[str, Any], right: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(parameter, left value, right value) for every value set on one side only
    (None on the other) or set differently, by parameter name."""
    return [(name, left.get(name), right.get(name))
            for name in sorted(set(left) | set(right))
            if name not in left or name not in right or left[name] != right[name]]
