"""The operators' management routes (issue 30): instance stop, migrate, reset
task, ping, root history; cluster reset task and member show; a datastore
version's volume types; and the API's deleted-instance and cluster views."""

import pytest
import requests_mock as rm
from keystoneauth1 import session

from osc_trove.api import TroveClient
from osc_trove.api.errors import AmbiguousName, ResourceNotFound
from tests.unit.conftest import API, TROVE
from tests.unit.helpers import IID, list_body, one_line_error, row, sent

OTHER = "0d6e2f5a-3c1b-4e8f-9a7d-5b4c3a2e1f00"
CID = "7f3a9c2e-1b4d-4e6f-8a0b-9c8d7e6f5a41"
MID = "c5d1e0a9-8b7f-4c6e-9d5a-4b3c2a1f0e99"
VID = "a1b2c3d4-0000-4000-8000-00000000000a"
DSID = "d5e6f7a8-0000-4000-8000-0000000000d5"
REFUSED = {"unauthorized": {"code": 401, "message": "User does not have admin privileges."}}
ADMIN_LINE = "The cloud's policy refused {} (an admin role is needed): " \
             "User does not have admin privileges."


def mgmt_instance(host="host-1", **changes):
    view = {"id": IID, "name": "db1", "status": "ACTIVE", "operating_status": "HEALTHY",
            "server": {"id": "s1", "host": host}}
    return {"instance": {**view, **changes}}


def instance(**changes):
    return {"instance": {"id": IID, "name": "db1", "status": "ACTIVE",
                         "operating_status": "HEALTHY", **changes}}


# --- instance stop / reset task ------------------------------------------------------------


def test_stop_posts_the_mgmt_action_and_waits_for_the_service_to_be_shutdown(trove, fake_time):
    trove.on("GET", "/instances", json=list_body(row(IID, "db1")))
    trove.on("POST", f"/mgmt/instances/{IID}/action", status=202)
    trove.mocker.get(f"{TROVE}/instances/{IID}",
                     [{"json": instance()}, {"json": instance(operating_status="SHUTDOWN")}])
    code, out, err = trove.run("database", "instance", "stop", "db1", "--wait")
    assert (code, out) == (0, ""), err
    assert trove.requests == [("GET", "/instances"), ("POST", f"/mgmt/instances/{IID}/action"),
                              ("GET", f"/instances/{IID}"), ("GET", f"/instances/{IID}")]
    assert trove.bodies() == [{"stop": {}}]
    # The status stays ACTIVE through a stop: the progress shows the database's too.
    assert "instance db1: ACTIVE, database SHUTDOWN" in err


def test_reset_task_posts_reset_task_status_to_the_id(trove):
    trove.on("POST", f"/mgmt/instances/{IID}/action", status=202)
    code, out, err = trove.run("database", "instance", "reset", "task", IID)
    assert (code, out) == (0, ""), err
    assert trove.requests == [("POST", f"/mgmt/instances/{IID}/action")]
    assert trove.bodies() == [{"reset-task-status": {}}]


@pytest.mark.parametrize("argv, doing", [
    (("instance", "stop"), f"stopping the database of instance '{IID}'"),
    (("instance", "reset", "task"), f"resetting the task of instance '{IID}'"),
    (("instance", "migrate"), f"migrating instance '{IID}'"),
    (("instance", "ping"), f"pinging the guest agent of instance '{IID}'"),
    (("root", "history", "show"), f"showing the root history of instance '{IID}'"),
])
def test_a_member_is_refused_in_one_line(trove, argv, doing):
    trove.on("POST", f"/mgmt/instances/{IID}/action", status=401, json=REFUSED)
    trove.on("GET", f"/mgmt/instances/{IID}/rpc_ping", status=401, json=REFUSED)
    trove.on("GET", f"/mgmt/instances/{IID}/root", status=401, json=REFUSED)
    line = one_line_error(*trove.run("database", *argv, IID))
    assert line == ADMIN_LINE.format(doing)
    assert len(set(trove.requests)) == 1  # (keystoneauth tries a 401 twice)


def test_an_unknown_instance_id_says_so(trove):
    trove.on("POST", f"/mgmt/instances/{IID}/action", status=404,
             json={"itemNotFound": {"code": 404, "message": f"Instance {IID} not found"}})
    trove.on("GET", f"/instances/{IID}", status=404, json={"itemNotFound": {"code": 404}})
    trove.on("GET", "/instances", json=list_body())
    line = one_line_error(*trove.run("database", "instance", "stop", IID))
    assert line == f"No instance with a name or ID of '{IID}' exists."


# --- instance migrate ------------------------------------------------------------------------


