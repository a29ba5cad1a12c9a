"""instance list --deleted / --outdated, instance show --deleted, cluster list
--all-projects / --deleted: what each asks Trove, what it prints, and a member's
one-line refusal."""

from tests.unit.helpers import IID, log_in_with_roles, one_line_error

DELETED = {"id": IID, "name": "gone", "status": "SHUTDOWN", "deleted": True,
           "deleted_at": "2026-12-04T16:45:37", "tenant_id": "p-1", "server_id": "s-1",
           "datastore": {"type": "mysql", "version": "8.0"}}
NOT_ADMIN = {"unauthorized": {"code": 401, "message": "User does not have admin privileges."}}


def test_list_deleted_asks_the_management_list_for_deleted_rows(trove):
    trove.on("GET", "/mgmt/instances", {"instances": [DELETED]})
    rows = trove.run_json("database", "instance", "list", "--deleted")
    assert trove.requests == [("GET", "/mgmt/instances?deleted=true")]
    assert [(r["Name"], r["Deleted At"], r["Project ID"]) for r in rows] == [
        ("gone", "2026-12-04T16:45:37", "p-1")]


def test_list_deleted_as_a_member_is_one_line(trove):
    trove.on("GET", "/mgmt/instances", NOT_ADMIN, status=401)
    code, out, err = trove.run("database", "instance", "list", "--deleted")
    assert one_line_error(code, out, err) == (
        "The cloud's policy refused listing deleted instances (an admin role is needed): "
        "User does not have admin privileges.")


def test_show_deleted_by_id_is_one_get_of_the_management_view(trove):
    trove.on("GET", f"/mgmt/instances/{IID}", {"instance": DELETED})
    shown = trove.run_json("database", "instance", "show", IID, "--deleted")
    assert trove.requests == [("GET", f"/mgmt/instances/{IID}?deleted=true")]
    assert shown["deleted_at"] == "2026-12-04T16:45:37"


def test_list_outdated_names_each_instance_and_its_upgrade(trove):
    trove.on("GET", "/instances", {"instances": [
        {"id": "i-old", "name": "old", "datastore": {"type": "mysql", "version": "5.7"}},
        {"id": "i-new", "name": "new", "datastore": {"type": "mysql", "version": "8.0"}}]})
    trove.on("GET", "/datastores", {"datastores": [{
        "name": "mysql", "default_version": "v80", "versions": [
            {"id": "v57", "name": "5.7", "version": "5.7.29", "active": True},
            {"id": "v80", "name": "8.0", "version": "8.0.36", "active": True}]}]})
    rows = trove.run_json("database", "instance", "list", "--outdated")
    assert rows == [{"ID": "i-old", "Name": "old", "Datastore": "mysql", "Version": "5.7",
                     "Reason": "not the default", "Upgrade To": "8.0"}]
    assert sorted(path for _, path in trove.requests) == ["/datastores", "/instances"]


CLUSTER = {"id": "c-1", "name": "shards", "tenant_id": "p-2", "deleted_at": None,
           "datastore": {"type": "redis", "version": "7.0"}, "task": {"name": "NONE"}}


def test_cluster_list_all_projects_is_the_management_list_of_live_clusters(trove):
    trove.on("GET", "/mgmt/clusters", {"clusters": [CLUSTER]})
    rows = trove.run_json("database", "cluster", "list", "--all-projects")
    assert trove.requests == [("GET", "/mgmt/clusters?deleted=false")]
    assert [(r["Name"], r["Project ID"]) for r in rows] == [("shards", "p-2")]


def test_cluster_list_deleted_shows_when(trove):
    trove.on("GET", "/mgmt/clusters", {"clusters": [{**CLUSTER, "deleted_at": "2026-12-04"}]})
    rows = trove.run_json("database", "cluster", "list", "--deleted")
    assert trove.requests == [("GET", "/mgmt/clusters?deleted=true")]
    assert rows[0]["Deleted At"] == "2026-12-04"


def test_cluster_list_all_projects_as_a_member_is_one_line(trove):
    trove.on("GET", "/mgmt/clusters", NOT_ADMIN, status=401)
    code, out, err = trove.run("database", "cluster", "list", "--all-projects")
    assert one_line_error(code, out, err).startswith(
        "The cloud's policy refused listing the clusters of every project")


def test_an_admin_shows_another_projects_cluster_by_name(trove):
    # Resource.find's management fallback, as for instances: one more list.
    log_in_with_roles(trove, "admin")
    trove.on("GET", "/clusters", {"clusters": []})
    trove.on("GET", "/mgmt/clusters", {"clusters": [CLUSTER]})
    trove.on("GET", "/clusters/c-1", {"cluster": {**CLUSTER, "ip": ["10.0.0.9"]}})
    shown = trove.run_json("database", "cluster", "show", "shards")
    assert shown["id"] == "c-1"
    assert trove.requests == [("GET", "/clusters"), ("GET", "/mgmt/clusters?deleted=false"),
                              ("GET", "/clusters/c-1")]


def test_a_members_unknown_cluster_costs_no_management_request(trove):
    log_in_with_roles(trove, "member")
    trove.on("GET", "/clusters", {"clusters": []})
    code, out, err = trove.run("database", "cluster", "show", "shards")
    assert one_line_error(code, out, err) == "No cluster with a name or ID of 'shards' exists."
    assert trove.requests == [("GET", "/clusters")]


def test_cluster_show_deleted_by_name_looks_among_every_cluster(trove):
    trove.on("GET", "/mgmt/clusters", {"clusters": [{**CLUSTER, "deleted_at": "2026-12-04"}]})
    trove.on("GET", "/mgmt/clusters/c-1", {"cluster": {**CLUSTER, "deleted_at": "2026-12-04"}})
    shown = trove.run_json("database", "cluster", "show", "shards", "--deleted")
    assert shown["deleted_at"] == "2026-12-04"
    # No `deleted` filter: Trove's management list then holds live and deleted rows.
    assert trove.requests == [("GET", "/mgmt/clusters"), ("GET", "/mgmt/clusters/c-1")]


def test_show_deleted_by_the_name_of_a_live_instance_shows_it(trove):
    # "Show the instance even if it was deleted": a live one by name is shown too.
    live = {**DELETED, "name": "day1", "deleted": False, "deleted_at": None}
    trove.on("GET", "/mgmt/instances", {"instances": [live]})
    trove.on("GET", f"/mgmt/instances/{IID}", {"instance": live})
    shown = trove.run_json("database", "instance", "show", "day1", "--deleted")
    assert shown["deleted"] is False and shown["id"] == IID
    assert trove.requests == [("GET", "/mgmt/instances"),
                              ("GET", f"/mgmt/instances/{IID}?deleted=true")]
