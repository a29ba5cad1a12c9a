"""osc_trove.api as scripts use it: the README's example, and errors of its own."""

import re
import time

import pytest
import requests_mock as rm
from osc_lib import exceptions

import osc_trove.api
from tests.unit.conftest import API, FIXTURES, PROJECT_ID

README = FIXTURES.parent.parent / "README.md"
KEYSTONE = "https://keystone.example.com/v3"
TROVE = f"https://trove.example.com/v1.0/{PROJECT_ID}"
IID = "86b76c31-fd4f-4c1c-bd22-2fd4b950b063"
def _readme_example():
    section = README.read_text().split("## Use the API from Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_runs(capsys, monkeypatch):
    token = {"token": {
        "methods": ["password"], "expires_at": "2099-01-01T00:00:00Z",
        "project": {"id": PROJECT_ID, "name": "demo", "domain": {"id": "default"}},
        "user": {"id": "u1", "name": "demo", "domain": {"id": "default"}},
        "catalog": [{"type": "database", "name": "trove", "id": "t", "endpoints": [
            {"id": "e", "interface": "public", "region": "RegionOne",
             "region_id": "RegionOne", "url": TROVE}]}],
    }}
    instance = {"id": IID, "name": "db1", "status": "BUILD"}
    active = dict(instance, status="ACTIVE")
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    with rm.Mocker() as mocker:
        mocker.post(KEYSTONE + "/auth/tokens", json=token, headers={"X-Subject-Token": "t1"})
        mocker.get(TROVE + "/datastores/mysql", json={"datastore": {"id": "d1", "name": "mysql"}})
        mocker.get(TROVE + "/flavors", json={"flavors": [{"id": 2, "name": "small", "ram": 512}]})
        mocker.get(re.compile(re.escape(TROVE) + r"/instances(/detail)?(\?.*)?$"),
                   json={"instances": [instance]})
        mocker.post(TROVE + "/instances", json={"instance": instance})
        mocker.get(f"{TROVE}/instances/{IID}", [{"json": {"instance": instance}},
                                                {"json": {"instance": active}}])
        mocker.get(f"{TROVE}/instances/{IID}/databases", json={"databases": [{"name": "app"}]})
        exec(compile(_readme_example(), "README.md", "exec"), {})
        created = [r for r in mocker.request_history if r.method == "POST" and "instances" in r.url]
    assert capsys.readouterr().out == "small 512\ndb1 BUILD\nACTIVE\napp\n"
    assert created[0].json() == {"instance": {"name": "db1", "flavorRef": "2",
                                              "volume": {"size": 1}}}


def test_lookup_errors_are_the_api_s_own_not_the_command_line_s(api):
    client, mocker = api
    twins = [{"id": 1, "name": "a"}, {"id": 2, "name": "a"}]
    mocker.get(API + "/flavors", json={"flavors": twins})
    with pytest.raises(osc_trove.api.AmbiguousName) as ambiguous:
        client.flavors.find("a")
    with pytest.raises(osc_trove.api.ResourceNotFound) as missing:
        client.flavors.find("b")
    for err in (ambiguous.value, missing.value):
        assert isinstance(err, osc_trove.api.TroveError) and isinstance(err, LookupError)
        assert not isinstance(err, exceptions.CommandError)


def test_a_lost_answer_says_what_happened_without_naming_a_command(api):
    client, mocker = api
    mocker.post(f"{API}/instances/{IID}/users", status_code=502, text="<html>Bad gateway</html>")
    with pytest.raises(exceptions.ClientException) as err:
        client.users.create(IID, [{"name": "bob", "password": "pw"}])
    assert str(err.value) == (
        "Database service at trove.test answered 502 Bad Gateway; the POST request may have "
        "reached the server: check its state before trying again (HTTP 502)"
    )
    assert err.value.uncertain_request == ("POST", f"/instances/{IID}/users")