def test_migrate_sends_the_host_and_without_wait_nothing_else(trove):
    trove.on("POST", f"/mgmt/instances/{IID}/action", status=202)
    code, out, err = trove.run("database", "instance", "migrate", IID, "--host", "host-2")
    assert (code, out, err) == (0, "", "")
    assert trove.bodies() == [{"migrate": {"host": "host-2"}}]
    trove.run("database", "instance", "migrate", IID)
    assert trove.bodies()[-1] == {"migrate": {}}


def test_migrate_wait_ends_when_the_task_is_over_on_another_host(trove, fake_time):
    trove.on("POST", f"/mgmt/instances/{IID}/action", status=202)
    trove.mocker.get(f"{TROVE}/mgmt/instances/{IID}", [
        {"json": mgmt_instance("host-1")},
        {"json": mgmt_instance("host-1", operating_status="")},  # task MIGRATING
        {"json": mgmt_instance("host-2", status="RESIZE", operating_status="")},
        {"json": mgmt_instance("host-2")},
    ])
    code, out, err = trove.run("database", "instance", "migrate", IID, "--wait")
    assert (code, out) == (0, ""), err
    assert trove.bodies() == [{"migrate": {}}]
    assert [m for m, _ in trove.requests] == ["GET", "POST", "GET", "GET", "GET"]
    assert "RESIZE" in err
    assert err.endswith(f"Instance {IID} moved from host host-1 to host-2.\n")


def test_migrate_wait_fails_in_one_line_when_trove_left_the_instance_where_it_was(
        trove, fake_time):
    trove.on("POST", f"/mgmt/instances/{IID}/action", status=202)
    trove.mocker.get(f"{TROVE}/mgmt/instances/{IID}", [
        {"json": mgmt_instance("host-1")},
        {"json": mgmt_instance("host-1", operating_status="")},
        {"json": mgmt_instance("host-1")},
    ])
    code, out, err = trove.run("database", "instance", "migrate", IID, "--wait")
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == (
        f"Instance {IID} is ACTIVE again on host host-1: Trove did not move it "
        "(its task manager's log says why).")


# --- instance ping ---------------------------------------------------------------------------


def test_ping_takes_trove_s_empty_204_as_an_answer(trove):
    trove.on("GET", f"/mgmt/instances/{IID}/rpc_ping", status=204, text="")
    code, out, err = trove.run("database", "instance", "ping", IID)
    assert (code, err) == (0, "")
    assert out == f"The guest agent of instance {IID} answered.\n"
    assert trove.requests == [("GET", f"/mgmt/instances/{IID}/rpc_ping")]


@pytest.mark.parametrize("status", [400, 500])  # stock Trove: GuestTimeout 400, GuestError 500
def test_a_guest_that_does_not_answer_is_one_line(trove, status):
    trove.on("GET", f"/mgmt/instances/{IID}/rpc_ping", status=status, json={"instanceFault": {
        "code": status, "message": "Timeout trying to connect to the Guest Agent."}})
    line = one_line_error(*trove.run("database", "instance", "ping", IID))
    assert line == (f"The guest agent of instance '{IID}' did not answer: "
                    "Timeout trying to connect to the Guest Agent.")
    assert len(trove.requests) == 1  # not sent again


# --- root history ----------------------------------------------------------------------------


def test_root_history_shows_the_record(trove):
    trove.on("GET", "/instances", json=list_body(row(IID, "db1")))
    trove.on("GET", f"/mgmt/instances/{IID}/root", json={"root_history": {
        "id": IID, "enabled": "2026-12-04T10:00:00", "user": "u-admin"}})
    shown = trove.run_json("database", "root", "history", "show", "db1")
    assert shown == {"id": IID, "enabled": "2026-12-04T10:00:00", "user": "u-admin"}
    assert trove.requests == [("GET", "/instances"), ("GET", f"/mgmt/instances/{IID}/root")]


# --- clusters --------------------------------------------------------------------------------


def test_cluster_reset_task_posts_to_the_mgmt_cluster_action(trove):
    trove.on("GET", "/clusters", json={"clusters": [{"id": CID, "name": "c1"}]})
    trove.on("POST", f"/mgmt/clusters/{CID}/action", status=202)
    code, out, err = trove.run("database", "cluster", "reset", "task", "c1")
    assert (code, out) == (0, ""), err
    assert trove.requests == [("GET", "/clusters"), ("POST", f"/mgmt/clusters/{CID}/action")]
    assert trove.bodies() == [{"reset-task": {}}]


def test_cluster_reset_task_refused_to_a_member(trove):
    trove.on("POST", f"/mgmt/clusters/{CID}/action", status=401, json=REFUSED)
    line = one_line_error(*trove.run("database", "cluster", "reset", "task", CID))
    assert line == ADMIN_LINE.format(f"resetting the task of cluster '{CID}'")


