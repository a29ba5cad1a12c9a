"""database log ..., database quota ..., datastore delete, datastore version create/set/delete."""

import json

import pytest

from tests.unit.conftest import KEYSTONE, PROJECT_ID, TOKEN, TROVE
from tests.unit.helpers import IID, V_ID, fake_identity, mgmt_version

LOG_URL = f"/instances/{IID}/log"
SWIFT = f"http://swift.test/v1/AUTH_{PROJECT_ID}"
CONTAINER = "database_logs"
PREFIX = f"{IID}/mysql-general/"
PARTS = [f"{PREFIX}log-2026-01-0{day}T10:00:00" for day in (1, 2, 3)]


def log_state(**changes):
    state = {"name": "general", "type": "USER", "status": "Published", "published": 300,
             "pending": 0, "container": CONTAINER, "prefix": PREFIX,
             "metafile": f"{IID}/mysql-general_metafile"}
    return {**state, **changes}


def service(kind, url):
    return {"type": kind, "name": kind, "id": f"{kind}-service",
            "endpoints": [{"id": f"{kind}-public", "interface": "public", "region": "RegionOne",
                           "region_id": "RegionOne", "url": url}]}


def log_in_with_a_token(trove, monkeypatch, *services):
    """Log in with a token only (no password anywhere); the catalog gains `services`."""
    for name in ("OS_PASSWORD", "OS_USERNAME", "OS_USER_DOMAIN_NAME"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("OS_AUTH_TYPE", "v3token")
    monkeypatch.setenv("OS_TOKEN", "a-token-from-elsewhere")
    token = json.loads(json.dumps(TOKEN))
    token["token"]["methods"] = ["token"]
    token["token"]["catalog"] += list(services)
    trove.mocker.post(KEYSTONE + "/auth/tokens", json=token, status_code=201,
                      headers={"X-Subject-Token": "token-2"})


@pytest.fixture
def swift(trove, monkeypatch):
    """Token login; the catalog's object store holds three parts of 2 lines of the log."""
    log_in_with_a_token(trove, monkeypatch, service("object-store", SWIFT))
    listing = [{"name": name} for name in PARTS] + [{"name": f"{IID}/mysql-general_metafile"}]
    trove.mocker.get(f"{SWIFT}/{CONTAINER}", json=listing)
    for day, name in enumerate(PARTS, 1):
        trove.mocker.get(SWIFT + part_url(name), text=f"day {day} a\nday {day} b\n")
    return trove


def swift_requests(trove):
    return [(r.method, r.url[len(SWIFT):]) for r in trove.mocker.request_history
            if r.url.startswith(SWIFT)]


def login_methods(trove):
    return [r.json()["auth"]["identity"]["methods"] for r in trove.mocker.request_history
            if r.url.endswith("/auth/tokens")]


def part_url(name):
    return f"/{CONTAINER}/{name.replace(':', '%3A')}"


# --- logs ----------------------------------------------------------------------


def test_log_list(trove):
    trove.on("GET", LOG_URL, {"logs": [log_state(), log_state(name="guest", type="SYS")]})
    rows = trove.run_json("database", "log", "list", IID)
    assert list(rows[0]) == ["Name", "Type", "Status", "Published", "Pending", "Container",
                             "Prefix"]
    assert [row["Name"] for row in rows] == ["general", "guest"]
    assert trove.requests == [("GET", LOG_URL)]


def test_log_show_and_set(trove):
    trove.on("POST", LOG_URL, {"log": log_state()})
    shown = trove.run_json("database", "log", "show", IID, "general")
    assert shown["container"] == CONTAINER and shown["metafile"].endswith("_metafile")
    trove.run_json("database", "log", "set", IID, "general", "--enable", "--publish")
    trove.run_json("database", "log", "set", IID, "general", "--discard")
    assert trove.bodies() == [{"name": "general"},
                              {"name": "general", "enable": 1, "publish": 1},
                              {"name": "general", "discard": 1}]


@pytest.mark.parametrize("flags, message", [
    ((), "Nothing to do: give --enable, --disable, --publish or --discard."),
    (("--enable", "--disable"), "--enable and --disable cannot be given together."),
])
def test_log_set_refusals_send_nothing(trove, flags, message):
    code, out, err = trove.run("database", "log", "set", IID, "general", *flags)
    assert (code, out, err) == (1, "", message + "\n")
    assert trove.requests == []


def test_tail_reads_only_the_newest_parts_with_a_token(swift):
    swift.on("POST", LOG_URL, {"log": log_state()})
    code, out, err = swift.run("database", "log", "tail", IID, "general", "--lines", "3")
    assert code == 0, err
    assert out == "day 2 b\nday 3 a\nday 3 b\n"
    assert swift.bodies() == [{"name": "general"}]  # nothing pending: no publish
    assert swift_requests(swift) == [
        ("GET", f"/{CONTAINER}?format=json&prefix={PREFIX.replace('/', '%2F')}&limit=1000"),
        ("GET", part_url(PARTS[2])),
        ("GET", part_url(PARTS[1])),
    ]
    assert login_methods(swift) == [["token"]]


def test_tail_publishes_first_when_lines_are_pending(swift):
    swift.mocker.post(TROVE + LOG_URL, [{"json": {"log": log_state(pending=120)}},
                                        {"json": {"log": log_state()}}])
    code, out, err = swift.run("database", "log", "tail", IID, "general", "--lines", "0")
    assert code == 0, err
    assert out == "".join(f"day {d} a\nday {d} b\n" for d in (1, 2, 3))
    assert swift.bodies() == [{"name": "general"}, {"name": "general", "publish": 1}]


def test_tail_follow_prints_new_parts_until_ctrl_c(swift, monkeypatch):
    from osc_trove.commands import log

    rounds = []

    def sleep(seconds):
        rounds.append(seconds)
        if len(rounds) == 1:  # the log gains a part while we wait
            new = f"{PREFIX}log-2026-01-04T10:00:00"
            swift.mocker.get(f"{SWIFT}/{CONTAINER}", json=[{"name": n} for n in PARTS + [new]])
            swift.mocker.get(SWIFT + part_url(new), text="day 4 a\n")
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(log, "sleep", sleep)
    swift.on("POST", LOG_URL, {"log": log_state()})
    code, out, err = swift.run("database", "log", "tail", IID, "general", "--lines", "1",
                               "--follow", "--interval", "2")
    assert (code, err) == (0, "")
    assert out == "day 3 b\nday 4 a\n"
    assert rounds == [2.0, 2.0]


def test_tail_of_a_missing_container_is_one_line(swift):
    swift.on("POST", LOG_URL, {"log": log_state()})
    swift.mocker.get(f"{SWIFT}/{CONTAINER}", status_code=404, text="Not Found")
    code, out, err = swift.run("database", "log", "tail", IID, "general")
    assert (code, out) == (1, "")
    assert err == (f"No published 'general' log was found for instance {IID} "
                   "in the object store.\n")


def test_tail_without_an_object_store_in_the_catalog(trove):
    trove.on("POST", LOG_URL, {"log": log_state()})
    code, out, err = trove.run("database", "log", "tail", IID, "general")
    assert (code, out) == (1, "")
    assert err == "The service catalog has no object-store endpoint to read published logs from.\n"


def test_save_writes_every_part_and_never_overwrites(swift, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    swift.on("POST", LOG_URL, {"log": log_state()})
    code, out, err = swift.run("database", "log", "save", IID, "general")
    assert code == 0, err
    target = tmp_path / f"trove-{IID}-general.log"
    assert out == f'Log "general" written to {target.name}\n'
    assert target.read_text() == "".join(f"day {d} a\nday {d} b\n" for d in (1, 2, 3))
    assert target.stat().st_mode & 0o777 == 0o600
    sent = len(swift.requests + swift_requests(swift))

    target.write_text("keep me")
    code, out, err = swift.run("database", "log", "save", IID, "general")
    assert (code, out, err) == (1, "", f"{target.name} exists; give --force to replace it.\n")
    assert target.read_text() == "keep me"
    assert len(swift.requests + swift_requests(swift)) == sent  # refused before any request

    code, out, err = swift.run("database", "log", "save", IID, "general", "--file",
                               str(target), "--force")
    assert code == 0, err
    assert target.read_text().startswith("day 1 a\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_save_of_a_log_never_published_is_one_line(swift, tmp_path):
    swift.on("POST", LOG_URL, {"log": log_state(container="None", prefix="None")})
    code, out, err = swift.run("database", "log", "save", IID, "general", "--file",
                               str(tmp_path / "x.log"))
    assert (code, out) == (1, "")
    assert err.startswith("No published 'general' log was found")
    assert list(tmp_path.iterdir()) == []


# --- quotas --------------------------------------------------------------------

QUOTAS = {"quotas": [
    {"resource": "instances", "in_use": 2, "reserved": 0, "limit": 10},
    {"resource": "ram", "in_use": 1024, "reserved": 0, "limit": -1},
]}


def test_quota_show_of_your_own_project(trove):
    trove.on("GET", f"/mgmt/quotas/{PROJECT_ID}", QUOTAS)
    rows = trove.run_json("database", "quota", "show")
    assert rows == [{"Resource": "instances", "In Use": 2, "Reserved": 0, "Limit": 10},
                    {"Resource": "ram", "In Use": 1024, "Reserved": 0, "Limit": -1}]


def test_quota_show_of_a_project_by_name(trove, monkeypatch):
    looked_up = fake_identity(monkeypatch)
    trove.on("GET", "/mgmt/quotas/p-42", QUOTAS)
    trove.run_json("database", "quota", "show", "demo", "--project-domain", "Default")
    assert looked_up == [("demo", "Default")]


def test_quota_update_several_at_once(trove, monkeypatch):
    fake_identity(monkeypatch)
    trove.on("PUT", "/mgmt/quotas/p-42", {"quotas": {"instances": 5, "ram": -1, "backups": 0}})
    shown = trove.run_json("database", "quota", "update", "demo", "--instances", "5",
                           "--ram", "-1", "backups", "0")
    assert shown == {"instances": 5, "ram": -1, "backups": 0}
    assert trove.bodies() == [{"quotas": {"instances": 5, "ram": -1, "backups": 0}}]


@pytest.mark.parametrize("argv, message", [
    (["disks", "3"],
     "Unknown quota resource 'disks': use one of instances, ram, volumes, backups."),
    (["instances", "-2"], "The limit of instances must be -1 (no limit) or more, not -2."),
    (["--volumes=-7"], "The limit of volumes must be -1 (no limit) or more, not -7."),
    (["ram"], "Give the new limit of ram after its name."),
    (["ram", "3", "--ram", "4"], "Two different limits given for ram."),
    ([], "Nothing to update: give <resource> <limit>, or --instances, --ram, --volumes or "
         "--backups."),
])
def test_quota_update_refusals_send_nothing(trove, monkeypatch, argv, message):
    looked_up = fake_identity(monkeypatch)
    code, out, err = trove.run("database", "quota", "update", "demo", *argv)
    assert (code, out, err) == (1, "", message + "\n")
    assert trove.requests == [] and looked_up == []


def test_quota_update_refused_by_policy(trove, monkeypatch):
    fake_identity(monkeypatch)
    trove.on("PUT", "/mgmt/quotas/p-42", {"unauthorized": {
        "code": 401, "message": "User does not have admin privileges."}}, status=401)
    code, out, err = trove.run("database", "quota", "update", "demo", "instances", "3")
    assert (code, out) == (1, "")
    assert err == ("The cloud's policy refused updating the quotas of project 'demo' "
                   "(an admin role is needed): User does not have admin privileges.\n")


# --- datastore administration ----------------------------------------------------


def test_datastore_delete_is_one_request(trove):
    trove.on("DELETE", "/datastores/old", status=202)
    assert trove.run("datastore", "delete", "old") == (0, "", "")
    assert trove.requests == [("DELETE", "/datastores/old")]


def test_datastore_delete_refused_by_policy(trove):
    trove.on("DELETE", "/datastores/mysql", {"forbidden": {
        "code": 403, "message": "Policy doesn't allow datastore:delete to be performed."}},
        status=403)
    code, out, err = trove.run("datastore", "delete", "mysql")
    assert (code, out) == (1, "")
    assert err == ("The cloud's policy refused deleting datastore 'mysql' (an admin role is "
                   "needed): Policy doesn't allow datastore:delete to be performed.\n")


def test_version_create_with_tags_then_shows_it(trove):
    trove.on("POST", "/mgmt/datastore-versions", status=202)
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [
        mgmt_version(name="8.4", datastore_name="other", id="x"), mgmt_version()]})
    shown = trove.run_json("datastore", "version", "create", "8.4", "mysql", "mysql",
                           "--image-tags", "trove,mysql", "--version-number", "8.4.1",
                           "--registry-ext", "my.Manager", "--repl-strategy", "")
    assert shown["id"] == V_ID and shown["image_tags"] == ["trove", "mysql"]
    assert trove.bodies() == [{"version": {
        "name": "8.4", "datastore_name": "mysql", "datastore_manager": "mysql",
        "image_tags": ["trove", "mysql"], "active": False, "default": False,
        "registry_ext": "my.Manager", "version": "8.4.1"}}]


def test_version_create_finds_an_image_by_name(trove, monkeypatch):
    from openstack.image.v2 import _proxy

    log_in_with_a_token(trove, monkeypatch, service("image", "http://glance.test"))
    trove.mocker.get("http://glance.test/", json={"versions": [{
        "id": "v2.16", "status": "CURRENT",
        "links": [{"rel": "self", "href": "http://glance.test/v2/"}]}]})

    class Image:
        id = "0c0ffee0-0000-4000-8000-000000000001"

    asked = []
    monkeypatch.setattr(_proxy.Proxy, "find_image",
                        lambda self, name, ignore_missing=True: asked.append(
                            (name, ignore_missing)) or Image())
    trove.on("POST", "/mgmt/datastore-versions", status=202)
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [mgmt_version(image=Image.id)]})
    trove.run_json("datastore", "version", "create", "8.4", "mysql", "mysql", "mysql-image",
                   "--active", "--default")
    assert [name for name, _ in asked] == ["mysql-image"]
    body = trove.bodies()[0]["version"]
    assert (body["image"], body["image_tags"], body["active"], body["default"]) == (
        Image.id, [], True, True)


