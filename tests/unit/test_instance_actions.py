"""Instance update, actions, admin actions and SSL: bodies, paths, request counts."""

import pytest
from osc_lib import exceptions

from osc_trove.api import quirks
from tests.unit.conftest import TROVE, sample
from tests.unit.helpers import (
    CONFIG_ID,
    FLAVORS,
    IID,
    list_body,
    one_line_error,
    row,
    show_body,
)

ACTION = f"/instances/{IID}/action"
MGMT_ACTION = f"/mgmt/instances/{IID}/action"
IMAGE_ID = "3e50414a-8532-4646-982c-a66fe8f0411b"


# (argv after `database instance`, method, path, body) for every action by ID.
ACTIONS = [
    (["restart", IID], "POST", ACTION, {"restart": {}}),
    (["resize", "flavor", IID, "2"], "POST", ACTION, {"resize": {"flavorRef": "2"}}),
    (["resize", IID, "m1.large"], "POST", ACTION, {"resize": {"flavorRef": "d3"}}),
    (["resize", "volume", IID, "4"], "POST", ACTION, {"resize": {"volume": {"size": 4}}}),
    (["volume", "resize", IID, "5"], "POST", ACTION, {"resize": {"volume": {"size": 5}}}),
    (["upgrade", IID, "8.0"], "PATCH", f"/instances/{IID}",
     {"instance": {"datastore_version": "8.0"}}),
    (["reset", "status", IID], "POST", ACTION, {"reset_status": {}}),
    (["reboot", IID], "POST", MGMT_ACTION, {"reboot": {}}),
    (["rebuild", IID, IMAGE_ID], "POST", MGMT_ACTION, {"rebuild": {"image_id": IMAGE_ID}}),
    (["detach", IID], "PATCH", f"/instances/{IID}", {"instance": {"replica_of": None}}),
    (["promote", IID], "POST", ACTION, {"promote_to_replica_source": {}}),
    (["eject", IID], "POST", ACTION, {"eject_replica_source": {}}),
]


@pytest.mark.parametrize("argv, method, path, body", ACTIONS, ids=[" ".join(a[0][:2]) for a in
                                                                     ACTIONS])
def test_action_by_id_sends_one_request_with_the_right_body(trove, argv, method, path, body):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", f"/instances/{IID}", show_body())
    trove.on(method, path, status=202)
    code, out, err = trove.run("database", "instance", *argv)
    assert (code, out, err) == (0, "", "")
    sent = [r for r in trove.requests if r != ("GET", "/flavors")]
    # A PATCH reads the instance first, to keep its configuration group (none here).
    reads = [("GET", f"/instances/{IID}")] if method == "PATCH" else []
    assert sent == reads + [(method, path)]
    assert trove.bodies() == [body]


def test_detach_alias_replica_unset(trove):
    trove.on("GET", f"/instances/{IID}", show_body())
    trove.on("PATCH", f"/instances/{IID}", status=202)
    code, _, err = trove.run("database", "replica", "unset", IID)
    assert code == 0, err
    assert trove.bodies() == [{"instance": {"replica_of": None}}]


def test_action_by_name_lists_once_then_acts(trove):
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("POST", ACTION, status=202)
    code, _, err = trove.run("database", "instance", "restart", "db1")
    assert code == 0, err
    assert trove.requests == [("GET", "/instances"), ("POST", ACTION)]


def test_action_on_a_busy_instance_shows_the_server_message(trove):
    busy = {"unprocessableEntity": {"code": 422, "message": "Instance is in BUILD state."}}
    trove.on("POST", ACTION, busy, status=422)
    result = trove.run("database", "instance", "restart", IID)
    assert one_line_error(*result) == "Instance is in BUILD state. (HTTP 422)"


def test_a_404_about_something_else_is_not_called_an_unknown_instance(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", ACTION, {"itemNotFound": {"code": 404, "message": "Flavor 2 not found"}},
             status=404)
    trove.on("GET", f"/instances/{IID}", show_body())
    result = trove.run("database", "instance", "resize", "flavor", IID, "2")
    assert one_line_error(*result) == "Flavor 2 not found (HTTP 404)"