def test_cluster_member_show_by_ids_is_one_request(trove):
    trove.on("GET", f"/clusters/{CID}/instances/{MID}", json={"instance": {
        "id": MID, "name": "c1-member-1", "status": "ACTIVE", "type": "member"}})
    shown = trove.run_json("database", "cluster", "member", "show", CID, MID)
    assert shown["id"] == MID and shown["name"] == "c1-member-1"
    assert trove.requests == [("GET", f"/clusters/{CID}/instances/{MID}")]


def test_cluster_member_show_by_names(trove):
    trove.on("GET", "/clusters", json={"clusters": [{"id": CID, "name": "c1"}]})
    trove.on("GET", f"/clusters/{CID}", json={"cluster": {"id": CID, "name": "c1", "instances": [
        {"id": OTHER, "name": "c1-member-2"}, {"id": MID, "name": "c1-member-1"}]}})
    trove.on("GET", f"/clusters/{CID}/instances/{MID}", json={"instance": {
        "id": MID, "name": "c1-member-1"}})
    shown = trove.run_json("database", "cluster", "member", "show", "c1", "c1-member-1")
    assert shown["id"] == MID
    assert trove.requests[-1] == ("GET", f"/clusters/{CID}/instances/{MID}")
    line = one_line_error(*trove.run("database", "cluster", "member", "show", "c1", "nope"))
    assert line == "Cluster 'c1' has no member with a name or ID of 'nope'."


# --- datastore version volume types ----------------------------------------------------------


VOLUME_TYPES = {"volume_types": [
    {"id": "vt-1", "name": "lvmdriver-1", "is_public": True, "description": "default"}]}


def test_volume_types_of_a_version_name_ask_with_the_version_s_id(trove):
    trove.on("GET", "/datastores/mysql/versions/5.7", json={"version": {
        "id": VID, "name": "5.7", "datastore": DSID}})
    trove.on("GET", f"/datastores/{DSID}/versions/{VID}/volume-types", json=VOLUME_TYPES)
    rows = trove.run_json("datastore", "version", "volume", "type", "list", "5.7",
                          "--datastore", "mysql")
    assert rows == [{"ID": "vt-1", "Name": "lvmdriver-1", "Is Public": True,
                     "Description": "default"}]
    assert trove.requests == [("GET", "/datastores/mysql/versions/5.7"),
                              ("GET", f"/datastores/{DSID}/versions/{VID}/volume-types")]


def test_volume_types_of_an_unknown_version_id_say_so(trove):
    trove.on("GET", f"/datastores/versions/{VID}", status=404,
             json={"itemNotFound": {"code": 404, "message": f"Datastore version {VID} not found"}})
    line = one_line_error(*trove.run("datastore", "version", "volume", "type", "list", VID))
    assert line == f"No datastore version with a name or ID of '{VID}' exists."
    assert len(trove.requests) == 1  # nothing asked of the volume-types route


# --- the API: the management descriptions and cluster members (commands: docs/commands.md) ---

def test_deleted_instances_ask_for_deleted_rows_of_every_page(api):
    trove, mocker = api
    mocker.get(API + "/mgmt/instances", [
        {"json": list_body(row(IID, "db1"), next_marker=IID)},
        {"json": list_body(row(OTHER, "db2"))}])
    assert [r["id"] for r in trove.mgmt_instances.list_deleted(project_id="p-9")] \
        == [IID, OTHER]
    assert sent(mocker) == [
        ("GET", "/mgmt/instances?deleted=true&project_id=p-9"),
        ("GET", f"/mgmt/instances?deleted=true&project_id=p-9&limit=20&marker={IID}")]


def test_a_deleted_instance_by_id_is_one_get_and_by_name_one_list_more(api):
    mgmt, mocker = api[0].mgmt_instances, api[1]
    mocker.get(API + f"/mgmt/instances/{IID}?deleted=true", json=mgmt_instance(deleted=True))
    # Without `deleted` in its query, Trove's management list holds live and deleted rows.
    mocker.get(API + "/mgmt/instances",
               json=list_body(row(IID, "db1"), row(OTHER, "twice"), row(MID, "twice")))
    assert mgmt.find_even_deleted(IID)["deleted"] is True
    assert sent(mocker) == [("GET", f"/mgmt/instances/{IID}?deleted=true")]
    assert mgmt.find_even_deleted("db1")["id"] == IID
    assert sent(mocker)[1:] == [("GET", "/mgmt/instances"),
                                ("GET", f"/mgmt/instances/{IID}?deleted=true")]
    with pytest.raises(AmbiguousName, match=f"instance is named 'twice' "
                                            f"\\({OTHER}, {MID}\\)"):
        mgmt.find_even_deleted("twice")


