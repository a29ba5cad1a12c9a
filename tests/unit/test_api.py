"""The API layer on its own: paging, errors, lookup costs."""

import itertools

import pytest
from osc_lib import exceptions

from osc_trove.api.resource import AmbiguousName, Resource, ResourceNotFound
from tests.unit.conftest import API


def _page(items, marker=None):
    body = {"things": [{"id": i, "name": f"n{i}"} for i in items]}
    if marker is not None:
        # Trove writes https and its own host into links, whatever the client used.
        body["links"] = [
            {
                "rel": "next",
                "href": f"https://elsewhere:8779/v1.0/p1/things?limit=20&marker={marker}",
            }
        ]
    return body


def test_paginate_follows_next_links_on_the_catalog_url(api):
    client, mocker = api
    mocker.get(
        API + "/things",
        [
            {"json": _page(range(0, 20), marker=19)},
            {"json": _page(range(20, 40), marker=39)},
            {"json": _page(range(40, 45))},
        ],
    )
    items = list(client.http.paginate("/things", "things"))
    assert [i["id"] for i in items] == list(range(45))
    urls = [r.url for r in mocker.request_history]
    assert urls == [
        API + "/things",
        API + "/things?limit=20&marker=19",
        API + "/things?limit=20&marker=39",
    ]


def test_paginate_stops_at_limit_without_fetching_more(api):
    client, mocker = api
    mocker.get(
        API + "/things",
        [{"json": _page(range(0, 20), marker=19)}, {"json": _page(range(20, 40), marker=39)}],
    )
    items = list(client.http.paginate("/things", "things", limit=30))
    assert [i["id"] for i in items] == list(range(30))
    assert [r.qs for r in mocker.request_history] == [
        {"limit": ["30"]},
        {"limit": ["10"], "marker": ["19"]},
    ]


def test_paginate_keeps_caller_filters_and_stops_on_a_repeated_link(api):
    client, mocker = api
    body = _page(range(3))
    body["links"] = [{"rel": "next", "href": "https://x/things?datastore=mysql"}]
    mocker.get(API + "/things", json=body)
    # At most a few pages are read: without the guard this fails instead of looping forever.
    pages = client.http.paginate("/things", "things", params={"datastore": "mysql"})
    assert len(list(itertools.islice(pages, 10))) == 3
    assert mocker.call_count == 1


def test_errors_carry_the_server_message_and_status(api):
    client, mocker = api
    mocker.get(
        API + "/x",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Instance x not found."}},
    )
    mocker.post(
        API + "/x",
        status_code=422,
        json={"unprocessableEntity": {"code": 422, "message": "Not now."}},
    )
    mocker.put(API + "/x", status_code=500, text="boom\ntrace")
    with pytest.raises(exceptions.NotFound) as err:
        client.http.get("/x")
    assert str(err.value) == "Instance x not found. (HTTP 404)"
    with pytest.raises(exceptions.ClientException) as err:
        client.http.post("/x", {})
    assert str(err.value) == "Not now. (HTTP 422)"
    with pytest.raises(exceptions.ClientException) as err:
        client.http.put("/x", {})
    # A body that is not JSON (here a stack trace) is never shown.
    assert str(err.value) == (
        "Database service at trove.test answered 500 Internal Server Error; the PUT request "
        "may have reached the server: check its state before trying again (HTTP 500)"
    )


class Things(Resource):
    base_path = "/things"
    singular = "thing"
    plural = "things"
    label = "thing"
    allow_get = allow_list = allow_find = True


UUID = "0b1e7e2a-0e52-4b8f-9d9c-1a1b2c3d4e5f"


def test_lookup_by_uuid_is_one_get_and_by_name_one_list(api):
    client, mocker = api
    things = Things(client.http)
    mocker.get(f"{API}/things/{UUID}", json={"thing": {"id": UUID, "name": "a"}})
    mocker.get(
        API + "/things",
        json={
            "things": [
                {"id": UUID, "name": "a"},
                {"id": "2", "name": "b"},
                {"id": "3", "name": "b"},
            ]
        },
    )
    assert things.find(UUID)["name"] == "a"
    assert things.find("a")["id"] == UUID
    assert [r.path for r in mocker.request_history] == [
        f"/v1.0/p1/things/{UUID}",
        "/v1.0/p1/things",
    ]
    with pytest.raises(AmbiguousName, match=r"More than one thing is named 'b' \(2, 3\)"):
        things.find("b")
    with pytest.raises(ResourceNotFound, match="No thing with a name or ID of 'zz' exists."):
        things.find("zz")


def test_a_uuid_shaped_name_is_still_found(api):
    client, mocker = api
    mocker.get(f"{API}/things/{UUID}", status_code=404, json={})
    mocker.get(API + "/things", json={"things": [{"id": "9", "name": UUID}]})
    assert Things(client.http).find(UUID)["id"] == "9"


def test_path_segments_are_quoted(api):
    client, mocker = api
    mocker.get(API + "/things/a%2Fb%20c", json={"thing": {"id": "a/b c"}})
    assert Things(client.http).get("a/b c")["id"] == "a/b c"
