from tests.unit.conftest import sample

# The local cloud's datastores: mysql 5.7 (its default) and 8.0, mariadb, redis.
MYSQL = next(d for d in sample("datastore-list-response.json")["datastores"]
             if d["name"] == "mysql")
MYSQL_ID = MYSQL["id"]
V57_ID = next(v["id"] for v in MYSQL["versions"] if v["name"] == "5.7")


def test_list_shows_versions_by_name(trove):
    trove.on("GET", "/datastores", sample("datastore-list-response.json"))
    code, out, err = trove.run("datastore", "list", "--long")
    assert code == 0, err
    assert "mysql" in out and "5.7" in out and "redis" in out
    rows = trove.run_json("datastore", "list", "--long")
    mysql = next(r for r in rows if r["Name"] == "mysql")
    assert mysql == {
        "ID": MYSQL_ID, "Name": "mysql", "Default Version": "5.7", "Versions": ["5.7", "8.0"]
    }
    # Without --long, python-troveclient's columns.
    assert trove.run_json("datastore", "list")[0].keys() == {"ID", "Name"}
    assert trove.requests == [("GET", "/datastores")] * 3


def test_show_by_name_is_one_request(trove):
    body = sample("datastore-show-response.json")
    trove.on("GET", "/datastores/mariadb", body)
    shown = trove.run_json("datastore", "show", "mariadb")
    assert shown["id"] == body["datastore"]["id"]
    assert shown["versions"] == ["10.11", "11.4"]
    assert trove.requests == [("GET", "/datastores/mariadb")]


def test_show_unknown_is_one_clear_line(trove):
    trove.on(
        "GET",
        "/datastores/nope",
        {"itemNotFound": {"code": 404, "message": "Datastore 'nope' cannot be found."}},
        status=404,
    )
    code, out, err = trove.run("datastore", "show", "nope")
    assert code == 1
    assert out == ""
    assert err.strip() == "No datastore with a name or ID of 'nope' exists."


def test_version_list_and_table(trove):
    trove.on("GET", "/datastores/mysql/versions", sample("datastore-version-list-response.json"))
    code, out, err = trove.run("datastore", "version", "list", "mysql")
    assert code == 0, err
    assert "| ID " in out
    versions = sample("datastore-version-list-response.json")["versions"]
    assert trove.run_json("datastore", "version", "list", "mysql") == [
        {"ID": v["id"], "Name": v["name"], "Version": v["version"]} for v in versions
    ]


def test_version_show_by_name_searches_all_datastores(trove):
    trove.on("GET", "/datastores", sample("datastore-list-response.json"))
    trove.on(
        "GET", f"/datastores/versions/{V57_ID}", sample("datastore-version-show-response.json")
    )
    shown = trove.run_json("datastore", "version", "show", "5.7")
    assert shown["name"] == "5.7" and shown["active"] is True
    assert "links" not in shown
    assert trove.requests == [("GET", "/datastores"), ("GET", f"/datastores/versions/{V57_ID}")]


def test_version_show_by_id_is_one_request(trove):
    trove.on(
        "GET", f"/datastores/versions/{V57_ID}", sample("datastore-version-show-response.json")
    )
    body = sample("datastore-version-show-response.json")["version"]
    shown = trove.run_json("datastore", "version", "show", V57_ID)
    assert shown["image_tags"] == body["image_tags"] and shown["image"] == body["image"]
    assert trove.requests == [("GET", f"/datastores/versions/{V57_ID}")]


def test_version_show_with_datastore_lets_the_server_resolve(trove):
    trove.on(
        "GET", "/datastores/mysql/versions/5.7", sample("datastore-version-show-response.json")
    )
    code, out, err = trove.run("datastore", "version", "show", "5.7", "--datastore", "mysql")
    assert code == 0, err
    assert trove.requests == [("GET", "/datastores/mysql/versions/5.7")]


def test_version_name_in_two_datastores_is_ambiguous(trove):
    stores = sample("datastore-list-response.json")
    mariadb = next(d for d in stores["datastores"] if d["name"] == "mariadb")
    mariadb["versions"][0]["name"] = "5.7"  # mariadb now has a 5.7 too
    trove.on("GET", "/datastores", stores)
    code, out, err = trove.run("datastore", "version", "show", "5.7")
    assert code == 1
    both = ", ".join(d["name"] for d in stores["datastores"] if d["name"] in ("mariadb", "mysql"))
    assert f"several datastores ({both})" in err and "--datastore" in err
    assert len(err.strip().splitlines()) == 1


def test_version_unknown_name(trove):
    trove.on("GET", "/datastores", sample("datastore-list-response.json"))
    code, out, err = trove.run("datastore", "version", "show", "9.9")
    assert code == 1
    assert err.strip() == "No datastore version with a name or ID of '9.9' exists."


def test_show_of_an_unknown_version_id_answered_404_is_one_line(trove):
    # Resource.find's fallback listed versions without a datastore: a TypeError.
    unknown = "0b9ad3a4-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
    trove.on("GET", f"/datastores/versions/{unknown}", {"itemNotFound": {
        "code": 404, "message": "Datastore version not found."}}, status=404)
    code, out, err = trove.run("datastore", "version", "show", unknown)
    assert (code, out) == (1, "")
    assert err.strip() == f"No datastore version with a name or ID of '{unknown}' exists."
    assert len(trove.requests) == 1
