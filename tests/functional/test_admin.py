"""Guest logs, quotas and datastore administration, against the local cloud."""

import signal
import subprocess

import pytest

from tests.functional.conftest import OPENSTACK
from tests.functional.helpers import made_instance, ok, one_line_error, run_names

name = run_names("fa")


@pytest.fixture(scope="module")
def db(demo_api):
    with made_instance(demo_api, name("db")) as row:
        yield row


def stored_log(api, log):
    """What the object store holds of a published log, read with plain HTTP GETs."""
    session = api.http.adapter.session
    account = session.get_endpoint(service_type="object-store", interface="public")
    listing = session.get(
        f"{account}/{log['container']}", params={"format": "json", "prefix": log["prefix"]}
    ).json()
    names = sorted(item["name"] for item in listing)
    return b"".join(session.get(f"{account}/{log['container']}/{name}").content for name in names)


def publish(api, instance_id):
    return api.logs.action(instance_id, "general", publish=True)


# --- logs ----------------------------------------------------------------------


def test_log_list_set_show(cloud, db):
    rows = ok(cloud.openstack("database", "log", "list", db["name"], "-f", "json")).json()
    assert {"Name", "Type", "Status", "Published", "Pending", "Container", "Prefix"} <= set(rows[0])
    assert "general" in [row["Name"] for row in rows]
    log = ok(cloud.openstack("database", "log", "set", db["name"], "general",
                             "--enable", "--publish", "-f", "json")).json()
    assert log["status"] == "Published" and log["container"] != "None"
    shown = ok(cloud.openstack("database", "log", "show", db["id"], "general", "-f", "json")).json()
    assert shown["prefix"] == log["prefix"] and shown["published"] >= log["published"]
    line = one_line_error(*cloud.openstack("database", "log", "show", db["id"], "nosuchlog"))
    assert "nosuchlog" in line


def test_tail_prints_the_last_lines_across_parts(cloud, demo_api, db):
    for _ in range(6):
        log = publish(demo_api, db["id"])
    stored = stored_log(demo_api, log).decode()
    result = ok(cloud.openstack("database", "log", "tail", db["name"], "general", "--lines", "5"))
    assert result.out.splitlines() == stored.splitlines()[-5:]


def test_save_writes_what_the_store_holds_and_never_overwrites(cloud, demo_api, db, tmp_path):
    target = tmp_path / "general.log"
    result = ok(cloud.openstack("database", "log", "save", db["name"], "general",
                                "--file", str(target)))
    assert result.out == f'Log "general" written to {target}\n'
    log = demo_api.logs.show(db["id"], "general")
    assert target.read_bytes() == stored_log(demo_api, log)
    target.write_text("mine\n")
    line = one_line_error(*cloud.openstack("database", "log", "save", db["id"], "general",
                                          "--file", str(target)))
    assert line == f"{target} exists; give --force to replace it."
    assert target.read_text() == "mine\n"
    ok(cloud.openstack("database", "log", "save", db["id"], "general", "--file", str(target),
                       "--force"))
    assert target.read_bytes() == stored_log(demo_api, log)
    assert [p.name for p in tmp_path.iterdir()] == ["general.log"]  # no temporary file left


