"""database module ... and database instance list/set/remove/show module: requests sent,
files read and written."""

import base64
import errno
import os

import pytest

from osc_trove.commands import module_files
from tests.unit.helpers import IID

MID = "8f1a3c59-0c6e-4a8b-9d7f-1b2c3d4e5f60"
MID2 = "9a2b4c6d-1e3f-4a5b-8c7d-2e3f4a5b6c7d"
CONTENTS = b"key: \x00\xff\xfe binary\n"
ENCODED = base64.b64encode(CONTENTS).decode()


def module(module_id=MID, name="license", **extra):
    row = {
        "id": module_id, "name": name, "type": "ping", "description": None,
        "tenant_id": "p1", "tenant": "p1", "datastore_id": None, "datastore": "all",
        "datastore_version_id": None, "datastore_version": "all", "auto_apply": False,
        "priority_apply": False, "apply_order": 5, "is_admin": False,
        "md5": "0f343b0931126a20f133d67c2b018a3b", "visible": True,
        "created": "2026-01-01T00:00:00", "updated": "2026-01-01T00:00:00",
    }
    row.update(extra)
    return row


def guest_result(name="license", **extra):
    row = {
        "id": MID, "name": name, "type": "ping", "datastore": "mysql",
        "datastore_version": "5.7", "status": "OK", "message": "applied",
        "md5": "0f343b0931126a20f133d67c2b018a3b",
        "created": "2026-01-01T00:00:00", "updated": "2026-01-01T00:00:01",
    }
    row.update(extra)
    return row


def instances_body(*rows):
    return {"instances": [{"id": i, "name": n, "status": "ACTIVE"} for i, n in rows]}


@pytest.fixture
def module_file(tmp_path):
    path = tmp_path / "license.bin"
    path.write_bytes(CONTENTS)
    return path


def usage_error(trove, *argv):
    """argparse refuses the command line (exit 2) before anything is sent."""
    with pytest.raises(SystemExit) as exit_:
        trove.run(*argv)
    assert exit_.value.code == 2


def one_line(code, out, err):
    assert code == 1 and out == "", err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- create ------------------------------------------------------------------------------


def test_create_sends_file_bytes_base64(trove, module_file):
    trove.on("POST", "/modules", {"module": module()})
    shown = trove.run_json("database", "module", "create", "license", "ping", str(module_file))
    assert trove.requests == [("POST", "/modules")]
    assert trove.bodies() == [
        {"module": {"name": "license", "module_type": "ping", "contents": ENCODED}}
    ]
    assert base64.b64decode(trove.bodies()[0]["module"]["contents"]) == CONTENTS
    assert shown["id"] == MID and shown["datastore_version"] == "all"


def test_create_with_every_option(trove, module_file):
    trove.on("POST", "/modules", {"module": module()})
    code, out, err = trove.run(
        "database", "module", "create", "license", "ping", str(module_file),
        "--description", "a key", "--datastore", "mysql", "--datastore-version", "5.7",
        "--auto-apply", "--all-projects", "--hidden", "--live-update", "--priority-apply",
        "--apply-order", "0", "--full-access",
    )
    assert code == 0, err
    assert trove.bodies() == [{"module": {
        "name": "license", "module_type": "ping", "contents": ENCODED,
        "description": "a key", "datastore": {"type": "mysql", "version": "5.7"},
        "auto_apply": 1, "all_tenants": 1, "visible": 0, "live_update": 1,
        "priority_apply": 1, "apply_order": 0, "full_access": 1,
    }}]


def test_create_accepts_troveclient_spellings(trove, module_file):
    trove.on("POST", "/modules", {"module": module()})
    code, out, err = trove.run(
        "database", "module", "create", "license", "ping", str(module_file),
        "--datastore_version", "5.7", "--auto_apply", "--all_tenants", "--live_update",
        "--priority_apply", "--apply_order", "9", "--full_access",
    )
    assert code == 0, err
    body = trove.bodies()[0]["module"]
    assert body["datastore"] == {"version": "5.7"}
    assert [body[k] for k in ("auto_apply", "all_tenants", "live_update", "priority_apply",
                              "apply_order", "full_access")] == [1, 1, 1, 1, 9, 1]
    assert "visible" not in body