def test_version_create_needs_an_image_or_tags(trove):
    code, out, err = trove.run("datastore", "version", "create", "8.4", "mysql", "mysql", "")
    assert (code, out, err) == (1, "", "Give an image, or --image-tags to choose one by tags.\n")
    assert trove.requests == []


def test_version_set_by_name_and_by_id(trove):
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [mgmt_version()]})
    trove.on("PATCH", f"/mgmt/datastore-versions/{V_ID}", status=202)
    assert trove.run("datastore", "version", "set", "8.4", "--datastore", "mysql", "--enable",
                     "--non-default", "--version-name", "8.4-lts", "--image-tags", "",
                     "--datastore-manager", "mysql") == (0, "", "")
    assert trove.run("datastore", "version", "set", V_ID, "--disable",
                     "--image", V_ID) == (0, "", "")
    assert trove.requests == [("GET", "/mgmt/datastore-versions"),
                              ("PATCH", f"/mgmt/datastore-versions/{V_ID}"),
                              ("PATCH", f"/mgmt/datastore-versions/{V_ID}")]
    assert trove.bodies() == [
        {"name": "8.4-lts", "datastore_manager": "mysql", "active": True, "default": False,
         "image_tags": []},
        {"active": False, "image": V_ID},
    ]


def test_version_set_with_nothing_to_change(trove):
    code, out, err = trove.run("datastore", "version", "set", V_ID)
    assert (code, out, err) == (1, "", "Nothing to change: give at least one option.\n")
    assert trove.requests == []


