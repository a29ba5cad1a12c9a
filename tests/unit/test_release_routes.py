"""A route (or a value) the cloud's Trove is too old for: one line naming the
release that brought it, told apart from a missing resource by Trove's 404
message (from a mistaken value by its 400 message)."""

import pytest

from osc_trove.api import errors, releases
from tests.unit.helpers import IID, list_body, one_line_error, row

SSL = f"/instances/{IID}/ssl"
# What stock Trove 21.1.0 to 25.1.0 answer for .../ssl: its router has no such route.
NO_ROUTE = {"itemNotFound": {"code": 404, "message": "The resource could not be found."}}
# What a route that exists answers for an unknown instance.
NO_RESOURCE = {"itemNotFound": {"code": 404, "message": f"Resource {IID} cannot be found."}}
NOT_IN_RELEASE = ("Trove on this cloud has no instance SSL management "
                  "(added in Trove 26.0.0).")


@pytest.mark.parametrize("argv, method", [
    (("show", IID), "GET"),
    (("enable", IID, "--container-ref", "ref-1"), "POST"),
    (("disable", IID), "POST"),
    (("rollback", IID), "POST"),
])
def test_ssl_on_an_older_release_is_one_line_naming_the_release(trove, argv, method):
    trove.on(method, SSL, NO_ROUTE, status=404)
    assert one_line_error(*trove.run("database", "instance", "ssl", *argv)) == NOT_IN_RELEASE
    # No lookup of the instance follows: the 404 was about the route, not the ID.
    assert trove.requests == [(method, SSL)]


def test_ssl_by_name_on_an_older_release(trove):
    trove.on("GET", "/instances", list_body(row(IID, "db1")))
    trove.on("GET", SSL, NO_ROUTE, status=404)
    assert one_line_error(*trove.run("database", "ssl", "show", "db1")) == NOT_IN_RELEASE
    assert trove.requests == [("GET", "/instances"), ("GET", SSL)]


def test_an_unknown_instance_on_a_release_with_the_route_stays_a_lookup(trove):
    trove.on("GET", SSL, NO_RESOURCE, status=404)
    trove.on("GET", f"/instances/{IID}", NO_RESOURCE, status=404)
    trove.on("GET", "/instances", list_body())
    line = one_line_error(*trove.run("database", "instance", "ssl", "show", IID))
    assert "26.0.0" not in line and IID in line
    # The 404 sent osc-trove looking for the instance, as on any release.
    assert trove.requests[0] == ("GET", SSL) and len(trove.requests) > 1


def test_the_router_message_on_a_route_every_release_has_is_an_ordinary_404(trove):
    trove.on("GET", f"/instances/{IID}", NO_ROUTE, status=404)
    trove.on("GET", "/instances", list_body())
    line = one_line_error(*trove.run("database", "instance", "show", IID))
    assert "added in Trove" not in line


@pytest.mark.parametrize("method, path, found", [
    ("GET", f"/instances/{IID}/ssl", True),
    ("POST", f"/instances/{IID}/ssl", True),
    ("GET", f"/instances/{IID}/ssl?include_certificate=true", True),
    ("GET", f"http://trove.test/v1.0/p/instances/{IID}/ssl", True),
    ("DELETE", f"/instances/{IID}/ssl", False),  # no release routes it
    ("GET", f"/instances/{IID}", False),
    ("GET", f"/instances/{IID}/ssl/x", False),
    ("GET", "/backups/ssl", False),
])
def test_newer_route_matches_only_the_listed_methods_and_paths(method, path, found):
    assert (releases.newer(404, method, path, releases.NO_ROUTE_MESSAGE) is not None) is found


def test_not_in_release_is_not_a_not_found():
    """Commands fall back to a name lookup (or try a cluster) on NotFound: a missing
    route must not send them there."""
    from osc_lib import exceptions

    assert issubclass(errors.NotInRelease, errors.TroveError)
    assert not issubclass(errors.NotInRelease, exceptions.ClientException)


def test_every_newer_route_names_a_release_after_the_oldest_supported():
    for route in releases.NEWER:
        assert tuple(map(int, route.release.split("."))) > (21, 1, 0)
        assert releases.missing_route_message(route).endswith(f"(added in Trove {route.release}).")


# --- soft locality (Trove 23.0.0) -------------------------------------------------------

SOFT_REFUSED = {"badRequest": {"code": 400, "message": (
    "Invalid locality 'soft-anti-affinity'. Must be one of ['affinity', 'anti-affinity']")}}


def test_soft_locality_on_an_older_release_names_the_release():
    response = _answer(400, SOFT_REFUSED)
    err = errors.missing_route(response, "POST", "/instances")
    assert str(err) == ("Trove on this cloud has no soft-affinity or soft-anti-affinity "
                        "locality for instances (added in Trove 23.0.0).")
    assert err.release == "23.0.0"


def test_a_cluster_s_soft_locality_before_26_names_26():
    # 21.1.0 to 25.1.0 answer a cluster's soft locality with the same 400.
    err = errors.missing_route(_answer(400, SOFT_REFUSED), "POST", "/clusters")
    assert str(err) == ("Trove on this cloud has no soft-affinity or soft-anti-affinity "
                        "locality for clusters (added in Trove 26.0.0).")


def test_a_version_s_guest_manager_on_21_names_22():
    refused = {"badRequest": {"code": 400, "message": (
        "Validation error: version Additional properties are not allowed "
        "('registry_ext' was unexpected)")}}
    err = errors.missing_route(_answer(400, refused), "POST", "/mgmt/datastore-versions")
    assert str(err) == (
        "Trove on this cloud has no guest manager or replication strategy per datastore "
        "version (--registry-ext, --repl-strategy) (added in Trove 22.0.0).")


@pytest.mark.parametrize("status, body, method, path", [
    # a locality mistyped on any release
    (400, {"badRequest": {"code": 400, "message": "Invalid locality 'near'. Must be ..."}},
     "POST", "/instances"),
    (404, NO_RESOURCE, "GET", SSL),
    (500, NO_ROUTE, "GET", SSL),
])
def test_other_refusals_stay_trove_s(status, body, method, path):
    assert errors.missing_route(_answer(status, body), method, path) is None


def _answer(status, body):
    import json

    from requests import Response

    response = Response()
    response.status_code = status
    response._content = json.dumps(body).encode()
    return response
