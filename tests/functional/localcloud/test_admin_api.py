"""Quotas, datastore versions and configuration parameters at REST level: what
test_admin.py's and test_configuration.py's commands do not walk."""


from tests.functional.helpers import error_of, unique


def project_of(api):
    # The endpoint is .../v1.0/<project id>.
    return api.http.adapter.get_endpoint().rstrip("/").rsplit("/", 1)[1]


def test_quota_show_update_and_enforced(demo_api, admin_api):
    """On the admin's own project: the demo project's quotas are other tests' to use
    (test_admin.py changes them, the other files make instances and backups there)."""
    own, member_project = project_of(admin_api), project_of(demo_api)
    quotas = {q["resource"]: q for q in admin_api.http.get(f"/mgmt/quotas/{own}")["quotas"]}
    assert quotas["instances"]["limit"] >= 100
    try:
        admin_api.http.put(f"/mgmt/quotas/{own}", {"quotas": {"backups": 7}})
        after = {q["resource"]: q for q in admin_api.http.get(f"/mgmt/quotas/{own}")["quotas"]}
        assert after["backups"]["limit"] == 7
        limits = admin_api.http.get("/limits")["limits"]
        absolute = next(item for item in limits if item["verb"] == "ABSOLUTE")
        assert absolute["max_backups"] == 7
        # A member can read its project's quotas but not change them.
        assert demo_api.http.get(f"/mgmt/quotas/{member_project}")["quotas"]
        err = error_of(demo_api.http.put, f"/mgmt/quotas/{member_project}",
                       {"quotas": {"backups": 9}})
        assert err.code in (401, 403)
        # Going over a quota answers 413 overLimit: one request bigger than the whole
        # (lowered) volume quota.
        admin_api.http.put(f"/mgmt/quotas/{own}", {"quotas": {"volumes": 150}})
        err = error_of(admin_api.http.post, "/instances", {"instance": {
            "name": unique("over"), "flavorRef": "1", "volume": {"size": 199}}})
        assert err.code == 413
    finally:
        admin_api.http.put(f"/mgmt/quotas/{own}", {"quotas": {
            "volumes": quotas["volumes"]["limit"], "backups": quotas["backups"]["limit"]}})


def test_mgmt_datastore_version_and_its_parameters(demo_api, admin_api):
    name = unique("v")
    admin_api.http.post("/mgmt/datastore-versions", {"version": {
        "datastore_name": "mysql", "datastore_manager": "mysql", "name": name,
        "image_tags": ["trove", "mysql"], "active": True, "default": False,
        "packages": [], "version": "8.0.36"}})
    versions = {v["name"]: v for v in admin_api.http.get("/mgmt/datastore-versions")["versions"]}
    made = versions[name]
    assert made["datastore_name"] == "mysql" and made["active"] is True
    assert made["image_tags"] == ["trove", "mysql"]
    vid = made["id"]
    assert demo_api.http.get(f"/datastores/mysql/versions/{vid}")["version"]["name"] == name
    params = f"/mgmt/datastores/versions/{vid}/parameters"
    admin_api.http.post(params, {"configuration-parameter": {
        "name": "connect_timeout", "data_type": "integer", "min_size": 2, "max_size": 600,
        "restart_required": 0}})
    shown = f"/datastores/versions/{vid}/parameters/connect_timeout"
    assert demo_api.http.get(shown)["max"] == 600
    admin_api.http.put(params + "/connect_timeout", {"configuration-parameter": {
        "name": "connect_timeout", "data_type": "integer", "min_size": 2, "max_size": 900,
        "restart_required": 0}})
    assert demo_api.http.get(shown)["max"] == 900
    admin_api.http.delete(params + "/connect_timeout")
    admin_api.http.patch(f"/mgmt/datastore-versions/{vid}", {"active": False})
    assert admin_api.http.get(f"/mgmt/datastore-versions/{vid}")["version"]["active"] is False
    err = error_of(demo_api.http.post, "/mgmt/datastore-versions", {"version": {
        "datastore_name": "mysql", "datastore_manager": "mysql", "name": "x",
        "image_tags": [], "active": True, "packages": []}})
    assert err.code in (401, 403)
    admin_api.http.delete(f"/mgmt/datastore-versions/{vid}")
    # Trove answers a missing datastore version with 400, not 404.
    err = error_of(admin_api.http.get, f"/mgmt/datastore-versions/{vid}")
    assert err.code == 400 and "cannot be found" in str(err)


def test_configuration_parameters(demo_api):
    params = demo_api.http.get(
        "/datastores/mysql/versions/5.7/parameters")["configuration-parameters"]
    by_name = {p["name"]: p for p in params}
    assert by_name["connect_timeout"]["type"] == "integer"
    # The 2^64 maximum of Trove's rules is stored clamped (SQLite integers).
    assert by_name["innodb_buffer_pool_size"]["max"] <= 2 ** 63 - 1
    one = demo_api.http.get("/datastores/mysql/versions/5.7/parameters/max_connections")
    assert one["name"] == "max_connections" and one["restart_required"] is False
    versions = demo_api.http.get("/datastores/mysql")["datastore"]["versions"]
    version_id = next(v["id"] for v in versions if v["name"] == "5.7")
    by_id = demo_api.http.get(f"/datastores/versions/{version_id}/parameters")
    assert len(by_id["configuration-parameters"]) == len(params)
    err = error_of(demo_api.http.get, "/datastores/mysql/versions/5.7/parameters/no_such_thing")
    assert err.code == 404