def test_version_delete_by_id_and_ambiguous_name(trove):
    trove.on("DELETE", f"/mgmt/datastore-versions/{V_ID}", status=202)
    assert trove.run("datastore", "version", "delete", V_ID) == (0, "", "")
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [
        mgmt_version(), mgmt_version(id="other", datastore_name="mariadb")]})
    code, out, err = trove.run("datastore", "version", "delete", "8.4")
    assert (code, out) == (1, "")
    assert err == ("Datastore version '8.4' exists in several datastores (mariadb, mysql); "
                   "name one with --datastore.\n")
    assert trove.requests == [("DELETE", f"/mgmt/datastore-versions/{V_ID}"),
                              ("GET", "/mgmt/datastore-versions")]


def test_version_list_all(trove):
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [
        mgmt_version(), mgmt_version(id="r1", name="7.0", datastore_name="redis")]})
    rows = trove.run_json("datastore", "version", "list", "--all")
    assert list(rows[0]) == ["ID", "Name", "Version", "Datastore Name", "Datastore Manager",
                             "Active", "Default", "Image"]
    assert [row["ID"] for row in rows] == [V_ID, "r1"]
    rows = trove.run_json("datastore", "version", "list", "--all", "redis")
    assert [row["Name"] for row in rows] == ["7.0"]