def test_unknown_instance_and_unknown_flavor(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    result = trove.run("database", "instance", "restart", "nope")
    assert one_line_error(*result) == "No instance with a name or ID of 'nope' exists."
    result = trove.run("database", "instance", "resize", "flavor", "db1", "m9")
    assert one_line_error(*result) == "No flavor with a name or ID of 'm9' exists."
    assert ("POST", ACTION) not in trove.requests


def test_resize_volume_rejects_a_non_positive_size(trove):
    with pytest.raises(SystemExit) as exit_:  # argparse's usage error
        trove.run("database", "instance", "resize", "volume", IID, "0")
    assert exit_.value.code == 2
    assert trove.requests == []


@pytest.mark.parametrize(
    "argv, busy",
    [
        (["restart", IID], "REBOOT"),
        (["resize", "flavor", IID, "2"], "RESIZE"),
        (["resize", "volume", IID, "3"], "RESIZE"),
        (["upgrade", IID, "8.0"], "UPGRADE"),
        (["reboot", IID], "REBOOT"),
        (["rebuild", IID, IMAGE_ID], "BUILD"),
        (["promote", IID], "PROMOTE"),
        (["eject", IID], "EJECT"),
    ],
)
def test_async_actions_wait_until_active(trove, fake_time, argv, busy):
    trove.on("GET", "/flavors", FLAVORS)
    for method in ("POST", "PATCH"):
        trove.on(method, ACTION, status=202)
        trove.on(method, MGMT_ACTION, status=202)
        trove.on(method, f"/instances/{IID}", status=202)
    trove.mocker.get(
        f"http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/instances/{IID}",
        # An upgrade first reads the instance's configuration group (none here).
        [{"json": show_body()}] * (argv[0] == "upgrade")
        + [{"json": show_body(status=busy)}, {"json": show_body(status="ACTIVE")}],
    )
    code, out, err = trove.run("database", "instance", *argv, "--wait")
    assert code == 0, err
    assert out == ""
    assert err.splitlines() == [f"instance {IID}: {busy} (0s)", f"instance {IID}: ACTIVE (1s)"]


def test_action_wait_ending_in_error(trove, fake_time):
    trove.on("POST", ACTION, status=202)
    failed = show_body(status="ERROR", fault={"message": "Resize failed: no host."})
    trove.on("GET", f"/instances/{IID}", failed)
    code, _, err = trove.run("database", "instance", "resize", "volume", IID, "9", "--wait")
    assert code == 1
    assert err.splitlines()[-1] == f"instance {IID} went to ERROR after 0s: Resize failed: no host."


def test_actions_without_wait_have_no_wait_option(trove):
    code, out, _ = trove.run("help", "database", "instance", "reset", "status")
    assert "--wait" not in out
    code, out, _ = trove.run("help", "database", "instance", "eject")
    assert "--wait-timeout" in out


def test_detach_wait_until_the_instance_has_no_replication_source(trove, fake_time):
    source = {"id": "0b1e7e2a-0e52-4b8f-9d9c-1a1b2c3d4e5f", "links": []}
    trove.on("PATCH", f"/instances/{IID}", status=202)
    trove.mocker.get(TROVE + f"/instances/{IID}", [
        {"json": show_body(replica_of=source)},  # read first, for its configuration group
        {"json": show_body(status="DETACH", replica_of=source)},
        {"json": show_body(status="ACTIVE", replica_of=source)},  # not yet detached
        {"json": show_body(status="ACTIVE")}])
    code, out, err = trove.run("database", "instance", "detach", IID, "--wait")
    assert (code, out) == (0, ""), err
    assert err.splitlines() == [f"instance {IID}: DETACH (0s)", f"instance {IID}: ACTIVE (1s)"]
    assert len(trove.requests) == 5
    code, out, _ = trove.run("help", "database", "instance", "detach")
    assert ("Wait until the instance shows no replication source (replica_of) and is ACTIVE"
            in " ".join(out.split()))


# --- update -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, fields",
    [
        (["--name", "db2"], {"name": "db2"}),
        (["--configuration", CONFIG_ID], {"configuration": CONFIG_ID}),
        (["--name", "db2", "--remove-configuration"], {"name": "db2", "configuration": None}),
        (["--detach-replica-source"], {"replica_of": None}),
    ],
)
def test_update_by_id_is_one_put(trove, argv, fields):
    """One PUT; a PUT that does not name the configuration reads the instance's group first."""
    trove.on("GET", f"/instances/{IID}", show_body())
    trove.on("PUT", f"/instances/{IID}", status=202)
    code, out, err = trove.run("database", "instance", "update", IID, *argv)
    assert (code, out, err) == (0, "", "")
    reads = [] if "configuration" in fields else [("GET", f"/instances/{IID}")]
    assert trove.requests == reads + [("PUT", f"/instances/{IID}")]
    assert trove.bodies() == [{"instance": fields}]


