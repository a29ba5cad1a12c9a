"""database cluster ...: request bodies and paths, --instance parsing, waits, output."""

import json

import pytest

from tests.unit.conftest import PROJECT_ID
from tests.unit.helpers import CONFIG_ID, FLAVORS, MODULE_ID, SUBNET_ID, one_line_error

CID = "aa0ad1b6-33c5-4a8c-b0d2-2a3e1fc3b8f4"
M1 = "11111111-1111-4111-8111-111111111111"
M2 = "22222222-2222-4222-8222-222222222222"
M3 = "33333333-3333-4333-8333-333333333333"
M4 = "44444444-4444-4444-8444-444444444444"
NET_ID = "a5330d7d-0e8c-48b4-9f6c-0f2c4ab1b854"
CLUSTER_URL = f"http://trove.test/v1.0/{PROJECT_ID}/clusters/{CID}"


def member(mid, name, status="ACTIVE"):
    return {"id": mid, "name": name, "type": "member", "status": status,
            "flavor": {"id": "2"}, "volume": {"size": 1}}


def cluster(task="NONE", members=None, **extra):
    body = {
        "id": CID, "name": "c1", "created": "2026-01-01T00:00:00", "updated": "2026-01-01T00:01:00",
        "task": {"id": 1, "name": task, "description": f"{task} description"},
        "datastore": {"type": "redis", "version": "7.0"},
        "instances": members if members is not None else [member(M1, "c1-1"), member(M2, "c1-2")],
        "links": [{"rel": "self", "href": "https://x/clusters/" + CID}],
    }
    body.update(extra)
    return {"cluster": body}


# --- create -------------------------------------------------------------------------