def test_create_missing_file_is_one_line_and_sends_nothing(trove, tmp_path):
    missing = tmp_path / "nope.dat"
    line = one_line(*trove.run("database", "module", "create", "m", "ping", str(missing)))
    assert line == f"Cannot read module file '{missing}': No such file or directory."
    assert trove.requests == []


def test_create_directory_or_empty_file_is_refused(trove, tmp_path):
    line = one_line(*trove.run("database", "module", "create", "m", "ping", str(tmp_path)))
    assert line == f"Cannot read module file '{tmp_path}': not a regular file (a directory)."
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    line = one_line(*trove.run("database", "module", "create", "m", "ping", str(empty)))
    assert line == f"Module file '{empty}' is empty: a module needs contents."
    assert trove.requests == []


@pytest.mark.timeout(10)
@pytest.mark.parametrize("special, kind", [("/dev/zero", "a character device"),
                                           ("fifo", "a named pipe")])
def test_create_from_a_device_or_a_pipe_is_refused_without_reading(trove, tmp_path, special,
                                                                   kind):
    # /dev/zero used to be read until memory ran out; a pipe with no writer blocked forever.
    if special == "fifo":
        special = tmp_path / "fifo"
        os.mkfifo(special)
    line = one_line(*trove.run("database", "module", "create", "m", "ping", str(special)))
    assert line == f"Cannot read module file '{special}': not a regular file ({kind})."
    assert trove.requests == []


def test_the_limit_is_16_mib_and_a_file_over_it_is_refused(trove, tmp_path, monkeypatch):
    assert module_files.MODULE_FILE_LIMIT == 16 * 1024 * 1024
    monkeypatch.setattr(module_files, "MODULE_FILE_LIMIT", 1024)
    big = tmp_path / "big.dat"
    big.write_bytes(b"k" * 1025)
    line = one_line(*trove.run("database", "module", "create", "m", "ping", str(big)))
    assert line == (f"Cannot read module file '{big}': it is larger than 1024 bytes, "
                    "the most osc-trove sends.")
    assert trove.requests == []
    big.write_bytes(b"k" * 1024)
    trove.run("database", "module", "create", "m", "ping", str(big))
    assert base64.b64decode(trove.bodies()[0]["module"]["contents"]) == b"k" * 1024


def test_create_unreadable_file_is_one_line(trove, module_file, monkeypatch):
    # The file is refused to the caller as a mode of 0 would refuse it (root,
    # as tests often run, reads any mode: the refusal is made here instead).
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path) == str(module_file):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    line = one_line(*trove.run("database", "module", "create", "m", "ping", str(module_file)))
    assert line == f"Cannot read module file '{module_file}': Permission denied."
    assert trove.requests == []


def test_create_bad_apply_order_sends_nothing(trove, module_file):
    usage_error(trove, "database", "module", "create", "m", "ping", str(module_file),
                "--apply-order", "10")
    assert trove.requests == []


def test_create_server_refusal_is_its_message(trove, module_file):
    trove.on("POST", "/modules", {"badRequest": {"code": 400, "message": "Module too big."}},
             status=400)
    line = one_line(*trove.run("database", "module", "create", "m", "ping", str(module_file)))
    assert line == "Module too big. (HTTP 400)"


# --- list / show -------------------------------------------------------------------------


def test_list_columns_and_datastore_filter(trove):
    trove.on("GET", "/modules?datastore=mysql", {"modules": [module(), module(MID2, "other")]})
    code, out, err = trove.run("database", "module", "list", "--datastore", "mysql",
                               "-f", "csv")
    assert code == 0, err
    assert trove.requests == [("GET", "/modules?datastore=mysql")]
    lines = out.splitlines()
    assert lines[0] == ('"ID","Name","Type","Datastore","Version","Auto Apply","Priority",'
                        '"Order","Admin","Tenant","Visible"')
    assert lines[1] == f'"{MID}","license","ping","all","all",False,False,5,False,"p1",True'
    assert len(lines) == 3