def test_version_list_needs_a_datastore_or_all(trove):
    code, out, err = trove.run("datastore", "version", "list")
    assert (code, out, err) == (1, "", "Name a datastore, or give --all.\n")


def test_version_list_all_refused_by_policy(trove):
    trove.on("GET", "/mgmt/datastore-versions", {"unauthorized": {
        "code": 401, "message": "User does not have admin privileges."}}, status=401)
    code, out, err = trove.run("datastore", "version", "list", "--all")
    assert (code, out) == (1, "")
    assert err.startswith("The cloud's policy refused listing every datastore version")


def test_version_create_and_set_take_each_others_switch_spellings(trove):
    """One declaration serves both commands: create's --active/--inactive
    (python-troveclient's create) and set's --enable/--disable/--non-default (its set)."""
    trove.on("POST", "/mgmt/datastore-versions", status=202)
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [mgmt_version()]})
    trove.on("PATCH", f"/mgmt/datastore-versions/{V_ID}", status=202)
    trove.run_json("datastore", "version", "create", "8.4", "mysql", "mysql", "",
                   "--image-tags", "trove", "--enable", "--non-default")
    assert trove.run("datastore", "version", "set", V_ID, "--active") == (0, "", "")
    assert trove.run("datastore", "version", "set", V_ID, "--inactive") == (0, "", "")
    created = trove.bodies()[0]["version"]
    assert (created["active"], created["default"]) == (True, False)
    assert trove.bodies()[1:] == [{"active": True}, {"active": False}]
