"""Which endpoint osc-trove's client talks to: the cloud's override, else the
catalog's entry for the region and interface asked for."""

import pytest

from tests.unit import conftest
from tests.unit.conftest import KEYSTONE, PROJECT_ID

FLAVORS = {"flavors": [{"id": 2, "name": "small", "ram": 512, "vcpus": 1}]}
OTHER = "http://other.test/v1.0/"


def _flavor_list_goes_to(trove, base, *argv):
    trove.mocker.get(base + "/flavors", json=FLAVORS)
    code, out, err = trove.run(*argv, "database", "flavor", "list", "-f", "value", "-c", "Name")
    assert (code, out, err) == (0, "small\n", "")
    sent = [r.url for r in trove.mocker.request_history if "flavors" in r.url]
    assert sent == [base + "/flavors"]


def test_the_clouds_yaml_database_endpoint_override_is_used(trove, tmp_path, monkeypatch):
    clouds = tmp_path / "clouds.yaml"
    clouds.write_text(f"""
clouds:
  elsewhere:
    auth:
      auth_url: {KEYSTONE}
      username: demo
      password: demo-password
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
    database_endpoint_override: "{OTHER}%(project_id)s"
""")
    for name in ("OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD", "OS_PROJECT_NAME"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
    _flavor_list_goes_to(trove, OTHER + PROJECT_ID, "--os-cloud", "elsewhere")


def test_the_environment_s_endpoint_override_is_used(trove, monkeypatch):
    monkeypatch.setenv("OS_DATABASE_ENDPOINT_OVERRIDE", OTHER + "%(project_id)s")
    _flavor_list_goes_to(trove, OTHER + PROJECT_ID)


@pytest.mark.parametrize("variable, value, base", [
    ("OS_INTERFACE", "internal", "http://internal.test/v1.0"),
    ("OS_REGION_NAME", "RegionTwo", "http://two.test/v1.0"),
])
def test_the_catalog_entry_of_the_region_and_interface_is_used(trove, monkeypatch, variable,
                                                               value, base):
    endpoints = [dict(ep) for ep in conftest._CATALOG[0]["endpoints"]]
    for endpoint in endpoints:
        if endpoint["interface"] == "internal":
            endpoint["url"] = "http://internal.test/v1.0"
    endpoints.append({"id": "ep-two", "interface": "public", "region": "RegionTwo",
                      "region_id": "RegionTwo", "url": "http://two.test/v1.0"})
    monkeypatch.setitem(conftest._CATALOG[0], "endpoints", endpoints)
    monkeypatch.setenv(variable, value)
    _flavor_list_goes_to(trove, base)