@pytest.mark.parametrize("kind, label", [("mgmt_instances", "instance"),
                                         ("mgmt_clusters", "cluster")])
def test_an_unknown_deleted_id_is_not_found(api, kind, label):
    trove, mocker = api
    mocker.get(rm.ANY, status_code=404, json={"itemNotFound": {"code": 404, "message": "no"}})
    with pytest.raises(ResourceNotFound, match=f"No {label} with a name or ID of '{IID}'"):
        getattr(trove, kind).find_even_deleted(IID)
    assert len(mocker.request_history) == 1  # no lookup of live rows after the 404


def test_a_deleted_cluster_by_name_is_picked_from_the_deleted_list_then_shown(api):
    trove, mocker = api
    mocker.get(API + "/mgmt/clusters", json={"clusters": [{"id": CID, "name": "c1"}]})
    mocker.get(API + f"/mgmt/clusters/{CID}", json={"cluster": {"id": CID, "deleted": True}})
    assert trove.mgmt_clusters.find_even_deleted("c1")["deleted"] is True
    # A cluster's management GET shows a deleted one without being told.
    assert sent(mocker) == [("GET", "/mgmt/clusters"), ("GET", f"/mgmt/clusters/{CID}")]
    with pytest.raises(ResourceNotFound, match="No cluster with a name or ID of 'c2'"):
        trove.mgmt_clusters.find_even_deleted("c2")


def test_mgmt_clusters_list_and_show(api):
    trove, mocker = api
    mocker.get(API + "/mgmt/clusters", json={"clusters": [{"id": CID, "tenant_id": "p-9"}]})
    mocker.get(API + f"/mgmt/clusters/{CID}", json={"cluster": {"id": CID, "deleted": True}})
    assert list(trove.mgmt_clusters.list()) == [{"id": CID, "tenant_id": "p-9"}]
    list(trove.mgmt_clusters.list_deleted())
    list(trove.clusters.list_all_projects())  # the same collection, live rows only
    assert trove.mgmt_clusters.get(CID)["deleted"] is True
    assert sent(mocker) == [("GET", "/mgmt/clusters"), ("GET", "/mgmt/clusters?deleted=true"),
                            ("GET", "/mgmt/clusters?deleted=false"),
                            ("GET", f"/mgmt/clusters/{CID}")]


def test_the_management_collections_are_the_resources_own():
    # Written once: a resource's lookup across projects lists its description's path.
    trove = TroveClient(session.Session(), endpoint_override=API)
    assert trove.mgmt_instances.base_path == trove.instances.mgmt_path == "/mgmt/instances"
    assert trove.mgmt_clusters.base_path == trove.clusters.mgmt_path == "/mgmt/clusters"


@pytest.mark.parametrize("call, body", [
    (lambda m: m.stop(IID), {"stop": {}}),
    (lambda m: m.migrate(IID), {"migrate": {}}),
    (lambda m: m.migrate(IID, "host-2"), {"migrate": {"host": "host-2"}}),
    (lambda m: m.reset_task_status(IID), {"reset-task-status": {}}),
    (lambda m: m.reboot(IID), {"reboot": {}}),
    (lambda m: m.rebuild(IID, "img-1"), {"rebuild": {"image_id": "img-1"}}),
])
def test_each_instance_action_is_a_post_to_the_mgmt_action(api, call, body):
    trove, mocker = api
    mocker.post(API + f"/mgmt/instances/{IID}/action", status_code=202)
    call(trove.mgmt_instances)
    assert sent(mocker) == [("POST", f"/mgmt/instances/{IID}/action")]
    assert mocker.last_request.json() == body


def test_reboot_and_rebuild_are_no_longer_the_owner_s_instance_actions(api):
    assert not hasattr(api[0].instances, "reboot") and not hasattr(api[0].instances, "rebuild")


def test_cluster_members_are_picked_from_the_cluster_s_get(api):
    trove, mocker = api
    cluster = {"id": CID, "name": "c1", "instances": [
        {"id": OTHER, "name": "c1-member-2"}, {"id": MID, "name": "c1-member-1"}]}
    mocker.get(API + f"/clusters/{CID}", json={"cluster": cluster})
    members = trove.cluster_members
    assert members.resolve("c1-member-1", CID) == MID
    assert members.find(OTHER, CID)["name"] == "c1-member-2"
    assert sent(mocker) == [("GET", f"/clusters/{CID}")] * 2
    assert members.resolve("c1-member-2", "c1", cluster=cluster) == OTHER  # no request
    assert len(mocker.request_history) == 2
    with pytest.raises(ResourceNotFound, match="Cluster 'c1' has no member .* of 'nope'"):
        members.find("nope", "c1", cluster=cluster)
    assert not hasattr(members, "list")  # Trove has no list route under a cluster