def test_update_configuration_by_name_and_the_set_alias(trove):
    trove.on("GET", "/configurations", {"configurations": [{"id": CONFIG_ID, "name": "tuned"}]})
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("PUT", f"/instances/{IID}", status=202)
    code, _, err = trove.run("database", "instance", "set", "db1", "--configuration", "tuned")
    assert code == 0, err
    assert trove.bodies() == [{"instance": {"configuration": CONFIG_ID}}]
    assert trove.requests == [
        ("GET", "/configurations"),
        ("GET", "/instances"),
        ("PUT", f"/instances/{IID}"),
    ]


@pytest.mark.parametrize(
    "current, argv, access",
    [
        ({}, ["--is-public"], {"is_public": True}),
        (
            {"is_public": True, "allowed_cidrs": ["10.0.0.0/24"]},
            ["--is-private"],
            {"is_public": False, "allowed_cidrs": ["10.0.0.0/24"]},
        ),
        (
            {"is_public": True},
            ["--allowed-cidr", "10.1.0.0/16", "--allowed-cidr", "10.2.0.0/16"],
            {"is_public": True, "allowed_cidrs": ["10.1.0.0/16", "10.2.0.0/16"]},
        ),
    ],
)
def test_update_access_keeps_what_is_not_changed(trove, current, argv, access):
    trove.on("GET", f"/instances/{IID}", show_body(access=current))
    trove.on("PUT", f"/instances/{IID}", status=202)
    code, _, err = trove.run("database", "instance", "update", IID, *argv)
    assert code == 0, err
    assert trove.bodies() == [{"instance": {"access": access}}]
    assert trove.requests == [("GET", f"/instances/{IID}"), ("PUT", f"/instances/{IID}")]


def test_update_access_by_name_gets_the_instance_when_the_row_lacks_access(trove):
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("GET", f"/instances/{IID}",
             json={"instance": row(IID, "db1", access={"is_public": True,
                                                       "allowed_cidrs": ["10.0.0.0/8"]})})
    trove.on("PUT", f"/instances/{IID}", status=202)
    code, _, err = trove.run("database", "instance", "update", "db1", "--is-private")
    assert code == 0, err
    assert trove.bodies() == [
        {"instance": {"access": {"is_public": False, "allowed_cidrs": ["10.0.0.0/8"]}}}
    ]
    assert trove.requests == [
        ("GET", "/instances"), ("GET", f"/instances/{IID}"), ("PUT", f"/instances/{IID}")
    ]


def test_update_access_by_name_uses_the_listed_row_when_it_has_access(trove):
    group = {"id": CONFIG_ID, "name": "tuned"}
    listed = row(IID, "db1", access={"is_public": False}, configuration=group)
    trove.on("GET", "/instances", list_body(listed))
    trove.on("GET", f"/instances/{IID}", show_body(configuration=group))
    trove.on("PUT", f"/instances/{IID}", status=202)
    code, _, err = trove.run("database", "instance", "update", "db1", "--name", "x",
                             "--is-public")
    assert (code, err) == (0, "")
    assert trove.bodies() == [{"instance": {"name": "x", "access": {"is_public": True}}}]
    # The GET after the PUT checks that the server kept the group.
    assert trove.requests == [
        ("GET", "/instances"), ("PUT", f"/instances/{IID}"), ("GET", f"/instances/{IID}")
    ]


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "Nothing to update: give --name, --configuration, --remove-configuration, "
             "--detach-replica-source, --is-public, --is-private or --allowed-cidr."),
        (["--detach-replica-source", "--is-public"],
         "Trove updates one attribute at a time (besides the name): --detach-replica-source "
         "and the access options need separate commands."),
        (["--configuration", CONFIG_ID, "--detach-replica-source"],
         "Trove updates one attribute at a time (besides the name): --configuration and "
         "--detach-replica-source need separate commands."),
        (["--name", ""], "--name cannot be empty."),
    ],
)
def test_update_rejects_bad_combinations_before_any_request(trove, argv, message):
    result = trove.run("database", "instance", "update", IID, *argv)
    assert one_line_error(*result) == message
    assert trove.requests == []