def test_list_follows_next_links(trove):
    trove.mocker.get(
        "http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/modules",
        [
            {"json": {"modules": [module()], "links": [
                {"rel": "next", "href": "https://x/v1.0/p/modules?marker=" + MID}]}},
            {"json": {"modules": [module(MID2, "other")]}},
        ],
    )
    rows = trove.run_json("database", "module", "list")
    assert [r["Name"] for r in rows] == ["license", "other"]
    assert trove.requests == [("GET", "/modules"), ("GET", f"/modules?marker={MID}")]


def test_show_by_name_gets_the_detailed_module(trove):
    trove.on("GET", "/modules", {"modules": [module()]})
    trove.on("GET", f"/modules/{MID}", {"module": module(live_update=False, instance_count=2)})
    shown = trove.run_json("database", "module", "show", "license")
    assert trove.requests == [("GET", "/modules"), ("GET", f"/modules/{MID}")]
    assert shown["instance_count"] == 2 and shown["live_update"] is False


def test_show_unknown_module_is_one_line(trove):
    trove.on("GET", "/modules", {"modules": [module()]})
    line = one_line(*trove.run("database", "module", "show", "nope"))
    assert line == "No module with a name or ID of 'nope' exists."


# --- set ---------------------------------------------------------------------------------


def test_set_every_change(trove, module_file):
    trove.on("PUT", f"/modules/{MID}", {"module": module(name="renamed")})
    code, out, err = trove.run(
        "database", "module", "set", MID, "--name", "renamed", "--type", "ping",
        "--file", str(module_file), "--description", "d", "--all-datastores",
        "--all-datastore-versions", "--no-auto-apply", "--no-all-projects", "--visible",
        "--no-live-update", "--no-priority-apply", "--apply-order", "3", "--no-full-access",
        "-f", "json",
    )
    assert code == 0, err
    assert trove.requests == [("PUT", f"/modules/{MID}")]
    assert trove.bodies() == [{"module": {
        "name": "renamed", "module_type": "ping", "contents": ENCODED, "description": "d",
        "all_datastores": 1, "all_datastore_versions": 1, "auto_apply": 0, "all_tenants": 0,
        "visible": 1, "live_update": 0, "priority_apply": 0, "apply_order": 3,
        "full_access": 0,
    }}]
    assert '"name": "renamed"' in out


def test_set_by_name_with_datastore_and_hidden(trove):
    trove.on("GET", "/modules", {"modules": [module()]})
    trove.on("PUT", f"/modules/{MID}", {"module": module()})
    usage_error(trove, "database", "module", "set", "license", "--hidden", "--no_hidden")
    code, out, err = trove.run(
        "database", "module", "set", "license", "--datastore", "mysql",
        "--datastore-version", "5.7", "--hidden", "--auto_apply",
    )
    assert code == 0, err
    assert trove.bodies() == [{"module": {
        "datastore": {"type": "mysql", "version": "5.7"}, "visible": 0, "auto_apply": 1,
    }}]


def test_set_refuses_datastore_with_all_datastores(trove):
    usage_error(trove, "database", "module", "set", MID, "--datastore", "mysql",
                "--all-datastores")
    assert trove.requests == []


def test_set_missing_file_sends_nothing(trove, tmp_path):
    line = one_line(*trove.run("database", "module", "set", MID, "--file",
                               str(tmp_path / "gone")))
    assert line.startswith("Cannot read module file")
    assert trove.requests == []


# --- delete / reapply / count --------------------------------------------------------------


