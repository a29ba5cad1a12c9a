"""database root enable/show/disable on instances and clusters, and the spec's aliases."""

import pytest

from tests import inprocess
from tests.unit.conftest import sample
from tests.unit.helpers import IID, NEW_ID, list_body, one_line_error, row

CID = "c0ffee00-1111-4222-8333-444455556666"
MISSING = {"itemNotFound": {"code": 404, "message": "not found"}}


def test_enable_on_an_instance_id_is_one_request_and_shows_the_password(trove):
    trove.on("POST", f"/instances/{IID}/root", sample("user-enable-root-response.json"))
    shown = trove.run_json("database", "root", "enable", IID)
    made = sample("user-enable-root-response.json")["user"]["password"]
    assert shown == {"name": "root", "password": made}
    assert trove.requests == [("POST", f"/instances/{IID}/root")]
    assert trove.bodies() == []  # no password given: the server makes one


def test_enable_with_a_password_and_the_spec_alias(trove):
    trove.on("POST", f"/instances/{IID}/root", sample("user-enable-root-response.json"))
    code, _, err = trove.run("database", "root", "enable", IID, "--root-password", "S3cret")
    assert code == 0, err
    code, _, err = trove.run("database", "set", "--root", IID, "--root-password-stdin",
                             stdin="Other-pw\n")
    assert code == 0, err
    assert trove.bodies() == [{"password": "S3cret"}, {"password": "Other-pw"}]


def test_the_spec_alias_needs_root(trove):
    with pytest.raises(SystemExit) as exit_:
        trove.run("database", "set", IID)
    assert exit_.value.code == 2
    assert trove.requests == []


def test_enable_rejects_two_ways_of_giving_the_password(trove):
    result = trove.run("database", "root", "enable", IID, "--root-password", "a",
                       "--root-password-stdin", stdin="b\n")
    assert "one way only" in one_line_error(*result)
    assert trove.requests == []


def test_enable_on_a_cluster_id_after_the_instance_404(trove):
    trove.on("POST", f"/instances/{CID}/root", MISSING, status=404)
    trove.on("POST", f"/clusters/{CID}/root", sample("user-enable-root-response.json"))
    assert trove.run_json("database", "root", "enable", CID)["name"] == "root"
    assert trove.requests == [("POST", f"/instances/{CID}/root"), ("POST", f"/clusters/{CID}/root")]


def test_show_by_instance_name(trove):
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("GET", "/clusters", {"clusters": [{"id": CID, "name": "c1"}]})
    trove.on("GET", f"/instances/{IID}/root", sample("user-check-root-response.json"))
    assert trove.run_json("database", "root", "show", "db1") == {"is_root_enabled": True}
    assert trove.requests == [
        ("GET", "/instances"),
        ("GET", "/clusters"),
        ("GET", f"/instances/{IID}/root"),
    ]


def test_show_by_cluster_name_and_the_spec_alias(trove):
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("GET", "/clusters", {"clusters": [{"id": CID, "name": "c1"}]})
    trove.on("GET", f"/clusters/{CID}/root", {"rootEnabled": False})
    assert trove.run_json("database", "show", "--root", "c1") == {"is_root_enabled": False}
    assert ("GET", f"/clusters/{CID}/root") in trove.requests


def test_a_name_of_both_an_instance_and_a_cluster_needs_an_id(trove):
    trove.on("GET", "/instances", list_body(row(IID, "shared")))
    trove.on("GET", "/clusters", {"clusters": [{"id": CID, "name": "shared"}]})
    result = trove.run("database", "root", "show", "shared")
    assert one_line_error(*result) == (
        f"'shared' names both an instance and a cluster ({IID}, {CID}); use an ID."
    )


def test_unknown_and_ambiguous_targets(trove):
    trove.on("GET", "/instances", list_body(row(IID, "twin"), row(NEW_ID, "twin")))
    trove.on("GET", "/clusters", {"clusters": []})
    result = trove.run("database", "root", "enable", "nope")
    assert one_line_error(*result) == "No instance or cluster with a name or ID of 'nope' exists."
    result = trove.run("database", "root", "show", "twin")
    assert one_line_error(*result) == (
        f"More than one instance is named 'twin' ({IID}, {NEW_ID}); use an ID."
    )
    assert not [r for r in trove.requests if r[1].endswith("/root")]


def test_unknown_id(trove):
    for kind in ("instances", "clusters"):
        trove.on("GET", f"/{kind}/{CID}/root", MISSING, status=404)
        trove.on("GET", f"/{kind}", {kind: []})
    result = trove.run("database", "root", "show", CID)
    assert one_line_error(*result) == f"No instance or cluster with a name or ID of '{CID}' exists."


def test_disable_by_id_and_by_name(trove):
    trove.on("DELETE", f"/instances/{IID}/root", status=202)
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    assert trove.run("database", "root", "disable", IID) == (0, "", "")
    assert trove.run("database", "root", "disable", "db1") == (0, "", "")
    assert trove.requests == [
        ("DELETE", f"/instances/{IID}/root"),
        ("GET", "/instances"),
        ("DELETE", f"/instances/{IID}/root"),
    ]


def test_disable_on_a_cluster_explains_the_api_limit(trove):
    trove.on("GET", "/instances", list_body())
    trove.on("GET", "/clusters", {"clusters": [{"id": CID, "name": "c1"}]})
    result = trove.run("database", "root", "disable", "c1")
    assert one_line_error(*result) == (
        "'c1' is a cluster: the Trove API disables root on instances only."
    )
    result = trove.run("database", "root", "disable", "zz")
    assert one_line_error(*result) == "No instance with a name or ID of 'zz' exists."


def test_the_spec_alias_requires_root(trove):
    # `database show` is `database root show` only with --root: a usage error without it.
    code, out, err = inprocess.openstack(["database", "show", IID])
    assert (code, out) == (2, "")
    assert "--root" in err
    assert trove.requests == []


def test_root_enable_help_names_the_alias(trove):
    code, out, _ = trove.run("help", "database", "root", "enable")
    text = " ".join(out.split())
    assert "Also available as: 'database set'" in text
    assert "--root-password-prompt" in text
