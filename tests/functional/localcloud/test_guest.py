"""What the fake guest agent answers behind stock Trove, at REST level, on one shared
instance: the checks the CLI tests (test_db_user, test_root, test_module, test_admin,
test_instance) do not make."""

import base64
import time
import uuid

from tests.functional.helpers import (
    error_of,
    quiet_wait,
    self_signed_p12,
    store_secret,
    unique,
)


def test_database_name_schema_and_users_bulk_password(demo_api, iid):
    # The API's schema wants a database name with at least one letter or digit.
    err = error_of(demo_api.http.post, f"/instances/{iid}/databases",
                   {"databases": [{"name": "--"}]})
    assert err.code == 400
    # Passwords in bulk: a PUT on the users collection (no CLI command sends it).
    demo_api.users.create(iid, [{"name": "bulk", "password": "pw-bulk-1"}])
    demo_api.http.put(f"/instances/{iid}/users", {"users": [{"name": "bulk",
                                                        "password": "pw-bulk-2"}]})
    assert demo_api.users.get(iid, "bulk")["name"] == "bulk"
    demo_api.users.delete(iid, "bulk")
    err = error_of(demo_api.users.get, iid, "bulk")
    assert err.code == 404


def test_root_with_a_chosen_password_and_its_history(demo_api, admin_api, iid):
    base = f"/instances/{iid}/root"
    chosen = demo_api.http.post(base, {"password": "my-Root-pw-1"})["user"]
    assert chosen["name"] == "root" and chosen["password"] == "my-Root-pw-1"
    history = admin_api.http.get(f"/mgmt/instances/{iid}/root")["root_history"]
    assert history["id"] == iid and history["enabled"]
    demo_api.http.delete(base)
    assert demo_api.http.get(base)["rootEnabled"] is False


def log_action(api, instance_id, **action):
    return api.http.post(f"/instances/{instance_id}/log", action)["log"]


def test_logs_enable_publish_discard_disable(demo_api, iid):
    logs = {entry["name"]: entry for entry in demo_api.http.get(f"/instances/{iid}/log")["logs"]}
    assert logs["general"]["type"] == "USER" and logs["general"]["status"] == "Disabled"
    assert logs["guest"]["type"] == "SYS"
    enabled = log_action(demo_api, iid, name="general", enable=1)
    assert enabled["status"] == "Enabled"
    published = log_action(demo_api, iid, name="general", publish=1)
    assert published["status"] == "Published" and int(published["published"]) > 0
    assert published["container"] != "None" and published["prefix"].startswith(iid)
    discarded = log_action(demo_api, iid, name="general", discard=1)
    assert int(discarded["published"]) == 0
    disabled = log_action(demo_api, iid, name="general", disable=1)
    assert disabled["status"] == "Disabled"
    # A system log can be published but not disabled.
    err = error_of(log_action, demo_api, iid, name="guest", disable=1)
    assert err.code == 400
    # Published parts land in the object store of the catalog.
    published = log_action(demo_api, iid, name="slow_query", publish=1)
    session = demo_api.http.adapter.session
    store = session.get_endpoint(service_type="object-store", interface="public")
    listing = session.get(f"{store}/{published['container']}",
                          params={"prefix": published["prefix"]}).json()
    assert listing and listing[0]["name"].startswith(published["prefix"])
    text = session.get(f"{store}/{published['container']}/{listing[0]['name']}").text
    assert "slow_query" in text and iid in text
    err = error_of(log_action, demo_api, iid, name="no_such_log")
    assert err.code in (400, 404)


def test_ssl_payload_only_when_asked_and_rollback(demo_api, iid):
    assert demo_api.http.get(f"/instances/{iid}/ssl")["ssl"]["status"] == "off"
    ref = store_secret(demo_api, self_signed_p12("db.example.test"))
    enabled = demo_api.http.post(f"/instances/{iid}/ssl", {"ssl": {
        "enable": True, "mode": "enforced", "container_ref": ref}})["ssl"]
    assert enabled == {"status": "on", "mode": "enforced", "restart_required": False}
    shown = demo_api.http.get(f"/instances/{iid}/ssl")["ssl"]
    assert shown["mode"] == "enforced" and shown["certificate"]["cn"] == "db.example.test"
    assert "payload" not in shown["certificate"]
    with_cert = demo_api.http.get(f"/instances/{iid}/ssl",
                             params={"include_certificate": "true"})["ssl"]
    assert with_cert["certificate"]["payload"].startswith("-----BEGIN CERTIFICATE")
    disabled = demo_api.http.post(f"/instances/{iid}/ssl", {"ssl": {"disable": True}})["ssl"]
    assert disabled["status"] == "off"
    # Roll back the last change: SSL is on again.
    rolled = demo_api.http.post(f"/instances/{iid}/ssl", {"ssl": {"rollback": True}})["ssl"]
    assert rolled["status"] == "on"
    demo_api.http.post(f"/instances/{iid}/ssl", {"ssl": {"disable": True}})
    # Enabling needs a certificate container.
    err = error_of(demo_api.http.post, f"/instances/{iid}/ssl", {"ssl": {"enable": True}})
    assert err.code == 400


def test_module_without_live_update_reapplied_and_locked_while_in_use(demo_api, iid):
    contents = base64.b64encode(b"license-key: 1234\n").decode()
    module = demo_api.http.post("/modules", {"module": {
        "name": unique("mod"), "module_type": "ping", "contents": contents,
        "datastore": {"type": "mysql", "version": "5.7"}}})["module"]
    mid = module["id"]
    try:
        assert module["type"] == "ping" and module["datastore"] == "mysql"
        demo_api.http.post(f"/instances/{iid}/modules", {"modules": [{"id": mid}]})
        on_guest = demo_api.http.get(f"/instances/{iid}/modules",
                                params={"from_guest": "True", "include_contents": "True"}
                                )["modules"]
        assert on_guest[0]["md5"] == module["md5"] and on_guest[0]["contents"]
        # Re-apply runs in the task manager: the guest's result gets a new
        # `updated` time (whole seconds, hence the pause).
        time.sleep(1.1)
        demo_api.http.put(f"/modules/{mid}/instances", {"reapply": {"force": True}})
        quiet_wait(lambda: demo_api.http.get(f"/instances/{iid}/modules",
                                        params={"from_guest": "True"})["modules"],
                   lambda mods: mods and mods[0]["updated"] != on_guest[0]["updated"],
                   lambda _: False, status_of=lambda mods: len(mods))
        # A module in use (without live_update) can be neither changed nor deleted.
        err = error_of(demo_api.http.delete, f"/modules/{mid}")
        assert err.code == 403 and "non-terminated instance" in str(err)
        err = error_of(demo_api.http.put, f"/modules/{mid}", {"module": {"description": "x"}})
        assert err.code == 403
    finally:
        demo_api.http.delete(f"/instances/{iid}/modules/{mid}")
    assert demo_api.http.get(f"/instances/{iid}/modules")["modules"] == []
    demo_api.http.put(f"/modules/{mid}", {"module": {"description": "changed"}})
    assert demo_api.http.get(f"/modules/{mid}")["module"]["description"] == "changed"
    demo_api.http.delete(f"/modules/{mid}")


def test_module_of_unknown_type_is_refused(demo_api):
    err = error_of(demo_api.http.post, "/modules", {"module": {
        "name": unique("mod"), "module_type": "no-such-type",
        "contents": base64.b64encode(b"x").decode()}})
    assert err.code in (400, 404)


def test_root_of_an_unknown_instance(demo_api):
    err = error_of(demo_api.http.get, f"/instances/{uuid.uuid4()}/root")
    assert err.code == 404