def test_delete_several_reports_each_failure(trove):
    trove.on("GET", "/modules", {"modules": [module()]})
    trove.on("DELETE", f"/modules/{MID}", status=200)
    code, out, err = trove.run("database", "module", "delete", "license", "ghost")
    assert code == 1
    assert err.splitlines() == [
        "Failed to delete module 'ghost': No module with a name or ID of 'ghost' exists.",
        "1 of 2 modules failed to delete.",
    ]
    assert ("DELETE", f"/modules/{MID}") in trove.requests


def test_reapply_every_option(trove):
    trove.on("PUT", f"/modules/{MID}/instances", status=202)
    code, out, err = trove.run(
        "database", "module", "reapply", MID, "--md5", "abc", "--include-clustered",
        "--batch-size", "10", "--delay", "0", "--force",
    )
    assert code == 0, err
    assert trove.requests == [("PUT", f"/modules/{MID}/instances")]
    assert trove.bodies() == [{"reapply": {
        "md5": "abc", "include_clustered": 1, "batch_size": 10, "batch_delay": 0, "force": 1,
    }}]


def test_reapply_without_options_and_bad_values(trove):
    trove.on("PUT", f"/modules/{MID}/instances", status=202)
    assert trove.run("database", "module", "reapply", MID, "--include_clustered",
                     "--batch_size", "2")[0] == 0
    assert trove.bodies() == [{"reapply": {"include_clustered": 1, "batch_size": 2}}]
    usage_error(trove, "database", "module", "reapply", MID, "--delay", "-1")
    usage_error(trove, "database", "module", "reapply", MID, "--batch-size", "0")
    assert trove.requests == [("PUT", f"/modules/{MID}/instances")]


def test_instance_count(trove):
    trove.on("GET", f"/modules/{MID}/instances?count_only=true&include_clustered=true",
             {"instances": [{
                 "module_name": "license", "module_id": MID, "module_md5": "abc",
                 "instance_count": 3, "current": True,
                 "min_updated_date": "2026-01-01T00:00:00",
                 "max_updated_date": "2026-01-02T00:00:00"}]})
    code, out, err = trove.run("database", "module", "instance", "count", MID,
                               "--include-clustered", "-f", "csv")
    assert code == 0, err
    assert out.splitlines() == [
        '"Module Name","Min Updated Date","Max Updated Date","Module MD5","Current","Count"',
        '"license","2026-01-01T00:00:00","2026-01-02T00:00:00","abc",True,3',
    ]


# --- instances and modules ---------------------------------------------------------------


def test_list_instance_modules_by_instance_name(trove):
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("GET", f"/instances/{IID}/modules", {"modules": [guest_result()]})
    code, out, err = trove.run("database", "module", "list", "instance", "db1", "-f", "csv")
    assert code == 0, err
    assert trove.requests == [("GET", "/instances"), ("GET", f"/instances/{IID}/modules")]
    assert out.splitlines() == [
        '"ID","Name","Type","Md5","Created","Updated"',
        f'"{MID}","license","ping","0f343b0931126a20f133d67c2b018a3b",'
        '"2026-01-01T00:00:00","2026-01-01T00:00:01"',
    ]


def test_query_and_its_status_form(trove):
    trove.on("GET", f"/instances/{IID}/modules?from_guest=true", {"modules": [guest_result()]})
    header = '"Name","Type","Datastore","Version","Status","Message","Created","Updated"'
    row = '"license","ping","mysql","5.7","OK","applied","2026-01-01T00:00:00",' \
          '"2026-01-01T00:00:01"'
    for argv in (("module", "query", IID), ("instance", "list", "module", IID, "--status")):
        code, out, err = trove.run("database", *argv, "-f", "csv")
        assert code == 0, err
        assert out.splitlines() == [header, row]
    assert trove.requests == [("GET", f"/instances/{IID}/modules?from_guest=true")] * 2


def test_status_form_refuses_module_list_options(trove):
    line = one_line(*trove.run("database", "instance", "list", "module", IID, "--status",
                               "--limit", "2"))
    assert line == "--status cannot go with --include-clustered, --limit or --marker."
    assert trove.requests == []


