"""Backups at REST level on one shared instance: the fake guest's and fake Cinder's
backups, incremental parents, offset paging and strategies' containers. Creating,
listing, failing, a running delete and restore by the CLI are in test_backup.py."""

import uuid

from tests.functional.helpers import (
    backup_done,
    delete_until_gone,
    error_of,
    made_instance,
    unique,
)


def new_backup(api, iid, **fields):
    return api.http.post("/backups", {"backup": {"name": unique("bk"), "instance": iid,
                                            **fields}})["backup"]


def test_full_and_incremental_restore_the_databases(demo_api, iid):
    demo_api.http.post(f"/instances/{iid}/databases", {"databases": [{"name": "keepme"}]})
    created = new_backup(demo_api, iid, description="nightly")
    assert created["status"] == "NEW" and created["instance_id"] == iid
    done, seen = backup_done(demo_api, created["id"])
    assert "BUILDING" in seen or seen[0] == "COMPLETED"
    assert done["size"] > 0 and done["locationRef"] and done["description"] == "nightly"
    assert done["datastore"]["type"] == "mysql"
    incr = new_backup(demo_api, iid, incremental=1)
    incr_done, _ = backup_done(demo_api, incr["id"])
    assert incr_done["parent_id"] == created["id"]
    per_instance = demo_api.http.get(f"/instances/{iid}/backups")["backups"]
    assert {b["id"] for b in per_instance} >= {created["id"], incr["id"]}
    # Restore into a new instance: the databases come back.
    with made_instance(demo_api, unique("restored"),
                       restorePoint={"backupRef": created["id"]}) as restored:
        names = [d["name"] for d in demo_api.http.paginate(
            f"/instances/{restored['id']}/databases", "databases")]
        assert "keepme" in names
    delete_until_gone(demo_api, f"/backups/{incr['id']}")
    delete_until_gone(demo_api, f"/backups/{created['id']}")


def test_volume_snapshot_backup_and_restore(demo_api, iid):
    """storage_driver cinder: the task manager snapshots the volume itself and
    reports through the conductor."""
    row = new_backup(demo_api, iid, storage_driver="cinder")
    done, _ = backup_done(demo_api, row["id"])
    assert done["locationRef"].startswith("cinder://") and done["size"] == 1
    with made_instance(demo_api, unique("from-snap"), restorePoint={"backupRef": row["id"]}):
        pass
    delete_until_gone(demo_api, f"/backups/{row['id']}")


def test_backup_of_missing_instance(demo_api):
    err = error_of(demo_api.http.post, "/backups", {"backup": {"name": "x",
                                                          "instance": str(uuid.uuid4())}})
    assert err.code == 404


def test_backups_page_by_offset(demo_api, iid):
    """Trove pages backups by offset: 21 backups of this file's own instance (listed with
    instance_id, so backups other tests make or delete meanwhile cannot shift the pages)."""
    ids = []
    try:
        for i in range(21):
            row = new_backup(demo_api, iid, name=f"pg{i:02d}")
            backup_done(demo_api, row["id"])
            ids.append(row["id"])
        query = {"instance_id": iid}
        first = demo_api.http.get("/backups", params=query)
        assert len(first["backups"]) == 20
        assert any(link["rel"] == "next" for link in first["links"])
        listed = [b["id"] for b in demo_api.http.paginate("/backups", "backups", params=query)]
        assert sorted(listed) == sorted(ids)
    finally:
        for backup_id in ids:
            delete_until_gone(demo_api, f"/backups/{backup_id}")


def test_a_strategy_puts_backups_in_its_container(demo_api, iid):
    made = demo_api.http.post("/backup_strategies", {"backup_strategy": {
        "instance_id": iid, "swift_container": "my-backups"}})["backup_strategy"]
    assert made["instance_id"] == iid and made["swift_container"] == "my-backups"
    try:
        row = new_backup(demo_api, iid)
        done, _ = backup_done(demo_api, row["id"])
        assert "/my-backups/" in done["locationRef"]
        delete_until_gone(demo_api, f"/backups/{row['id']}")
    finally:
        demo_api.http.delete("/backup_strategies", params={"instance_id": iid})
    assert demo_api.http.get("/backup_strategies",
                        params={"instance_id": iid})["backup_strategies"] == []
