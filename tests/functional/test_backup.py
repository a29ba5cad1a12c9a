"""Backup commands, run as a user runs them, against the local cloud.

One instance, made over the API, is shared by this module; every backup made
here carries the run's unique prefix and is deleted at the end.
"""


import pytest

from osc_trove.cli import wait
from tests.functional.helpers import made_instance, ok, one_line_error, quiet_wait, run_names

name = run_names("fb")
TIMEOUT = "60"



@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, name("db")) as row:
        yield row
        for b in list(demo_api.instance_backups.list(row["id"])):
            try:
                demo_api.backups.delete(b["id"])
            except Exception:
                pass


@pytest.fixture(scope="module")
def completed(cloud, instance):
    """A backup made by `backup create --wait` (by the instance's name)."""
    result = ok(cloud.openstack(
        "database", "backup", "create", name("db"), name("full"),
        "--description", "nightly", "--wait", "--wait-timeout", TIMEOUT, "-f", "json",
    ))
    return result.json()


def test_create_wait_completes(completed, instance):
    assert completed["status"] == "COMPLETED"
    assert completed["name"] == name("full")
    assert completed["instance_id"] == instance["id"]
    assert completed["description"] == "nightly"


def test_list_and_list_filtered_by_instance(cloud, completed, instance):
    everything = ok(cloud.openstack("database", "backup", "list", "-f", "json")).json()
    assert completed["id"] in [r["ID"] for r in everything]
    filtered = ok(cloud.openstack(
        "database", "backup", "list", "--instance", name("db"), "-f", "json"
    )).json()
    assert {r["Instance ID"] for r in filtered} == {instance["id"]}
    assert completed["id"] in [r["ID"] for r in filtered]
    per_instance = ok(cloud.openstack(
        "database", "backup", "list", "instance", instance["id"], "-f", "json"
    )).json()
    assert completed["id"] in [r["ID"] for r in per_instance]
    positional = ok(cloud.openstack(
        "database", "backup", "list", name("db"), "-f", "json"
    )).json()
    assert [r["ID"] for r in positional] == [r["ID"] for r in per_instance]


def test_show_by_name_and_id(cloud, completed):
    by_name = ok(cloud.openstack("database", "backup", "show", name("full"), "-f", "json")).json()
    by_id = ok(cloud.openstack("database", "backup", "show", completed["id"], "-f", "json")).json()
    assert by_name["id"] == by_id["id"] == completed["id"]
    assert by_id["status"] == "COMPLETED"


def test_failing_backup_is_one_line_error(cloud, instance, demo_api):
    result = cloud.openstack(
        "database", "backup", "create", instance["id"], "FAIL",
        "--wait", "--wait-timeout", TIMEOUT, "-f", "json",
    )
    assert result.code == 1 and result.out == "", result
    assert "Traceback" not in result.err
    *progress, error = result.err.strip().splitlines()
    # --wait's progress lines, then one line of error.
    assert all(line.startswith("backup FAIL: ") for line in progress), result
    assert error.startswith("backup FAIL went to FAILED after"), result


def test_delete_wait_removes_it(cloud, instance, completed, demo_api):
    # The documented form: <name> --instance <instance>.
    made = ok(cloud.openstack(
        "database", "backup", "create", name("gone"), "--instance", instance["id"],
        "--wait", "--wait-timeout", TIMEOUT, "-f", "json",
    )).json()
    assert (made["status"], made["instance_id"]) == ("COMPLETED", instance["id"])
    ok(cloud.openstack(
        "database", "backup", "delete", name("gone"), "--wait", "--wait-timeout", TIMEOUT
    ))
    error = one_line_error(*cloud.openstack("database", "backup", "show", made["id"]))
    assert "No backup with a name or ID of" in error or "not be found" in error