def test_query_unknown_instance_is_one_line(trove):
    trove.on("GET", "/instances", instances_body())
    line = one_line(*trove.run("database", "module", "query", "nope"))
    assert line == "No instance with a name or ID of 'nope' exists."
    gone = {"itemNotFound": {"code": 404, "message": "not found"}}
    trove.on("GET", f"/instances/{IID}/modules?from_guest=true", gone, status=404)
    trove.on("GET", f"/instances/{IID}", gone, status=404)
    line = one_line(*trove.run("database", "module", "query", IID))
    assert line == f"No instance with a name or ID of '{IID}' exists."


def test_instance_list_module_every_page(trove):
    trove.on("GET", "/modules", {"modules": [module()]})
    first = {"instances": [{"id": IID, "name": "db1", "status": "ACTIVE",
                            "datastore": {"type": "mysql", "version": "5.7"},
                            "flavor": {"id": "1"}, "volume": {"size": 1}}],
             "links": [{"rel": "next", "href": f"https://x/v1.0/p/modules/{MID}/instances"
                        f"?include_clustered=true&marker={IID}"}]}
    second = {"instances": [{"id": "i2", "name": "db2", "status": "BUILD"}]}
    trove.mocker.get(f"http://trove.test/v1.0/9f8dd5eacb074c9f87d2d822c9092aa5/modules/{MID}"
                     "/instances", [{"json": first}, {"json": second}])
    rows = trove.run_json("database", "instance", "list", "module", "license",
                          "--include-clustered")
    assert trove.requests == [
        ("GET", "/modules"),
        ("GET", f"/modules/{MID}/instances?include_clustered=true"),
        ("GET", f"/modules/{MID}/instances?include_clustered=true&marker={IID}"),
    ]
    assert [(r["ID"], r["Datastore"], r["Datastore Version"], r["Flavor ID"], r["Size"])
            for r in rows] == [(IID, "mysql", "5.7", "1", 1), ("i2", None, None, None, "-")]


def test_instance_list_module_limit_and_marker(trove):
    trove.on("GET", f"/modules/{MID}/instances?marker={IID}&limit=1",
             {"instances": [{"id": "i2", "name": "db2"}]})
    rows = trove.run_json("database", "instance", "list", "module", MID, "--marker", IID,
                          "--limit", "1")
    assert [r["ID"] for r in rows] == ["i2"]


def test_instance_set_module_by_names(trove):
    trove.on("GET", "/modules", {"modules": [module(), module(MID2, "other")]})
    trove.on("GET", "/instances", instances_body((IID, "db1")))
    trove.on("POST", f"/instances/{IID}/modules",
             {"modules": [guest_result(), guest_result("other")]})
    code, out, err = trove.run("database", "instance", "set", "module", "db1", "license",
                               MID2, "-f", "csv")
    assert code == 0, err
    assert trove.bodies() == [{"modules": [{"id": MID}, {"id": MID2}]}]
    assert out.splitlines()[0] == '"Name","Type","Datastore","Version","Status","Message"'
    assert out.splitlines()[1] == '"license","ping","mysql","5.7","OK","applied"'


def test_instance_set_unknown_module_sends_no_apply(trove):
    trove.on("GET", "/modules", {"modules": [module()]})
    line = one_line(*trove.run("database", "instance", "set", "module", IID, "ghost"))
    assert line == "No module with a name or ID of 'ghost' exists."
    assert trove.requests == [("GET", "/modules")]


def test_instance_remove_module(trove):
    trove.on("GET", "/modules", {"modules": [module()]})
    trove.on("DELETE", f"/instances/{IID}/modules/{MID}", status=200)
    code, out, err = trove.run("database", "instance", "remove", "module", IID, "license")
    assert code == 0, err
    assert trove.requests == [("GET", "/modules"), ("DELETE", f"/instances/{IID}/modules/{MID}")]


# --- instance show module: files ---------------------------------------------------------

RETRIEVE = f"/instances/{IID}/modules?from_guest=true&include_contents=true"