def test_create_sends_every_member_key_and_option(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", "/modules", {"modules": [{"id": MODULE_ID, "name": "license"}]})
    trove.on("GET", "/configurations", {"configurations": [{"id": CONFIG_ID, "name": "cfg"}]})
    trove.on("POST", "/clusters", cluster(task="BUILDING_CLUSTER"))
    shown = trove.run_json(
        "database", "cluster", "create", "c1", "redis", "7.0",
        "--instance", f"flavor=m1.small,volume=2,volume_type=ssd,nic='net-id={NET_ID},"
        f"subnet-id={SUBNET_ID},ip-address=10.0.0.5',availability_zone=az1,module=license,"
        "type=member,region=RegionTwo",
        "--instance", "flavor=2,volume=2",
        "--locality", "anti-affinity", "--extended-properties", "num_mongos=2,mongos_volume_type=x",
        "--configuration", "cfg",
    )
    assert trove.bodies() == [{"cluster": {
        "name": "c1",
        "datastore": {"type": "redis", "version": "7.0"},
        "instances": [
            {"flavorRef": "2", "volume": {"size": 2, "type": "ssd"},
             "nics": [{"network_id": NET_ID, "subnet_id": SUBNET_ID, "ip_address": "10.0.0.5"}],
             "modules": [{"id": MODULE_ID}], "type": "member", "availability_zone": "az1",
             "region_name": "RegionTwo"},
            {"flavorRef": "2", "volume": {"size": 2}},
        ],
        "locality": "anti-affinity",
        "extended_properties": {"num_mongos": 2, "mongos_volume_type": "x"},
        "configuration": CONFIG_ID,
    }}]
    assert shown["task_name"] == "BUILDING_CLUSTER" and shown["instance_count"] == 2
    assert shown["datastore"] == "redis" and shown["datastore_version"] == "7.0"
    assert "links" not in shown and "instances" not in shown and "task" not in shown


@pytest.mark.parametrize("policy", ["soft-affinity", "soft-anti-affinity"])
def test_create_takes_the_soft_localities(trove, policy):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/clusters", cluster())
    code, _, err = trove.run("database", "cluster", "create", "c1", "mongodb", "4.0",
                             "--instance", "flavor=2,volume=1", "--locality", policy)
    assert code == 0, err
    assert trove.bodies() == [{"cluster": {
        "name": "c1", "datastore": {"type": "mongodb", "version": "4.0"},
        "instances": [{"flavorRef": "2", "volume": {"size": 1}}], "locality": policy}}]


def test_create_hidden_underscore_spelling_of_extended_properties(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/clusters", cluster())
    code, _, err = trove.run("database", "cluster", "create", "c1", "mongodb", "4.0",
                             "--instance", "flavor=2,volume=1", "--extended_properties",
                             "num_configsvr=3")
    assert code == 0, err
    assert trove.bodies()[0]["cluster"]["extended_properties"] == {"num_configsvr": 3}


@pytest.mark.parametrize("spec, message", [
    ("volume=1", "--instance needs flavor=<value>; got 'volume=1'."),
    ("flavor=2,size=1", "Unknown --instance key 'size'; valid keys: availability_zone, flavor, "
     "module, nic, region, type, volume, volume_type."),
    ("flavor=2,volume", "'volume' is not a key=value pair (in 'flavor=2,volume')."),
    ("flavor=2,volume=0", "--instance volume: must be 1 or more, not 0."),
    ("flavor=2,volume_type=ssd", "--instance volume_type needs volume=<GB>."),
    ("flavor=2,flavor=3", "--instance key 'flavor' may be given once per member."),
    ("flavor=2,name=x", "Unknown --instance key 'name'; valid keys: availability_zone, flavor, "
     "module, nic, region, type, volume, volume_type."),
    (f"flavor=2,nic='port-id={NET_ID}'",
     "nic key 'port-id': Trove 12.0.0 dropped port-id from its NIC schema; give "
     "net-id=<network>[,subnet-id=<subnet>][,ip-address=<ip>] instead."),
    ("flavor=2,nic='v4-fixed-ip=10.0.0.1,net-id=x'",
     "nic key 'v4-fixed-ip': Trove 12.0.0 dropped v4-fixed-ip from its NIC schema; give "
     "ip-address=<ip> (with net-id or subnet-id) instead."),
    ("flavor=2,nic='ip-address=10.0.0.1'", "nic 'ip-address=10.0.0.1' needs net-id or subnet-id."),
    ("flavor=2,nic='net=a'", "nic takes net-id=<network>,subnet-id=<subnet>,ip-address=<ip> "
     "(at least net-id or subnet-id); 'net=a' is not that."),
    (f"flavor=2,nic=net-id={NET_ID},subnet-id={SUBNET_ID}",
     "--instance key 'subnet-id' belongs inside the nic value: nic='subnet-id=...' (quoted, "
     "with the rest of the NIC)."),
    ("flavor=2,nic='net-id=a',nic='net-id=b'", "--instance key 'nic' may be given one NIC per "
     "member."),
    ("flavor=2,nic='net-id=a", "Unbalanced ' quote in 'flavor=2,nic='net-id=a'."),
])
def test_bad_instance_specs_are_one_line_before_any_request(trove, spec, message):
    result = trove.run("database", "cluster", "create", "c1", "redis", "7.0", "--instance", spec)
    assert one_line_error(*result) == message
    assert trove.requests == []


def test_create_without_members_is_refused(trove):
    result = trove.run("database", "cluster", "create", "c1", "redis", "7.0")
    assert one_line_error(*result) == "Give at least one member with --instance."
    assert trove.requests == []


def test_unknown_datastore_is_the_server_message(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/clusters", {"itemNotFound": {
        "code": 404, "message": "Datastore 'nosql' cannot be found."}}, status=404)
    result = trove.run("database", "cluster", "create", "c1", "nosql", "1",
                       "--instance", "flavor=2,volume=1")
    assert one_line_error(*result) == "Datastore 'nosql' cannot be found. (HTTP 404)"


# --- list, show, instances, modules -------------------------------------------------


