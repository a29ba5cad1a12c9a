"""Clusters at REST level: what Trove and the fakes answer that test_cluster.py's
commands do not walk (a Redis shrink, a refused group, a refused datastore)."""

import uuid

from tests.functional.helpers import (
    error_of,
    made_cluster,
    quiet_wait,
    unique,
    wait_cluster_idle,
)


def test_redis_builds_shrinks_and_takes_no_group(demo_api):
    with made_cluster(demo_api, unique("redis"), "redis", "7.0", 3, wait_idle=False) as made:
        cid = made["id"]
        assert made["task"]["name"] == "BUILDING"
        row = wait_cluster_idle(demo_api, cid, members=3)
        assert row["datastore"] == {"type": "redis", "version": "7.0"}
        assert cid in [c["id"] for c in demo_api.http.paginate("/clusters", "clusters")]
        # Shrink by one member.
        last = sorted(row["instances"], key=lambda m: m["name"])[-1]
        demo_api.http.post(f"/clusters/{cid}", {"shrink": [{"id": last["id"]}]})
        shrunk = quiet_wait(lambda: demo_api.clusters.get(cid),
                            lambda r: r["task"]["name"] == "NONE" and len(r["instances"]) == 2,
                            lambda r: False, status_of=lambda r: r["task"]["name"])
        assert last["id"] not in [m["id"] for m in shrunk["instances"]]
        # Redis clusters take no configuration group.
        err = error_of(demo_api.http.post, f"/clusters/{cid}",
                       {"configuration_attach": {"configuration_id": str(uuid.uuid4())}})
        assert err.code == 400 and "not supported" in str(err)


def test_cluster_of_mysql_is_refused(demo_api):
    err = error_of(demo_api.http.post, "/clusters", {"cluster": {
        "name": unique("nope"), "datastore": {"type": "mysql", "version": "5.7"},
        "instances": [{"flavorRef": "1", "volume": {"size": 1}}] * 2}})
    assert err.code == 501 and "not supported" in str(err)