def test_show_module_writes_exact_bytes(trove, tmp_path):
    trove.on("GET", RETRIEVE, {"modules": [guest_result(contents=ENCODED)]})
    target = tmp_path / "out"
    rows = trove.run_json("database", "instance", "show", "module", IID,
                          "--directory", str(target), "--prefix", "run1")
    path = target / "run1_license_mysql_5.7.dat"
    assert rows == [{"Module": "license", "File": str(path)}]
    assert path.read_bytes() == CONTENTS
    assert os.listdir(target) == [path.name]


def test_show_module_never_overwrites_without_force(trove, tmp_path):
    trove.on("GET", RETRIEVE, {"modules": [guest_result(contents=ENCODED),
                                           guest_result("b", contents=ENCODED)]})
    kept = tmp_path / "license_mysql_5.7.dat"
    kept.write_bytes(b"mine")
    line = one_line(*trove.run("database", "instance", "show", "module", IID,
                               "--directory", str(tmp_path)))
    assert line == f"'{kept}' already exists (1 of 2 files); use --force to overwrite."
    assert kept.read_bytes() == b"mine"
    assert sorted(os.listdir(tmp_path)) == [kept.name]  # nothing else written either
    code, out, err = trove.run("database", "instance", "show", "module", IID,
                               "--directory", str(tmp_path), "--force")
    assert code == 0, err
    assert kept.read_bytes() == CONTENTS


def test_show_module_force_replaces_a_symlink_without_following_it(trove, tmp_path):
    trove.on("GET", RETRIEVE, {"modules": [guest_result(contents=ENCODED)]})
    outside = tmp_path / "precious"
    outside.write_bytes(b"keep me")
    inside = tmp_path / "dir"
    inside.mkdir()
    (inside / "license_mysql_5.7.dat").symlink_to(outside)
    code, out, err = trove.run("database", "instance", "show", "module", IID,
                               "--directory", str(inside), "--force")
    assert code == 0, err
    assert outside.read_bytes() == b"keep me"
    assert (inside / "license_mysql_5.7.dat").read_bytes() == CONTENTS


def test_show_module_unsafe_names_stay_in_the_directory(trove, tmp_path):
    trove.on("GET", RETRIEVE, {"modules": [
        guest_result("../escape", contents=ENCODED),
        guest_result("a/b", id=MID2, contents=ENCODED),
    ]})
    target = tmp_path / "d"
    rows = trove.run_json("database", "instance", "show", "module", IID,
                          "--directory", str(target), "--prefix", "../p")
    assert sorted(os.listdir(target)) == sorted(
        ["_._p_.._escape_mysql_5.7.dat", "_._p_a_b_mysql_5.7.dat"]
    )
    assert os.listdir(tmp_path) == ["d"]
    assert {r["Module"] for r in rows} == {"../escape", "a/b"}


def test_show_module_colliding_names_get_ids(trove, tmp_path):
    trove.on("GET", RETRIEVE, {"modules": [
        guest_result("a/b", contents=ENCODED),
        guest_result("a_b", id=MID2, contents=ENCODED),
    ]})
    trove.run_json("database", "instance", "show", "module", IID, "--directory", str(tmp_path))
    assert sorted(os.listdir(tmp_path)) == sorted(
        [f"a_b_mysql_5.7_{MID}.dat", f"a_b_mysql_5.7_{MID2}.dat"]
    )


def test_show_module_without_contents_or_with_bad_contents(trove, tmp_path):
    trove.on("GET", RETRIEVE, {"modules": [guest_result(contents=None)]})
    code, out, err = trove.run("database", "instance", "show", "module", IID,
                               "--directory", str(tmp_path), "-f", "json")
    assert code == 0 and out.strip() == "[]"
    assert err == "Module 'license' has no contents to write.\n"
    trove.on("GET", RETRIEVE, {"modules": [guest_result(contents="@@not base64@@")]})
    line = one_line(*trove.run("database", "instance", "show", "module", IID,
                               "--directory", str(tmp_path)))
    assert "not base64" in line
    assert os.listdir(tmp_path) == []