def test_list_follows_every_page_and_prints_troveclient_columns(trove):
    second = dict(cluster()["cluster"], id=M4, name="c2")
    trove.on("GET", "/clusters", {"clusters": [cluster()["cluster"]], "links": [
        {"rel": "next", "href": f"https://x/v1.0/{PROJECT_ID}/clusters?limit=1&marker={CID}"}]})
    trove.on("GET", f"/clusters?limit=1&marker={CID}", {"clusters": [second]})
    rows = trove.run_json("database", "cluster", "list")
    assert rows == [
        {"ID": CID, "Name": "c1", "Datastore": "redis", "Datastore Version": "7.0",
         "Task Name": "NONE"},
        {"ID": M4, "Name": "c2", "Datastore": "redis", "Datastore Version": "7.0",
         "Task Name": "NONE"},
    ]
    assert trove.requests == [("GET", "/clusters"), ("GET", f"/clusters?limit=1&marker={CID}")]


def test_list_limit_and_marker(trove):
    trove.on("GET", f"/clusters?marker={CID}&limit=1", {"clusters": [cluster()["cluster"]]})
    rows = trove.run_json("database", "cluster", "list", "--limit", "1", "--marker", CID)
    assert len(rows) == 1
    assert trove.requests == [("GET", f"/clusters?marker={CID}&limit=1")]


def test_show_by_name_flattens_like_troveclient(trove):
    listed = dict(cluster()["cluster"])
    trove.on("GET", "/clusters", {"clusters": [listed]})
    trove.on("GET", f"/clusters/{CID}", cluster(ip=[{"address": "10.0.0.4"}, "10.0.0.5"],
                                               configuration=CONFIG_ID))
    shown = trove.run_json("database", "cluster", "show", "c1")
    assert shown == {
        "id": CID, "name": "c1", "created": "2026-01-01T00:00:00",
        "updated": "2026-01-01T00:01:00", "datastore": "redis", "datastore_version": "7.0",
        "task_name": "NONE", "task_description": "NONE description", "instance_count": 2,
        "ip": "10.0.0.4, 10.0.0.5", "configuration": CONFIG_ID,
    }
    assert trove.requests == [("GET", "/clusters"), ("GET", f"/clusters/{CID}")]


def test_unknown_cluster(trove):
    trove.on("GET", "/clusters", {"clusters": []})
    result = trove.run("database", "cluster", "show", "nope")
    assert one_line_error(*result) == "No cluster with a name or ID of 'nope' exists."


def test_list_instances(trove):
    trove.on("GET", f"/clusters/{CID}", cluster())
    rows = trove.run_json("database", "cluster", "list", "instances", CID)
    assert rows == [
        {"ID": M1, "Name": "c1-1", "Flavor ID": "2", "Size": 1, "Status": "ACTIVE"},
        {"ID": M2, "Name": "c1-2", "Flavor ID": "2", "Size": 1, "Status": "ACTIVE"},
    ]


@pytest.mark.parametrize("argv", [["cluster", "modules"], ["module", "list", "cluster"]])
def test_modules_of_every_member(trove, argv):
    trove.on("GET", f"/clusters/{CID}", cluster())
    mod = {"id": MODULE_ID, "name": "license", "type": "ping", "md5": "abc",
           "created": "t1", "updated": "t2"}
    trove.on("GET", f"/instances/{M1}/modules", {"modules": [mod]})
    trove.on("GET", f"/instances/{M2}/modules", {"modules": []})
    rows = trove.run_json("database", *argv, CID)
    assert rows == [{"instance_name": "c1-1", "Module Name": "license", "Module Type": "ping",
                     "md5": "abc", "created": "t1", "updated": "t2"}]
    assert trove.requests == [("GET", f"/clusters/{CID}"), ("GET", f"/instances/{M1}/modules"),
                              ("GET", f"/instances/{M2}/modules")]


# --- actions ------------------------------------------------------------------------