def test_tail_follow_prints_new_parts_until_ctrl_c(cloud, demo_api, db):
    publish(demo_api, db["id"])
    follow = subprocess.Popen(
        [str(OPENSTACK), "--os-cloud", "local-demo", "database", "log", "tail", db["id"],
         "general", "--lines", "1", "--follow", "--interval", "0.3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cloud.env,
    )
    try:
        first = follow.stdout.readline()
        log = publish(demo_api, db["id"])
        newest = stored_log(demo_api, log).decode().splitlines()[-1]
        assert first.strip() != newest
        assert follow.stdout.readline().strip() == newest
        follow.send_signal(signal.SIGINT)
        out, err = follow.communicate(timeout=30)
    finally:
        follow.kill()
    assert follow.returncode == 0, err
    assert "Traceback" not in err and out == ""


# --- quotas --------------------------------------------------------------------


def test_quota_show_update_several_then_show(cloud, demo_api):
    project = demo_api.http.adapter.session.get_project_id()
    own = ok(cloud.openstack("database", "quota", "show", "-f", "json")).json()
    assert {row["Resource"] for row in own} == {"instances", "ram", "volumes", "backups"}
    assert set(own[0]) == {"Resource", "In Use", "Reserved", "Limit"}
    try:
        # Raised, not lowered: tests running beside this one create instances.
        updated = ok(cloud.openstack("database", "quota", "update", "demo", "--instances", "190",
                                     "--volumes", "550", "backups", "-1", "-f", "json",
                                     cloud="local-admin")).json()
        assert updated == {"instances": 190, "volumes": 550, "backups": -1}
        shown = ok(cloud.openstack("database", "quota", "show", project, "-f", "json",
                                   cloud="local-admin")).json()
        limits = {row["Resource"]: row["Limit"] for row in shown}
        assert limits["instances"] == 190 and limits["volumes"] == 550 and limits["backups"] == -1
    finally:
        cloud.api("local-admin").quotas.set(
            project, {"instances": 100, "volumes": 500, "backups": 100}
        )
    line = one_line_error(*cloud.openstack("database", "quota", "update", "demo", "disks", "3",
                                          cloud="local-admin"))
    assert line.startswith("Unknown quota resource 'disks'")


def test_quota_refusals_for_a_member(cloud):
    line = one_line_error(*cloud.openstack("database", "quota", "update", "demo", "instances", "5"))
    assert line.startswith("The cloud's policy refused updating the quotas of project 'demo'")
    line = one_line_error(*cloud.openstack("database", "quota", "show", "admin"))
    assert line.startswith("The cloud's policy refused showing the quotas of project 'admin'")


# --- datastore administration ----------------------------------------------------


def test_datastore_version_create_set_delete_then_datastore_delete(cloud, admin_api):
    store = name("store")
    image = next(iter(admin_api.mgmt_datastore_versions.list()))["image"]
    made = ok(cloud.openstack("datastore", "version", "create", "1.0", store, "mysql", image,
                              "--active", "--version-number", "1.0.3", "-f", "json",
                              cloud="local-admin")).json()
    assert (made["name"], made["datastore_name"], made["image"]) == ("1.0", store, image)
    assert made["active"] is True and made["version"] == "1.0.3"
    ok(cloud.openstack("datastore", "version", "set", "1.0", "--datastore", store,
                       "--disable", "--version-name", "1.1", "--image-tags", "trove,mysql",
                       cloud="local-admin"))
    rows = ok(cloud.openstack("datastore", "version", "list", "--all", "-f", "json",
                              cloud="local-admin")).json()
    mine = [row for row in rows if row["Datastore Name"] == store]
    assert [(row["ID"], row["Name"], row["Active"]) for row in mine] == [(made["id"], "1.1", False)]
    assert admin_api.mgmt_datastore_versions.get(made["id"])["image_tags"] == ["trove", "mysql"]
    ok(cloud.openstack("datastore", "version", "delete", made["id"], cloud="local-admin"))
    ok(cloud.openstack("datastore", "delete", store, cloud="local-admin"))
    assert store not in [row["name"] for row in admin_api.datastores.list()]


@pytest.mark.parametrize("argv", [
    ("datastore", "delete", "redis"),
    ("datastore", "version", "create", "9.9", "redis", "redis", "--image-tags", "redis"),
    ("datastore", "version", "set", "7.0", "--datastore", "redis", "--enable"),
    ("datastore", "version", "delete", "7.0", "--datastore", "redis"),
    ("datastore", "version", "list", "--all"),
])
def test_datastore_administration_refused_for_a_member(cloud, argv):
    line = one_line_error(*cloud.openstack(*argv))
    assert line.startswith("The cloud's policy refused "), line
    assert "an admin role is needed" in line
