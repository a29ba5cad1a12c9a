"""The create request of an instance restored from a backup, like another instance.

Pure functions: the caller reads the rows (the backup, the source instance,
its modules) and sends `Instances.create(name=..., **fields)`.
"""

from collections.abc import Sequence

from osc_trove.api.errors import TroveError
from osc_trove.api.shapes import Any, Row


def backup_datastore(backup: Row) -> dict[str, str]:
    """The request's `datastore` for restoring `backup` into its own version
    (Trove would use the datastore's default version otherwise)."""
    store = backup.get("datastore") or {}
    version = store.get("version_id") or store.get("version")
    return {"type": store["type"], "version": version} if store.get("type") and version else {}


def restore_fields(backup: Row, source: Row | None, flavor_id: str | None = None,
                   size: int | None = None, volume_type: str | None = None,
                   like_source: bool = False, modules: Sequence[Row] = ()) -> dict[str, Any]:
    """The `instance` fields (all but the name) restoring `backup`.

    Flavor and volume size are the given ones, else the source instance's
    (`source`: its row, None when it is gone); with `like_source` the new
    instance also gets the source's configuration group, access, locality and
    `modules` (the source's module rows). Raises TroveError when the flavor
    or the size is known from neither.
    """
    source = source or {}
    flavor = flavor_id or (source.get("flavor") or {}).get("id")
    size = size if size is not None else (source.get("volume") or {}).get("size")
    if flavor is None:
        raise TroveError("Give --flavor: the source instance is gone, so its flavor is unknown.")
    fields: dict[str, Any] = {"flavorRef": str(flavor),
                              "restorePoint": {"backupRef": backup["id"]}}
    if size is not None:
        fields["volume"] = {"size": size}
        if volume_type:
            fields["volume"]["type"] = volume_type
    elif volume_type:
        raise TroveError("--volume-type needs --size: the source instance's size is unknown.")
    datastore = backup_datastore(backup)
    if datastore:
        fields["datastore"] = datastore
    if like_source:
        group = (source.get("configuration") or {}).get("id")
        if group:
            fields["configuration"] = group
        if source.get("access"):
            fields["access"] = source["access"]
        if source.get("locality"):
            fields["locality"] = source["locality"]
        if modules:
            fields["modules"] = [{"id": module["id"]} for module in modules]
    return fields