@pytest.mark.parametrize("argv, body", [
    (["upgrade", CID, "7.2"], {"upgrade": {"datastore_version": "7.2"}}),
    (["restart", CID], {"restart": {}}),
    (["reset", "status", CID], {"reset-status": {}}),
    (["unset", CID, "--configuration"], {"configuration_detach": {}}),
    (["set", CID, "--configuration", CONFIG_ID],
     {"configuration_attach": {"configuration_id": CONFIG_ID}}),
    (["grow", CID, "--instance", "flavor=2,volume=1,name=c1-3,related_to=x,type=a,type=b"],
     {"grow": [{"flavorRef": "2", "volume": {"size": 1}, "name": "c1-3", "related_to": "x",
                "type": "a,b"}]}),
], ids=lambda v: v[0] if isinstance(v, list) else "")
def test_actions_post_to_the_cluster(trove, argv, body):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", f"/clusters/{CID}", cluster(), status=202)
    code, out, err = trove.run("database", "cluster", *argv)
    assert (code, out, err) == (0, "", "")
    assert trove.bodies() == [body]
    assert [r for r in trove.requests if r[1] != "/flavors"] == [("POST", f"/clusters/{CID}")]


def test_set_and_unset_need_configuration(trove):
    assert one_line_error(*trove.run("database", "cluster", "set", CID)) == (
        "Nothing to set: give --configuration.")
    assert one_line_error(*trove.run("database", "cluster", "unset", CID)) == (
        "Nothing to unset: give --configuration.")
    assert trove.requests == []


def test_shrink_by_member_name_within_the_cluster(trove):
    trove.on("GET", "/clusters", {"clusters": [cluster()["cluster"]]})
    trove.on("POST", f"/clusters/{CID}", cluster(), status=202)
    code, _, err = trove.run("database", "cluster", "shrink", "c1", "c1-2", M1)
    assert code == 0, err
    assert trove.bodies() == [{"shrink": [{"id": M2}, {"id": M1}]}]
    assert trove.requests == [("GET", "/clusters"), ("POST", f"/clusters/{CID}")]


def test_shrink_refuses_a_stranger(trove):
    trove.on("GET", f"/clusters/{CID}", cluster())
    result = trove.run("database", "cluster", "shrink", CID, "other-db")
    assert one_line_error(*result) == (
        f"Cluster '{CID}' has no member with a name or ID of 'other-db'.")
    assert trove.requests == [("GET", f"/clusters/{CID}")]


def test_busy_cluster_shows_the_server_message(trove):
    trove.on("POST", f"/clusters/{CID}", {"unprocessableEntity": {
        "code": 422, "message": "This action cannot be performed on the cluster while the "
        "current cluster task is 'GROWING_CLUSTER'."}}, status=422)
    result = trove.run("database", "cluster", "restart", CID)
    assert one_line_error(*result) == (
        "This action cannot be performed on the cluster while the current cluster task is "
        "'GROWING_CLUSTER'. (HTTP 422)")


# --- delete ---------------------------------------------------------------------------


def test_delete_several_reports_each_failure(trove):
    trove.on("GET", "/clusters", {"clusters": [cluster()["cluster"]]})
    trove.on("DELETE", f"/clusters/{CID}", status=202)
    code, out, err = trove.run("database", "cluster", "delete", "c1", "ghost")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Failed to delete cluster 'ghost': No cluster with a name or ID of 'ghost' exists.",
        "1 of 2 clusters failed to delete.",
    ]
    assert ("DELETE", f"/clusters/{CID}") in trove.requests


def test_force_delete_resets_with_force_delete_then_deletes(trove):
    trove.on("POST", f"/clusters/{CID}", cluster(), status=202)
    trove.on("DELETE", f"/clusters/{CID}", status=202)
    code, _, err = trove.run("database", "cluster", "force", "delete", CID)
    assert code == 0, err
    assert trove.requests == [("POST", f"/clusters/{CID}"), ("DELETE", f"/clusters/{CID}")]
    assert trove.bodies() == [{"reset-status": {"force_delete": True}}]


def test_delete_wait_names_the_task_until_gone(trove, fake_time):
    trove.on("DELETE", f"/clusters/{CID}", status=202)
    deleting = cluster("DELETING", [member(M1, "c1-1", "SHUTDOWN")])
    trove.mocker.get(CLUSTER_URL, [{"json": deleting}, {"status_code": 404, "json": {
        "itemNotFound": {"code": 404, "message": "gone"}}}])
    code, _, err = trove.run("database", "cluster", "delete", CID, "--wait")
    assert code == 0, err
    assert err.splitlines() == [
        f"cluster {CID}: DELETING, waiting for c1-1 (SHUTDOWN) (0s)",
        f"cluster {CID}: DELETED (1s)",
    ]


