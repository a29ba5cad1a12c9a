"""Module commands, run as a user runs them, against the local cloud.

One instance, made over the API, is shared by this file; the module made here
carries the run's unique prefix and is removed at the end.
"""

import base64
import hashlib
import time

import pytest
from osc_lib import exceptions

from osc_trove.cli import wait
from tests.functional.helpers import made_instance, ok, one_line_error, quiet_wait, run_names

name = run_names("fm")
# A NUL byte and bytes that are not UTF-8: the file must travel as bytes.
CONTENTS = b"license\x00key=\xff\xfe\x80 end\n"



@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, name("db"),
                       datastore={"type": "mysql", "version": "5.7"}) as row:
        yield row


@pytest.fixture(scope="module")
def module_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("module") / "license.bin"
    path.write_bytes(CONTENTS)
    return path


def guest_modules(api, instance_id):
    return list(api.instance_modules.list(instance_id, from_guest=True))


def test_module_life_cycle(cloud, demo_api, instance, module_file, tmp_path):
    created = ok(cloud.openstack(
        "database", "module", "create", name("mod"), "ping", str(module_file),
        "--datastore", "mysql", "--datastore-version", "5.7", "--live-update",
        "--description", "a key", "-f", "json",
    )).json()
    module_id = created["id"]
    try:
        # Trove's md5 is that of the base64 text it received: the file's bytes, encoded.
        assert created["md5"] == hashlib.md5(base64.b64encode(CONTENTS)).hexdigest()
        assert (created["datastore"], created["datastore_version"]) == ("mysql", "5.7")
        assert created["live_update"] is True

        listed = ok(cloud.openstack("database", "module", "list", "--datastore", "mysql",
                                    "-f", "json")).json()
        assert [(r["ID"], r["Version"]) for r in listed if r["Name"] == name("mod")] == [
            (module_id, "5.7")
        ]
        shown = ok(cloud.openstack("database", "module", "show", name("mod"),
                                   "-f", "json")).json()
        # A name costs a list, then the GET that adds live_update and instance_count
        # (Trove 26 always says 2 there: it counts a (rows, marker) pair).
        assert shown["id"] == module_id and "instance_count" in shown

        applied = ok(cloud.openstack("database", "instance", "set", "module", name("db"),
                                     name("mod"), "-f", "json")).json()
        assert [(r["Name"], r["Status"]) for r in applied] == [(name("mod"), "OK")]

        query = ok(cloud.openstack("database", "module", "query", name("db"),
                                   "-f", "json")).json()
        assert [(r["Name"], r["Status"], r["Version"]) for r in query] == [
            (name("mod"), "OK", "5.7")
        ]
        status = ok(cloud.openstack("database", "instance", "list", "module", name("db"),
                                    "--status", "-f", "json")).json()
        assert status == query

        out = tmp_path / "retrieved"
        written = ok(cloud.openstack("database", "instance", "show", "module", name("db"),
                                     "--directory", str(out), "-f", "json")).json()
        path = out / f"{name('mod')}_mysql_5.7.dat"
        assert written == [{"Module": name("mod"), "File": str(path)}]
        assert path.read_bytes() == CONTENTS
        refused = one_line_error(*cloud.openstack(
            "database", "instance", "show", "module", name("db"), "--directory", str(out)))
        assert refused == f"'{path}' already exists (1 of 1 files); use --force to overwrite."

        on_instance = ok(cloud.openstack("database", "module", "list", "instance",
                                         instance["id"], "-f", "json")).json()
        assert [r["ID"] for r in on_instance] == [module_id]
        members = ok(cloud.openstack("database", "instance", "list", "module", name("mod"),
                                     "-f", "json")).json()
        assert [r["ID"] for r in members] == [instance["id"]]
        counted = ok(cloud.openstack("database", "module", "instance", "count", module_id,
                                     "-f", "json")).json()
        assert [(r["Module MD5"], r["Count"], r["Current"]) for r in counted] == [
            (created["md5"], 1, True)
        ]

        # The task manager re-applies in the background: the guest's result gets a
        # new `updated` time (whole seconds, hence the pause).
        before = guest_modules(demo_api, instance["id"])[0]["updated"]
        time.sleep(1.1)
        ok(cloud.openstack("database", "module", "reapply", name("mod"), "--force",
                           "--batch-size", "5", "--delay", "0"))
        quiet_wait(lambda: guest_modules(demo_api, instance["id"])[0],
                   lambda result: result["updated"] != before)

        ok(cloud.openstack("database", "module", "set", name("mod"), "--description",
                           "changed", "--apply-order", "2"))
        changed = demo_api.modules.get(module_id)
        assert (changed["description"], changed["apply_order"]) == ("changed", 2)

        ok(cloud.openstack("database", "instance", "remove", "module", name("db"),
                           name("mod")))
        assert list(demo_api.instance_modules.list(instance["id"])) == []
    finally:
        try:
            demo_api.instance_modules.delete(instance["id"], module_id)
        except exceptions.ClientException:
            pass
    ok(cloud.openstack("database", "module", "delete", name("mod"), "--wait",
                       "--wait-timeout", "60"))
    with pytest.raises(exceptions.NotFound):
        demo_api.modules.get(module_id)


