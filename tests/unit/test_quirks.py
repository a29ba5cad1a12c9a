"""Faults of Trove releases (osc_trove.api.quirks): what a user sees, and what is sent."""

import pytest
import requests_mock as rm
from keystoneauth1 import session
from osc_lib import exceptions

from osc_trove.api import TroveClient, TroveError, quirks, waiting
from tests.unit.helpers import FLAVORS, IID

MID = "8f1a3c59-0c6e-4a8b-9d7f-1b2c3d4e5f60"
BID = "5d0c2a41-7e2b-4c3d-9e8f-0a1b2c3d4e5f"
CID = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
# What Trove's fault wrapper answers for an exception it did not expect.
TROVE_500 = {"instanceFault": {"code": 500, "message": "Internal Server Error. Please keep "
                                                       "this ID to help us: (abc)."}}
ADMIN_LIST = (
    "Trove answered 500 Internal Server Error to the module list, as Trove 21.0.0 and later "
    "do for every admin (a fault of Trove); give the module by its ID, or list modules as a "
    "user without the admin role (HTTP 500)"
)


def one_line(code, out, err):
    assert (code, out) == (1, ""), err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- an admin's module list -----------------------------------------------------------------


def test_admin_module_list_is_one_line(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    assert one_line(*trove.run("database", "module", "list")) == ADMIN_LIST


def test_module_lookup_by_name_for_an_admin_says_give_the_id(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    code, out, err = trove.run("database", "module", "delete", "license")
    assert code == 1 and err.splitlines() == [
        f"Failed to delete module 'license': {ADMIN_LIST}",
        "1 of 1 module failed to delete.",
    ]
    assert trove.requests == [("GET", "/modules")]


def test_other_module_list_errors_are_left_alone(trove):
    trove.on("GET", "/modules", {"forbidden": {"code": 403, "message": "Not allowed."}},
             status=403)
    assert one_line(*trove.run("database", "module", "list")) == "Not allowed. (HTTP 403)"


def test_removing_a_module_by_name_finds_it_on_the_instance_when_the_list_fails(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    trove.on("GET", f"/instances/{IID}/modules",
             {"modules": [{"id": MID, "name": "license", "type": "ping"}]})
    trove.on("DELETE", f"/instances/{IID}/modules/{MID}", status=200)
    code, out, err = trove.run("database", "instance", "remove", "module", IID, "license")
    assert code == 0, err
    assert trove.requests == [
        ("GET", "/modules"), ("GET", f"/instances/{IID}/modules"),
        ("DELETE", f"/instances/{IID}/modules/{MID}"),
    ]


def test_removing_a_module_the_instance_lacks_says_give_the_id(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    trove.on("GET", f"/instances/{IID}/modules", {"modules": []})
    line = one_line(*trove.run("database", "instance", "remove", "module", IID, "license"))
    assert line == ADMIN_LIST


# --- deleting a running backup --------------------------------------------------------------


def test_deleting_a_running_backup_says_wait(trove):
    trove.on("DELETE", f"/backups/{BID}", TROVE_500, status=500)
    trove.on("GET", f"/backups/{BID}", {"backup": {"id": BID, "status": "BUILDING"}})
    code, out, err = trove.run("database", "backup", "delete", BID)
    assert code == 1 and err.splitlines() == [
        f"Failed to delete backup '{BID}': Trove answered 500 Internal Server Error to "
        f"deleting backup {BID}, which is running (BUILDING): Trove 25.0.0 and later fail so "
        "for a running backup (a fault of Trove) and delete nothing; wait until the backup is "
        "COMPLETED or FAILED, then delete it (HTTP 500)",
        "1 of 1 backup failed to delete.",
    ]


def test_a_500_deleting_a_finished_backup_stays_what_it_was(trove):
    trove.on("DELETE", f"/backups/{BID}", TROVE_500, status=500)
    trove.on("GET", f"/backups/{BID}", {"backup": {"id": BID, "status": "COMPLETED"}})
    code, out, err = trove.run("database", "backup", "delete", BID)
    assert code == 1 and err.splitlines()[0].startswith(
        f"Failed to delete backup '{BID}': Internal Server Error. Please keep this ID")
    assert "may have reached the server" in err


# --- growing a cluster ----------------------------------------------------------------------


def cluster(datastore):
    return {"cluster": {"id": CID, "name": "c1", "datastore": {"type": datastore,
                                                               "version": "7.0"},
                        "task": {"name": "NONE"}, "instances": []}}


def test_growing_a_redis_cluster_names_the_fault(trove):
    trove.on("GET", f"/clusters/{CID}", cluster("redis"))
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", f"/clusters/{CID}", TROVE_500, status=500)
    line = one_line(*trove.run("database", "cluster", "grow", CID, "--instance",
                               "flavor=2,volume=1"))
    assert line == (
        f"Trove answered 500 Internal Server Error to growing redis cluster {CID}: Trove "
        "18.0.0 and later cannot grow redis clusters (a fault of Trove) and change nothing; "
        "create a new cluster with the members you need (HTTP 500)"
    )


def test_a_500_growing_a_galera_cluster_stays_what_it_was(trove):
    trove.on("GET", f"/clusters/{CID}", cluster("mariadb"))
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", f"/clusters/{CID}", TROVE_500, status=500)
    line = one_line(*trove.run("database", "cluster", "grow", CID, "--instance",
                               "flavor=2,volume=1"))
    assert line.startswith("Internal Server Error. Please keep this ID")
    assert "may have reached the server" in line


# --- an instance's configuration group (Trove 21.1 to 24.0 detach it) -----------------------
#
# The API's side: requests and facts. What `instance update/upgrade/detach` say
# of these facts is in test_instance_actions.py and test_configuration.py.

API = "http://trove.test/v1.0/p1"
GROUP = {"id": CID, "name": "tuned"}


@pytest.fixture
def api():
    with rm.Mocker() as mocker:
        yield TroveClient(session.Session(), endpoint_override=API), mocker


def instance_answers(mocker, *shown):
    """GET /instances/IID answers `shown` (changes to an ACTIVE instance), one a request."""
    mocker.get(f"{API}/instances/{IID}", [
        {"json": {"instance": {"id": IID, "status": "ACTIVE", **changes}}} for changes in shown])


def sent(mocker):
    return [(r.method, r.path.removeprefix("/v1.0/p1")) for r in mocker.request_history]


def rename(client):
    return lambda: client.instances.update(IID, name="db2")


def test_a_server_that_keeps_the_group_costs_two_gets(api, capsys):
    client, mocker = api
    mocker.put(f"{API}/instances/{IID}", status_code=202)
    instance_answers(mocker, {"configuration": GROUP}, {"configuration": GROUP})
    kept = quirks.keeping_configuration(client.instances, IID, rename(client),
                                        wait_to_attach=True, on_detached=pytest.fail)
    assert kept == quirks.KeptConfiguration(None)
    assert sent(mocker) == [("GET", f"/instances/{IID}"), ("PUT", f"/instances/{IID}"),
                            ("GET", f"/instances/{IID}")]
    assert capsys.readouterr() == ("", "")


def test_an_instance_without_a_group_is_read_once_or_not_at_all(api):
    client, mocker = api
    mocker.put(f"{API}/instances/{IID}", status_code=202)
    instance_answers(mocker, {})
    assert quirks.keeping_configuration(client.instances, IID, lambda: "answer") == \
        quirks.KeptConfiguration("answer")
    current = {"id": IID, "status": "ACTIVE"}
    quirks.keeping_configuration(client.instances, IID, rename(client), current=current)
    assert sent(mocker) == [("GET", f"/instances/{IID}"), ("PUT", f"/instances/{IID}")]


def test_a_detached_group_is_attached_again_after_the_wait(api, capsys, monkeypatch):
    monkeypatch.setattr(waiting, "sleep", lambda seconds: None)
    client, mocker = api
    mocker.put(f"{API}/instances/{IID}", status_code=202)
    instance_answers(mocker, {"configuration": GROUP}, {}, {"status": "RESIZE"}, {})
    told, seen = [], []
    kept = quirks.keeping_configuration(
        client.instances, IID, rename(client), wait_to_attach=True, on_detached=told.append,
        progress=lambda item, elapsed: seen.append(item["status"]))
    assert told == [GROUP]
    assert seen == ["RESIZE", "ACTIVE"]  # the API's waiter, until ACTIVE
    assert kept == quirks.KeptConfiguration(None, detached=GROUP, attached_again=True)
    assert [r.json() for r in mocker.request_history if r.method == "PUT"] == [
        {"instance": {"name": "db2"}}, {"instance": {"configuration": CID}}]
    assert [m for m, _ in sent(mocker)] == ["GET", "PUT", "GET", "GET", "GET", "PUT"]
    assert capsys.readouterr() == ("", "")


def test_without_a_waiter_a_detached_group_is_only_reported(api):
    client, mocker = api
    mocker.patch(f"{API}/instances/{IID}", status_code=202)
    instance_answers(mocker, {"configuration": GROUP}, {})
    kept = quirks.keeping_configuration(client.instances, IID,
                                        lambda: client.instances.upgrade(IID, "8.0"))
    assert kept == quirks.KeptConfiguration(None, detached=GROUP)
    assert [m for m, _ in sent(mocker)] == ["GET", "PATCH", "GET"]


@pytest.mark.parametrize("failure", ["wait", "attach"])
def test_a_group_not_attached_again_is_an_error_carrying_the_group(api, failure):
    client, mocker = api
    mocker.put(f"{API}/instances/{IID}", [
        {"status_code": 202},
        {"status_code": 409, "json": {"conflict": {"code": 409, "message": "Busy."}}}])
    after = {"status": "ERROR", "fault": {"message": "disk full"}} if failure == "wait" else {}
    instance_answers(mocker, {"configuration": GROUP}, {}, after)
    with pytest.raises(quirks.GroupNotAttachedAgain) as caught:
        quirks.keeping_configuration(client.instances, IID, rename(client), wait_to_attach=True)
    err = caught.value
    assert isinstance(err, TroveError) and not isinstance(err, exceptions.CommandError)
    assert (err.instance_id, err.group) == (IID, GROUP)
    assert str(err).startswith(f"Could not attach configuration group '{CID}' again (")
    if failure == "wait":
        assert "ERROR" in str(err.reason) and "disk full" in str(err.reason)
    else:
        assert str(err.reason) == "Busy. (HTTP 409)"
    assert [m for m, _ in sent(mocker)] == ["GET", "PUT", "GET", "GET"] + ["PUT"] * (
        failure != "wait")


def test_a_500_for_a_change_that_started_with_the_group_kept_is_a_fact(api):
    client, mocker = api
    mocker.patch(f"{API}/instances/{IID}", status_code=500, json=TROVE_500)
    instance_answers(mocker, {"configuration": GROUP},
                     {"configuration": GROUP, "status": "DETACHING"})
    kept = quirks.keeping_configuration(client.instances, IID,
                                        lambda: client.instances.detach_replica(IID))
    assert kept == quirks.KeptConfiguration(None, answered_error=500)
    assert [m for m, _ in sent(mocker)] == ["GET", "PATCH", "GET"]


@pytest.mark.parametrize("before, after, reads", [
    ({"configuration": GROUP}, {"configuration": GROUP}, 2),  # nothing started
    ({"configuration": GROUP}, {"status": "DETACHING"}, 2),  # the group gone
    ({"configuration": GROUP, "status": "BUILD"}, {}, 1),  # not ACTIVE before
    ({}, {}, 1),  # no group
], ids=["nothing started", "group gone", "busy before", "no group"])
def test_other_server_errors_stay_what_they_were(api, before, after, reads):
    client, mocker = api
    mocker.patch(f"{API}/instances/{IID}", status_code=500, json=TROVE_500)
    instance_answers(mocker, before, after)
    with pytest.raises(exceptions.ClientException) as caught:
        quirks.keeping_configuration(client.instances, IID,
                                     lambda: client.instances.detach_replica(IID))
    assert caught.value.code == 500
    assert [m for m, _ in sent(mocker)] == ["GET", "PATCH"] + ["GET"] * (reads - 1)