# --- waits ----------------------------------------------------------------------------


def test_create_wait_names_pending_members_then_shows_the_cluster(trove, fake_time):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/clusters", cluster("BUILDING_CLUSTER"))
    building = cluster("BUILDING_CLUSTER", [member(M1, "c1-1", "BUILD"), member(M2, "c1-2",
                                                                                 "BUILD")])
    half = cluster("BUILDING_CLUSTER", [member(M1, "c1-1"), member(M2, "c1-2", "BUILD")])
    members_up = cluster("BUILDING_CLUSTER")
    trove.mocker.get(CLUSTER_URL, [{"json": building}, {"json": half}, {"json": members_up},
                                   {"json": cluster()}])
    code, out, err = trove.run("database", "cluster", "create", "c1", "redis", "7.0",
                               "--instance", "flavor=2,volume=1", "--instance", "flavor=2,volume=1",
                               "--wait", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["task_name"] == "NONE"
    assert err.splitlines() == [
        "cluster c1: BUILDING_CLUSTER, waiting for c1-1 (BUILD), c1-2 (BUILD) (0s)",
        "cluster c1: BUILDING_CLUSTER, waiting for c1-2 (BUILD) (1s)",
        "cluster c1: BUILDING_CLUSTER (2s)",
        "cluster c1: NONE (4s)",
    ]


def test_wait_ends_on_a_member_in_error_with_its_fault(trove, fake_time):
    trove.on("POST", f"/clusters/{CID}", cluster(), status=202)
    trove.on("GET", f"/clusters/{CID}", cluster("RESTARTING_CLUSTER", [
        member(M1, "c1-1"), member(M2, "c1-2", "ERROR")]))
    trove.on("GET", f"/instances/{M2}", {"instance": {
        "id": M2, "status": "ERROR", "fault": {"message": "Guest agent timed out."}}})
    code, out, err = trove.run("database", "cluster", "restart", CID, "--wait")
    assert code == 1 and out == ""
    assert err.splitlines()[-1] == (
        f"cluster {CID} went to RESTARTING_CLUSTER, waiting for c1-2 (ERROR) after 0s: "
        "member c1-2 is ERROR: Guest agent timed out.")


def test_grow_wait_waits_for_the_new_members(trove, fake_time):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", f"/clusters/{CID}", cluster(), status=202)
    two = cluster()
    growing = cluster("GROWING_CLUSTER")  # the new member not listed yet
    three = cluster(members=[member(M1, "c1-1"), member(M2, "c1-2"), member(M3, "c1-3")])
    trove.mocker.get(CLUSTER_URL, [{"json": two}, {"json": cluster()}, {"json": growing},
                                   {"json": three}])
    code, _, err = trove.run("database", "cluster", "grow", CID, "--instance", "flavor=2,volume=1",
                             "--wait")
    assert code == 0, err
    # One GET before the grow (the members so far); a cluster with only the old
    # members and no task is not done.
    gets = [r for r in trove.requests if r == ("GET", f"/clusters/{CID}")]
    assert len(gets) == 4


def test_grow_names_unnamed_members_past_every_name_in_use(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", f"/clusters/{CID}", cluster(
        members=[member(M1, "c1-member-1"), member(M2, "c1-member-2")]))
    trove.on("POST", f"/clusters/{CID}", cluster(), status=202)
    code, _, err = trove.run("database", "cluster", "grow", CID,
                             "--instance", "flavor=2,volume=1",
                             "--instance", "flavor=2,volume=1,name=c1-member-4",
                             "--instance", "flavor=2,volume=1")
    assert code == 0, err
    # Trove's Redis strategy would call both unnamed ones c1-member-1 again.
    grown = trove.bodies()[0]["grow"]
    assert [m["name"] for m in grown] == ["c1-member-3", "c1-member-4", "c1-member-5"]
    assert trove.requests == [("GET", "/flavors"), ("GET", "/flavors"), ("GET", "/flavors"),
                              ("GET", f"/clusters/{CID}"), ("POST", f"/clusters/{CID}")]


