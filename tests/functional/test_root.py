"""database root enable/show/disable and the spec's aliases, against the local cloud."""

import uuid

import pytest

from tests.functional.helpers import made_instance, ok, one_line_error, run_names

name = run_names("fr")


@pytest.fixture(scope="module")
def target(demo_api):
    with made_instance(demo_api, name("db")) as row:
        yield row


def root_enabled(cloud, *argv):
    return ok(cloud.openstack(*argv, "-f", "json")).json()["is_root_enabled"]


def test_enable_shows_a_password_and_show_says_enabled(cloud, target):
    shown = ok(cloud.openstack("database", "root", "enable", target["name"], "-f", "json")).json()
    assert shown["name"] == "root" and len(shown["password"]) >= 8
    assert root_enabled(cloud, "database", "root", "show", target["name"]) is True
    assert root_enabled(cloud, "database", "root", "show", target["id"]) is True


def test_spec_aliases_with_a_password_from_stdin(cloud, target):
    result = ok(cloud.openstack("database", "set", "--root", target["id"],
                                "--root-password-stdin", "-f", "json", stdin="Chosen-pw-1\n"))
    assert result.json()["password"] == "Chosen-pw-1"
    assert root_enabled(cloud, "database", "show", "--root", target["name"]) is True


def test_disable_then_show(cloud, target):
    ok(cloud.openstack("database", "root", "enable", target["id"], "--root-password", "pw-2"))
    result = ok(cloud.openstack("database", "root", "disable", target["name"]))
    assert result.out == ""
    assert root_enabled(cloud, "database", "root", "show", target["id"]) is False


def test_unknown_target(cloud):
    line = one_line_error(*cloud.openstack("database", "root", "show", name("nothing")))
    assert line == f"No instance or cluster with a name or ID of '{name('nothing')}' exists."
    missing = str(uuid.uuid4())
    line = one_line_error(*cloud.openstack("database", "root", "enable", missing))
    assert line == f"No instance or cluster with a name or ID of '{missing}' exists."
    line = one_line_error(*cloud.openstack("database", "root", "disable", missing))
    assert line == f"No instance with a name or ID of '{missing}' exists."