def test_missing_module_file_is_one_line(cloud, tmp_path):
    missing = tmp_path / "nope.dat"
    line = one_line_error(*cloud.openstack("database", "module", "create", name("x"), "ping",
                                          str(missing)))
    assert line == f"Cannot read module file '{missing}': No such file or directory."


def test_unknown_module_is_one_line(cloud):
    line = one_line_error(*cloud.openstack("database", "module", "show", name("ghost")))
    assert line == f"No module with a name or ID of '{name('ghost')}' exists."


# What stock Trove 21.0.0 and later make of an admin's module list (see osc_trove.api.quirks).
ADMIN_MODULE_LIST = (
    "Trove answered 500 Internal Server Error to the module list, as Trove 21.0.0 and later "
    "do for every admin (a fault of Trove); give the module by its ID, or list modules as a "
    "user without the admin role (HTTP 500)"
)


def test_admin_options_and_hidden_module(cloud, module_file):
    """Admin-only options; a hidden module for every project stays out of users' lists."""
    created = ok(cloud.openstack(
        "database", "module", "create", name("adm"), "ping", str(module_file),
        "--all-projects", "--hidden", "--priority-apply", "--apply-order", "1",
        "-f", "json", cloud="local-admin",
    )).json()
    try:
        assert (created["tenant"], created["visible"], created["is_admin"]) == ("all", False, True)
        shown = ok(cloud.openstack("database", "module", "show", created["id"], "-f", "json",
                                   cloud="local-admin")).json()
        assert (shown["priority_apply"], shown["apply_order"]) == (True, 1)
        seen = ok(cloud.openstack("database", "module", "list", "-f", "json")).json()
        assert created["id"] not in [r["ID"] for r in seen]
        # An admin's list, and so every lookup by name, fails on stock Trove.
        line = one_line_error(*cloud.openstack("database", "module", "list",
                                              cloud="local-admin"))
        assert line == ADMIN_MODULE_LIST
        refused = cloud.openstack("database", "module", "delete", name("adm"),
                                  cloud="local-admin")
        assert refused.code == 1 and "Traceback" not in refused.err, refused
        assert refused.err.splitlines() == [
            f"Failed to delete module '{name('adm')}': {ADMIN_MODULE_LIST}",
            "1 of 1 module failed to delete.",
        ]
    finally:
        ok(cloud.openstack("database", "module", "delete", created["id"], cloud="local-admin"))


def test_admin_applies_by_id_and_removes_by_name(cloud, admin_api, module_file):
    """An admin applies a module by ID (by name it cannot be found), and removes it by
    name: osc-trove finds it among the instance's modules."""
    created = ok(cloud.openstack(
        "database", "module", "create", name("adm-apply"), "ping", str(module_file),
        "-f", "json", cloud="local-admin",
    )).json()
    row = admin_api.instances.create(name=name("adm-db"), flavorRef="1", volume={"size": 1})
    try:
        quiet_wait(lambda: admin_api.instances.get(row["id"]), wait.status_in("ACTIVE"))
        line = one_line_error(*cloud.openstack("database", "instance", "set", "module",
                                              name("adm-db"), name("adm-apply"),
                                              cloud="local-admin"))
        assert line == ADMIN_MODULE_LIST
        ok(cloud.openstack("database", "instance", "set", "module", name("adm-db"),
                           created["id"], cloud="local-admin"))
        ok(cloud.openstack("database", "instance", "remove", "module", name("adm-db"),
                           name("adm-apply"), cloud="local-admin"))
        assert list(admin_api.instance_modules.list(row["id"])) == []
    finally:
        admin_api.instances.delete(row["id"])
        ok(cloud.openstack("database", "module", "delete", created["id"], "--wait",
                           "--wait-timeout", "60", cloud="local-admin"))