def test_shrink_wait_waits_until_the_member_is_gone(trove, fake_time):
    still = cluster("SHRINKING_CLUSTER")
    same_no_task = cluster()
    gone = cluster(members=[member(M1, "c1-1")])
    trove.on("POST", f"/clusters/{CID}", cluster(), status=202)
    trove.mocker.get(CLUSTER_URL, [{"json": cluster()}, {"json": still},
                                   {"json": same_no_task}, {"json": gone}])
    code, _, err = trove.run("database", "cluster", "shrink", CID, "c1-2", "--wait")
    assert code == 0, err
    assert trove.bodies() == [{"shrink": [{"id": M2}]}]
    # Progress lines come on changes only; the four GETs show the wait went on.
    assert err.splitlines() == [f"cluster {CID}: SHRINKING_CLUSTER (0s)",
                                f"cluster {CID}: NONE (1s)"]
    assert len([r for r in trove.requests if r == ("GET", f"/clusters/{CID}")]) == 4


# --- networks by name ---------------------------------------------------------------

def test_a_network_name_is_found_through_the_network_service(network_service):
    trove = network_service
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/clusters", cluster())
    code, _, err = trove.run("database", "cluster", "create", "c1", "redis", "7.0",
                             "--instance",
                             f"flavor=2,volume=1,nic='net-id=private,subnet-id={SUBNET_ID}'")
    assert code == 0, err
    assert trove.bodies()[0]["cluster"]["instances"][0]["nics"] == [
        {"network_id": NET_ID, "subnet_id": SUBNET_ID}]


def test_an_unknown_network_name_sends_no_create(network_service):
    trove = network_service
    trove.on("GET", "/flavors", FLAVORS)
    result = trove.run("database", "cluster", "create", "c1", "redis", "7.0",
                       "--instance", "flavor=2,volume=1,nic='net-id=nowhere'")
    assert one_line_error(*result) == "No network with a name or ID of 'nowhere' exists."
    assert ("POST", "/clusters") not in trove.requests


def test_grow_refusals_send_nothing_to_the_cluster(trove):
    result = trove.run("database", "cluster", "grow", CID)
    assert one_line_error(*result) == "Give at least one new member with --instance."
    result = trove.run("database", "cluster", "grow", CID, "--instance", "flavor=2,colour=red")
    assert one_line_error(*result).startswith("Unknown --instance key 'colour'; valid keys: "
                                              "availability_zone, flavor, module, name, nic, ")
    assert trove.requests == []
    trove.on("GET", "/flavors", FLAVORS)
    result = trove.run("database", "cluster", "grow", CID, "--instance", "flavor=m9.huge")
    assert one_line_error(*result) == "No flavor with a name or ID of 'm9.huge' exists."
    assert trove.requests == [("GET", "/flavors")]


def test_a_member_without_volume_needs_a_flavor_with_an_ephemeral_disk(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", "/clusters", cluster())
    result = trove.run("database", "cluster", "create", "c1", "redis", "7.0",
                       "--instance", "flavor=eph.small", "--instance", "flavor=m1.small")
    assert one_line_error(*result) == (
        "--instance needs volume=<GB>: flavor 'm1.small' has no local (ephemeral) disk for "
        "the data.")
    assert trove.requests == [("GET", "/flavors"), ("GET", "/flavors")]
    code, _, err = trove.run("database", "cluster", "create", "c1", "redis", "7.0",
                             "--instance", "flavor=eph.small")
    assert code == 0, err
    assert trove.bodies() == [{"cluster": {"name": "c1",
                                           "datastore": {"type": "redis", "version": "7.0"},
                                           "instances": [{"flavorRef": "7"}]}}]
