"""Which requests each instance and root command sends, for an ID and for a name.

One table, so that a change that adds a round trip shows up here. A name is
looked up with one list (one page here: up to 20 instances per page); root
commands that also take a cluster look the name up among clusters too.
Updates, upgrade and detach read the instance first, to keep its configuration
group (Trove 21.1 to 24.0 drop it otherwise; see
instance_actions.keeping_configuration).
"""


import pytest

from tests.unit.conftest import TROVE, sample
from tests.unit.helpers import (
    FLAVORS,
    IID,
    list_body,
    log_in_with_roles,
    one_line_error,
    row,
    show_body,
)

IMAGE_ID = "3e50414a-8532-4646-982c-a66fe8f0411b"

INSTANCE = f"/instances/{IID}"
LIST = ("GET", "/instances")
CLUSTERS = ("GET", "/clusters")
FLAVOR_LIST = ("GET", "/flavors")
GET = ("GET", INSTANCE)
PUT = ("PUT", INSTANCE)
PATCH = ("PATCH", INSTANCE)
DELETE = ("DELETE", INSTANCE)
ACTION = ("POST", f"{INSTANCE}/action")
MGMT_ACTION = ("POST", f"/mgmt{INSTANCE}/action")
SSL_GET, SSL_POST = ("GET", f"{INSTANCE}/ssl"), ("POST", f"{INSTANCE}/ssl")
ROOT = f"{INSTANCE}/root"

# argv with {i} for the instance, the requests for an ID, the requests for a name
COMMANDS = [
    ("instance show {i}", [GET], [LIST, GET]),
    ("instance delete {i}", [DELETE], [LIST, DELETE]),
    ("instance delete --force {i}", [ACTION, DELETE], [LIST, ACTION, DELETE]),
    ("instance force delete {i}", [ACTION, DELETE], [LIST, ACTION, DELETE]),
    ("instance update {i} --name x", [GET, PUT], [LIST, GET, PUT]),
    ("instance update {i} --is-public", [GET, PUT], [LIST, GET, PUT]),
    ("instance set {i} --remove-configuration", [PUT], [LIST, PUT]),
    ("instance restart {i}", [ACTION], [LIST, ACTION]),
    ("instance resize flavor {i} m1.small", [FLAVOR_LIST, ACTION],
     [FLAVOR_LIST, LIST, ACTION]),
    ("instance resize volume {i} 2", [ACTION], [LIST, ACTION]),
    ("instance upgrade {i} 8.0", [GET, PATCH], [LIST, GET, PATCH]),
    ("instance reset status {i}", [ACTION], [LIST, ACTION]),
    ("instance reboot {i}", [MGMT_ACTION], [LIST, MGMT_ACTION]),
    (f"instance rebuild {{i}} {IMAGE_ID}", [MGMT_ACTION], [LIST, MGMT_ACTION]),
    ("instance detach {i}", [GET, PATCH], [LIST, GET, PATCH]),
    ("instance promote {i}", [ACTION], [LIST, ACTION]),
    ("instance eject {i}", [ACTION], [LIST, ACTION]),
    ("instance ssl show {i}", [SSL_GET], [LIST, SSL_GET]),
    ("instance ssl enable {i} --container-ref r", [SSL_POST], [LIST, SSL_POST]),
    ("instance ssl disable {i}", [SSL_POST], [LIST, SSL_POST]),
    ("instance ssl rollback {i}", [SSL_POST], [LIST, SSL_POST]),
    ("root enable {i}", [("POST", ROOT)], [LIST, CLUSTERS, ("POST", ROOT)]),
    ("root show {i}", [("GET", ROOT)], [LIST, CLUSTERS, ("GET", ROOT)]),
    ("root disable {i}", [("DELETE", ROOT)], [LIST, ("DELETE", ROOT)]),
]


@pytest.fixture
def answers(trove):
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("GET", "/clusters", {"clusters": []})
    trove.on("GET", f"/instances/{IID}", show_body())
    trove.on("GET", f"/instances/{IID}/ssl", sample("instance-ssl-show-response.json"))
    trove.on("POST", f"/instances/{IID}/ssl", sample("instance-ssl-action-response.json"))
    trove.on("GET", f"/instances/{IID}/root", sample("user-check-root-response.json"))
    trove.on("POST", f"/instances/{IID}/root", sample("user-enable-root-response.json"))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in (f"/instances/{IID}", f"/instances/{IID}/action",
                     f"/mgmt/instances/{IID}/action", f"/instances/{IID}/root"):
            if (method, path) not in {("POST", f"/instances/{IID}/root")}:
                trove.mocker.register_uri(method, TROVE + path, status_code=202)
    return trove