def test_deleting_a_running_backup_says_wait_for_it(cloud, instance, demo_api):
    """Stock Trove 25.0.0 and later answer 500 (and delete nothing) where earlier
    releases refuse with 422; osc-trove says what to do."""
    made = demo_api.backups.create(name=name("run") + "_SLOW", instance=instance["id"])
    quiet_wait(lambda: demo_api.backups.get(made["id"]), wait.status_in("BUILDING"))
    result = cloud.openstack("database", "backup", "delete", made["id"])
    assert result.code == 1 and result.out == "" and "Traceback" not in result.err, result
    assert result.err.strip().splitlines() == [
        f"Failed to delete backup '{made['id']}': Trove answered 500 Internal Server Error to "
        f"deleting backup {made['id']}, which is running (BUILDING): Trove 25.0.0 and later "
        "fail so for a running backup (a fault of Trove) and delete nothing; wait until the "
        "backup is COMPLETED or FAILED, then delete it (HTTP 500)",
        "1 of 1 backup failed to delete.",
    ]
    done = quiet_wait(lambda: demo_api.backups.get(made["id"]), wait.status_in("COMPLETED"))
    assert done["id"] == made["id"]
    quiet_wait(lambda: demo_api.instances.get(instance["id"]), wait.status_in("ACTIVE"))
    ok(cloud.openstack("database", "backup", "delete", made["id"], "--wait",
                       "--wait-timeout", TIMEOUT))


def test_restore_from_another_clouds_backup_data(cloud, completed, demo_api):
    """--restore-from registers a backup from its data's URL (here: the local object store)."""
    location = demo_api.backups.get(completed["id"])["locationRef"]
    restored = ok(cloud.openstack(
        "database", "backup", "create", name("moved"), "--restore-from", location,
        "--restore-datastore-version", completed["datastore_version"],
        "--restore-size", str(completed["size"]), "--wait", "-f", "json",
    )).json()
    try:
        assert restored["status"] == "RESTORED" and restored["instance_id"] is None
        assert restored["datastore_version_id"] == completed["datastore_version_id"]
        assert demo_api.backups.get(restored["id"])["locationRef"] == location
        missing = location.rsplit("/", 1)[0] + "/nothing-here.xbstream.gz.enc"
        line = one_line_error(*cloud.openstack(
            "database", "backup", "create", name("nowhere"), "--restore-from", missing,
            "--restore-datastore-version", completed["datastore_version_id"],
            "--restore-size", "1",
        ))
        assert "Failed to restore backup from" in line
    finally:
        demo_api.backups.delete(restored["id"])  # tied to no instance: nothing else would


def test_unknown_backup_is_one_line(cloud):
    error = one_line_error(*cloud.openstack("database", "backup", "show", name("nope")))
    assert error == f"No backup with a name or ID of '{name('nope')}' exists."
    result = cloud.openstack("database", "backup", "delete", name("nope"))
    assert result.code == 1 and result.out == "" and "Traceback" not in result.err, result
    assert result.err.strip().splitlines() == [
        f"Failed to delete backup '{name('nope')}': "
        f"No backup with a name or ID of '{name('nope')}' exists.",
        "1 of 1 backup failed to delete.",
    ]


def test_strategy_create_list_delete_for_an_instance(cloud, instance):
    made = ok(cloud.openstack(
        "database", "backup", "strategy", "create", "--instance", name("db"),
        "--swift-container", name("bucket"), "-f", "json",
    )).json()
    assert made["instance_id"] == instance["id"] and made["swift_container"] == name("bucket")
    listed = ok(cloud.openstack(
        "database", "backup", "strategy", "list", "--instance", instance["id"], "-f", "json"
    )).json()
    assert [r["Swift Container"] for r in listed] == [name("bucket")]
    ok(cloud.openstack("database", "backup", "strategy", "delete", "--instance", name("db")))
    listed = ok(cloud.openstack(
        "database", "backup", "strategy", "list", "--instance", instance["id"], "-f", "json"
    )).json()
    assert listed == []