def test_update_public_and_private_exclude_each_other(trove):
    with pytest.raises(SystemExit) as exit_:
        trove.run("database", "instance", "update", IID, "--is-public", "--is-private")
    assert exit_.value.code == 2
    assert trove.requests == []


# --- SSL ----------------------------------------------------------------------


def test_ssl_show(trove):
    recorded = sample("instance-ssl-show-response.json")
    trove.on("GET", f"/instances/{IID}/ssl", recorded)
    shown = trove.run_json("database", "instance", "ssl", "show", IID)
    certificate = sample("instance-ssl-show-response.json")["ssl"]["certificate"]
    # One field per detail, as python-troveclient 8.11.0 prints them.
    assert shown == {
        "status": "on",
        "mode": "basic",
        "certificate.cn": certificate["cn"],
        "certificate.expire_at": certificate["expire_at"],
        "certificate.san": None,
    }
    with_payload = {"ssl": {**recorded["ssl"], "certificate": {**certificate, "payload": "PEM"}}}
    trove.on("GET", f"/instances/{IID}/ssl?include_certificate=true", with_payload)
    shown = trove.run_json("database", "instance", "ssl", "show", IID, "--include-certificate")
    assert shown["certificate.payload"] == "PEM"
    assert trove.requests == [
        ("GET", f"/instances/{IID}/ssl"),
        ("GET", f"/instances/{IID}/ssl?include_certificate=true"),
    ]


@pytest.mark.parametrize(
    "argv, body, response",
    [
        (
            ["enable", IID, "--container-ref", "https://kms/c1", "--password-ref",
             "https://kms/s1", "--mode", "mtls"],
            {"enable": True, "container_ref": "https://kms/c1", "password_ref": "https://kms/s1",
             "mode": "mtls"},
            "instance-ssl-action-response.json",
        ),
        (["enable", IID, "--container-ref", "https://kms/c1"],
         {"enable": True, "container_ref": "https://kms/c1"}, "instance-ssl-action-response.json"),
        (["disable", IID], {"disable": True}, "instance-ssl-action-response-disable.json"),
        (["rollback", IID], {"rollback": True}, "instance-ssl-action-response-rollback.json"),
    ],
)
def test_ssl_actions(trove, argv, body, response):
    trove.on("POST", f"/instances/{IID}/ssl", sample(response))
    shown = trove.run_json("database", "instance", "ssl", *argv)
    assert trove.bodies() == [{"ssl": body}]
    assert trove.requests == [("POST", f"/instances/{IID}/ssl")]
    assert shown["restart_required"] == sample(response)["ssl"]["restart_required"]


def test_ssl_enable_needs_a_container_and_a_known_mode(trove):
    with pytest.raises(SystemExit) as exit_:
        trove.run("database", "instance", "ssl", "enable", IID, "--container-ref", "x",
                  "--mode", "strict")
    assert exit_.value.code == 2
    once = "Give the certificate container once: --container-ref <ref>."
    for argv, message in (
        ([], once),
        (["ref-a", "--container-ref", "ref-b"], once),
        (["--container-ref", " "], "--container-ref cannot be empty."),
    ):
        result = trove.run("database", "instance", "ssl", "enable", IID, *argv)
        assert one_line_error(*result) == message
    assert trove.requests == []