@pytest.mark.parametrize("command, by_id, by_name", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_requests_for_an_id_and_a_name(answers, command, by_id, by_name):
    for ref, expected in ((IID, by_id), ("db1", by_name)):
        before = len(answers.requests)
        argv = ["database", *command.format(i=ref).split()]
        code, _, err = answers.run(*argv)
        assert code == 0, err
        assert answers.requests[before:] == expected, ref


def test_create_costs_one_flavor_list_and_the_post(answers):
    answers.on("POST", "/instances", sample("instance-create-response.json"))
    code, _, err = answers.run("database", "instance", "create", "x", "--flavor", "m1.small",
                               "--size", "1", "--datastore", "mysql", "--datastore-version", "5.7")
    assert code == 0, err
    assert answers.requests == [("GET", "/flavors"), ("POST", "/instances")]


# --- an admin's name for another project's instance ---------------------------

MGMT_LIST = ("GET", "/mgmt/instances?deleted=false")
OTHER_PROJECT = "0c5e7a7b5e3c4d1f8a2b9c8d7e6f5a4b"
# root enable/show take an instance or a cluster: their lookup is their own.
ACROSS_PROJECTS = [c for c in COMMANDS if not c[0].startswith("root ")]


@pytest.mark.parametrize("command, by_id, by_name", ACROSS_PROJECTS,
                         ids=[c[0] for c in ACROSS_PROJECTS])
def test_an_admin_acts_by_name_on_another_projects_instance(answers, command, by_id, by_name):
    log_in_with_roles(answers, "admin", "member", "reader")
    answers.on("GET", "/mgmt/instances", list_body(row(IID, "db9", tenant_id=OTHER_PROJECT)))
    code, _, err = answers.run("database", *command.format(i="db9").split())
    assert code == 0, err
    at = by_name.index(LIST) + 1
    assert answers.requests == by_name[:at] + [MGMT_LIST] + by_name[at:]


def test_only_an_admins_unknown_name_is_looked_up_across_projects(answers):
    log_in_with_roles(answers, "member", "reader")
    code, out, err = answers.run("database", "instance", "reset", "status", "db9")
    assert one_line_error(code, out, err) == "No instance with a name or ID of 'db9' exists."
    assert answers.requests == [LIST]  # a member: no management request, not even refused
    log_in_with_roles(answers, "admin")
    answers.on("GET", "/mgmt/instances", list_body(row(IID, "db9", tenant_id=OTHER_PROJECT)))
    code, _, err = answers.run("database", "instance", "reset", "status", "db9")
    assert code == 0, err
    assert answers.requests[1:] == [LIST, MGMT_LIST, ACTION]
    # An admin's GET reaches every project's instance: an unknown ID needs no more.
    gone = "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"
    for method, path in (("POST", f"/instances/{gone}/action"), ("GET", f"/instances/{gone}")):
        answers.on(method, path, status=404, json={"itemNotFound": {"message": "x", "code": 404}})
    code, out, err = answers.run("database", "instance", "reset", "status", gone)
    assert one_line_error(code, out, err) == f"No instance with a name or ID of '{gone}' exists."
    assert answers.requests[4:] == [("POST", f"/instances/{gone}/action"),
                                    ("GET", f"/instances/{gone}"), LIST]


def test_an_admin_is_told_every_project_sharing_a_name(answers):
    log_in_with_roles(answers, "admin")
    answers.on("GET", "/mgmt/instances", list_body(
        row(IID, "db9", tenant_id=OTHER_PROJECT), row("i-2", "db9", tenant_id="p-2"),
        row("i-3", "db8", tenant_id="p-2")))
    code, out, err = answers.run("database", "instance", "reset", "status", "db9")
    assert one_line_error(code, out, err) == (
        f"More than one instance is named 'db9' in other projects ({IID} of project "
        f"{OTHER_PROJECT}, i-2 of project p-2); use an ID.")
    assert answers.requests == [LIST, MGMT_LIST]


def test_without_roles_in_the_token_a_refused_management_list_is_not_found(trove):
    """A bare token and endpoint (no roles to read): the management list is
    tried once, and its 403 means only that the name is unknown."""
    from keystoneauth1 import session, token_endpoint

    from osc_trove.api import ResourceNotFound, TroveClient

    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("GET", "/mgmt/instances", status=403,
             json={"forbidden": {"message": "User does not have admin privileges.",
                                 "code": 403}})
    client = TroveClient(session.Session(auth=token_endpoint.Token(TROVE, "t")))
    with pytest.raises(ResourceNotFound, match="No instance with a name or ID of 'db9'"):
        client.instances.find("db9")
    assert trove.requests == [LIST, MGMT_LIST]
