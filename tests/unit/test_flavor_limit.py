# Flavors as Trove lists them: one without an integer ID, two sharing a name.
FLAVORS_WITH_TWINS = {
    "flavors": [
        {
            "id": 1,
            "str_id": "1",
            "name": "m1.tiny",
            "ram": 512,
            "vcpus": 1,
            "disk": 1,
            "ephemeral": 0,
            "links": [],
        },
        {
            "id": None,
            "str_id": "d2-large",
            "name": "m1.large",
            "ram": 8192,
            "vcpus": 4,
            "disk": 80,
            "ephemeral": 0,
            "links": [],
        },
        {
            "id": 7,
            "str_id": "7",
            "name": "twin",
            "ram": 1,
            "vcpus": 1,
            "disk": 1,
            "ephemeral": 0,
            "links": [],
        },
        {
            "id": 8,
            "str_id": "8",
            "name": "twin",
            "ram": 1,
            "vcpus": 1,
            "disk": 1,
            "ephemeral": 0,
            "links": [],
        },
    ]
}
VERSION_ID = "b3d5c099-dbd5-4518-baa3-7c7c195671bf"


def test_flavor_list_uses_the_real_id(trove):
    trove.on("GET", "/flavors", FLAVORS_WITH_TWINS)
    rows = trove.run_json("database", "flavor", "list")
    # A number where Trove gives one, str_id where it does not, as python-troveclient.
    assert [r["ID"] for r in rows] == [1, "d2-large", 7, 8]
    assert rows[0] == {
        "ID": 1,
        "Name": "m1.tiny",
        "RAM": 512,
        "vCPUs": 1,
        "Disk": 1,
        "Ephemeral": 0,
    }
    code, out, _ = trove.run("database", "flavor", "list")
    assert " ID | Name " in out and " RAM |" in out and "d2-large" in out


def test_flavor_list_for_a_datastore_version_by_name(trove):
    trove.on(
        "GET", "/datastores/mysql/versions/5.7", {"version": {"id": VERSION_ID, "name": "5.7"}}
    )
    trove.on("GET", f"/datastores/mysql/versions/{VERSION_ID}/flavors", FLAVORS_WITH_TWINS)
    rows = trove.run_json(
        "database", "flavor", "list", "--datastore-type", "mysql", "--datastore-version-id", "5.7"
    )
    assert len(rows) == 4
    assert trove.requests == [
        ("GET", "/datastores/mysql/versions/5.7"),
        ("GET", f"/datastores/mysql/versions/{VERSION_ID}/flavors"),
    ]


def test_flavor_list_datastore_options_go_together(trove):
    code, _, err = trove.run("database", "flavor", "list", "--datastore-type", "mysql")
    assert code == 1
    assert "must be given together" in err
    assert trove.requests == []


def test_flavor_show_by_name_and_by_id_cost_one_request(trove):
    trove.on("GET", "/flavors", FLAVORS_WITH_TWINS)
    assert trove.run_json("database", "flavor", "show", "m1.large")["id"] == "d2-large"
    assert trove.run_json("database", "flavor", "show", "d2-large")["name"] == "m1.large"
    assert trove.run_json("database", "flavor", "show", "1")["name"] == "m1.tiny"
    assert trove.run_json("database", "flavor", "show", "7")["id"] == 7
    assert trove.requests == [("GET", "/flavors")] * 4


def test_flavor_show_unknown_and_ambiguous(trove):
    trove.on("GET", "/flavors", FLAVORS_WITH_TWINS)
    code, out, err = trove.run("database", "flavor", "show", "nope")
    assert (code, out) == (1, "")
    assert err == "No flavor with a name or ID of 'nope' exists.\n"
    code, out, err = trove.run("database", "flavor", "show", "twin")
    assert code == 1
    assert err == "More than one flavor is named 'twin' (7, 8); use an ID.\n"


def test_limit_list_and_its_alias(trove):
    from tests.unit.conftest import sample

    limits = sample("limit-show-response.json")["limits"]
    trove.on("GET", "/limits", {"limits": limits})
    absolute = next(item for item in limits if item["verb"] == "ABSOLUTE")
    mgmt = next(item for item in limits if item.get("uri") == "*/mgmt")
    rows = trove.run_json("database", "limit", "list")
    assert {
        "Verb": "ABSOLUTE",
        "Limit": "max_instances",
        "Value": absolute["max_instances"],
        "Remaining": None,
        "Unit": None,
        "Next Available": None,
    } in rows
    assert {
        "Verb": "POST",
        "Limit": "*/mgmt",
        "Value": mgmt["value"],
        "Remaining": mgmt["remaining"],
        "Unit": "MINUTE",
        "Next Available": mgmt["nextAvailable"],
    } in rows
    # One row per absolute limit, then one per rate limit.
    assert len(rows) == len(absolute) - 1 + len(limits) - 1
    assert trove.run_json("database", "limits", "list") == rows