def test_ssl_guide_forms_take_the_container_as_an_argument(trove):
    trove.on("POST", f"/instances/{IID}/ssl", sample("instance-ssl-action-response.json"))
    trove.on("GET", f"/instances/{IID}/ssl", sample("instance-ssl-show-response.json"))
    code, out, err = trove.run("database", "ssl", "enable", IID, "https://kms/c1",
                               "--password-ref", "https://kms/s1")
    assert code == 0, err
    # python-troveclient 8.11.0's spelling and order: the container after an option.
    code, out, err = trove.run("database", "ssl", "enable", IID, "--mode", "enforced",
                               "https://kms/c2", "--password_ref", "https://kms/s2")
    assert code == 0, err
    assert trove.bodies() == [
        {"ssl": {"enable": True, "container_ref": "https://kms/c1",
                 "password_ref": "https://kms/s1"}},
        {"ssl": {"enable": True, "container_ref": "https://kms/c2",
                 "password_ref": "https://kms/s2", "mode": "enforced"}},
    ]
    shown = trove.run_json("database", "ssl", "show", IID)
    assert shown["certificate.cn"] == "db.example.test"
    assert trove.run("database", "ssl", "disable", IID)[0] == 0
    assert trove.bodies()[-1] == {"ssl": {"disable": True}}
    trove.run_json("database", "ssl", "rollback", IID)
    assert trove.bodies()[-1] == {"ssl": {"rollback": True}}


def test_ssl_by_name(trove):
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("POST", f"/instances/{IID}/ssl", sample("instance-ssl-action-response-disable.json"))
    code, _, err = trove.run("database", "instance", "ssl", "disable", "db1")
    assert code == 0, err
    assert trove.requests == [("GET", "/instances"), ("POST", f"/instances/{IID}/ssl")]


# --- what update, upgrade and detach say of the configuration-group quirk ----------------
#
# osc_trove.api.quirks.keeping_configuration gives the facts (test_quirks.py);
# the commands word them. Here it answers given facts; the whole path, with
# Trove's answers, is in test_configuration.py.

GROUP = {"id": CONFIG_ID, "name": "tuned"}
DETACHED = (f"Trove detached configuration group 'tuned' from instance {IID} (a fault of Trove "
            "21.1 to 24.0)")
ATTACH = f"'openstack database configuration attach {IID} {CONFIG_ID}'"


def facts(monkeypatch, kept=None, error=None):
    """Make the quirk answer `kept` (telling the command it detached the group and
    showing one poll when it attached it again), or raise `error`; return whether
    it was asked to attach again, in a list."""
    given = []

    def keeping_configuration(instances, instance_id, change, wait_to_attach=False,
                              current=None, *, on_detached=None, progress=None, **_):
        given.append(wait_to_attach)
        if error is not None:
            raise error
        if kept.attached_again:
            on_detached(kept.detached)
            progress({"id": instance_id, "status": "ACTIVE"}, 0.0)
        return kept

    monkeypatch.setattr(quirks, "keeping_configuration", keeping_configuration)
    return given


@pytest.mark.parametrize("argv, kept, lines", [
    (["update", IID, "--name", "db2"], quirks.KeptConfiguration(None), []),
    (["update", IID, "--name", "db2"],
     quirks.KeptConfiguration(None, detached=GROUP, attached_again=True),
     [f"{DETACHED}; attaching it again.", f"instance {IID}: ACTIVE (0s)"]),
    (["upgrade", IID, "8.0"], quirks.KeptConfiguration(None, detached=GROUP),
     [f"{DETACHED}; attach a group for the new version with {ATTACH}."]),
    (["detach", IID], quirks.KeptConfiguration(None, answered_error=500),
     ["Trove answered HTTP 500 (a fault of Trove 21.1 to 24.0), but the change is under way "
      f"and instance {IID} keeps its configuration group."]),
], ids=["kept", "attached again", "upgrade", "under way"])
def test_the_group_facts_in_words(trove, fake_time, monkeypatch, argv, kept, lines):
    trove.on("GET", f"/instances/{IID}", show_body(status="ACTIVE"))
    given = facts(monkeypatch, kept)
    code, out, err = trove.run("database", "instance", *argv)
    assert (code, out) == (0, "")
    assert err.splitlines() == lines
    # Only an upgrade leaves the group detached: it belongs to the old version.
    assert given[0] == (argv[0] != "upgrade")


def test_a_group_not_attached_again_says_how_to_attach_it(trove, monkeypatch):
    reason = exceptions.Conflict(409, "Busy.")
    facts(monkeypatch, error=quirks.GroupNotAttachedAgain(IID, GROUP, reason))
    result = trove.run("database", "instance", "detach", IID)
    assert one_line_error(*result) == (
        f"Could not attach configuration group '{CONFIG_ID}' again (Busy. (HTTP 409)); once the "
        f"instance is ACTIVE, run {ATTACH}.")
