"""How many requests each instance and root command sends, for an ID and for a name.

One table, so that a change that adds a round trip shows up here. A name is
looked up with one list (one page here: up to 20 instances per page). Updates,
upgrade and detach read the instance first, to keep its configuration group
(Trove 21.1 to 24.0 drop it otherwise; see instance_actions.keeping_configuration).
"""

import pytest

from tests.unit.conftest import TROVE, sample
from tests.unit.test_instance import FLAVORS, IID, list_body, row, show_body

IMAGE_ID = "3e50414a-8532-4646-982c-a66fe8f0411b"

# argv with {i} for the instance, requests for an ID, requests for a name
COMMANDS = [
    ("instance show {i}", 1, 2),
    ("instance delete {i}", 1, 2),
    ("instance delete --force {i}", 2, 3),
    ("instance force delete {i}", 2, 3),
    ("instance update {i} --name x", 2, 3),
    ("instance update {i} --is-public", 2, 3),
    ("instance set {i} --remove-configuration", 1, 2),
    ("instance restart {i}", 1, 2),
    ("instance resize flavor {i} m1.small", 2, 3),
    ("instance resize volume {i} 2", 1, 2),
    ("instance upgrade {i} 8.0", 2, 3),
    ("instance reset status {i}", 1, 2),
    ("instance reboot {i}", 1, 2),
    (f"instance rebuild {{i}} {IMAGE_ID}", 1, 2),
    ("instance detach {i}", 2, 3),
    ("instance promote {i}", 1, 2),
    ("instance eject {i}", 1, 2),
    ("instance ssl show {i}", 1, 2),
    ("instance ssl enable {i} --container-ref r", 1, 2),
    ("instance ssl disable {i}", 1, 2),
    ("instance ssl rollback {i}", 1, 2),
    ("root enable {i}", 1, 3),
    ("root show {i}", 1, 3),
    ("root disable {i}", 1, 2),
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
        sent = answers.requests[before:]
        assert len(sent) == expected, (ref, sent)


def test_create_costs_one_flavor_list_and_the_post(answers):
    answers.on("POST", "/instances", sample("instance-create-response.json"))
    code, _, err = answers.run("database", "instance", "create", "x", "--flavor", "m1.small",
                               "--size", "1", "--datastore", "mysql", "--datastore-version", "5.7")
    assert code == 0, err
    assert answers.requests == [("GET", "/flavors"), ("POST", "/instances")]
