"""The output contract with python-troveclient 8.11.0, command by command.

Scripts written against python-troveclient's `openstack database ...`
commands read its show fields (attribute names) and list columns (titles),
and expect its value shapes (`flavor` an ID, `volume` a size). Every field it
prints must be printed here under the same name; extra fields are welcome.
docs/troveclient-parity.md lists the same fields beside troveclient's.
"""

import json

import pytest

from tests.unit.conftest import PROJECT_ID, sample
from tests.unit.helpers import FLAVORS, IID

BID = "a9832168-7541-4536-b8d9-a8a9b79cf1b4"


def _instance():
    body = sample("instance-show-response.json")
    body["instance"]["id"] = IID
    return body


def _backup():
    body = sample("backup-get-response.json")
    body["backup"]["id"] = BID
    return body


def _version_id():
    return sample("datastore-version-show-response.json")["version"]["id"]


# (argv, {path: answer}, the fields python-troveclient prints)
SHOWS = [
    (["database", "instance", "show", IID], {f"/instances/{IID}": _instance},
     ["id", "name", "status", "flavor", "volume", "datastore", "datastore_version",
      "datastore_version_number", "addresses", "ip", "created", "updated"]),
    (["database", "backup", "show", BID], {f"/backups/{BID}": _backup},
     ["id", "name", "status", "datastore", "datastore_version", "datastore_version_id",
      "instance_id", "locationRef", "size", "created", "updated", "description", "parent_id"]),
    (["database", "flavor", "show", "2"], {"/flavors": lambda: FLAVORS},
     ["id", "name", "ram", "vcpus", "disk", "ephemeral"]),
    (["datastore", "show", "postgresql"],
     {"/datastores/postgresql": lambda: sample("datastore-show-response.json")},
     ["id", "name", "versions (id)"]),
    (["datastore", "version", "show", _version_id()],
     {f"/datastores/versions/{_version_id()}":
      lambda: sample("datastore-version-show-response.json")},
     ["id", "name", "datastore", "active", "image", "packages"]),
    (["database", "root", "show", IID],
     {f"/instances/{IID}/root": lambda: sample("user-check-root-response.json")},
     ["is_root_enabled"]),
    (["database", "user", "show", IID, "dbuser1"],
     {f"/instances/{IID}/users/dbuser1": lambda: sample("user-show-response.json")},
     ["name", "host", "databases"]),
    (["database", "instance", "ssl", "show", IID],
     {f"/instances/{IID}/ssl": lambda: sample("instance-ssl-show-response.json")},
     ["status", "mode", "certificate.cn", "certificate.expire_at", "certificate.san"]),
]

LISTS = [
    (["database", "instance", "list"],
     {"/instances": lambda: sample("instance-list-response.json")},
     ["ID", "Name", "Datastore", "Datastore Version", "Status", "Operating Status", "Public",
      "Addresses", "Flavor ID", "Size", "Role"]),
    (["database", "instance", "list", "--all-projects"],
     {"/mgmt/instances": lambda: sample("instance-mgmt-list-response.json")},
     ["ID", "Name", "Datastore", "Datastore Version", "Status", "Operating Status", "Public",
      "Addresses", "Flavor ID", "Size", "Role", "Server ID", "Tenant ID"]),
    (["database", "backup", "list"], {"/backups": lambda: {"backups": [_backup()["backup"]]}},
     ["ID", "Instance ID", "Name", "Status", "Parent ID", "Updated", "Project ID"]),
    (["database", "backup", "list", "instance", IID],
     {f"/instances/{IID}/backups": lambda: {"backups": [_backup()["backup"]]}},
     ["ID", "Instance ID", "Name", "Status", "Parent ID", "Updated"]),
    (["database", "backup", "strategy", "list"],
     {"/backup_strategies": lambda: sample("backup-strategy-list-response.json")},
     ["Project ID", "Instance ID", "Swift Container"]),
    (["database", "flavor", "list"], {"/flavors": lambda: FLAVORS},
     ["ID", "Name", "RAM", "vCPUs", "Disk", "Ephemeral"]),
    (["datastore", "list"], {"/datastores": lambda: sample("datastore-list-response.json")},
     ["ID", "Name"]),
    (["datastore", "version", "list", "mysql"],
     {"/datastores/mysql/versions": lambda: sample("datastore-version-list-response.json")},
     ["ID", "Name", "Version"]),
    (["database", "limit", "list"], {"/limits": lambda: sample("limit-show-response.json")},
     ["Value", "Verb", "Remaining", "Unit"]),
    (["database", "db", "list", IID],
     {f"/instances/{IID}/databases": lambda: sample("databases-list-response.json")},
     ["Name"]),
    (["database", "user", "list", IID],
     {f"/instances/{IID}/users": lambda: sample("user-list-response.json")},
     ["Name", "Host", "Databases"]),
    (["database", "user", "show", "access", IID, "dbuser1"],
     {f"/instances/{IID}/users/dbuser1/databases":
      lambda: {"databases": [{"name": "databaseA"}]}},
     ["Name"]),
    (["database", "log", "list", IID],
     {f"/instances/{IID}/log": lambda: {"logs": [
         {"name": "general", "type": "USER", "status": "Disabled", "published": 0,
          "pending": 0, "container": "None", "prefix": "None", "metafile": "None"}]}},
     ["Name", "Type", "Status", "Published", "Pending", "Container", "Prefix"]),
    (["database", "quota", "show"],
     {f"/mgmt/quotas/{PROJECT_ID}": lambda: {"quotas": [
         {"resource": "instances", "in_use": 1, "reserved": 0, "limit": 10}]}},
     ["Resource", "In Use", "Reserved", "Limit"]),
]


def _answer(trove, answers):
    for path, body in answers.items():
        trove.on("GET", path, body())


@pytest.mark.parametrize("argv, answers, fields", SHOWS, ids=lambda v: None)
def test_show_prints_every_field_troveclient_prints(trove, argv, answers, fields):
    _answer(trove, answers)
    shown = trove.run_json(*argv)
    assert set(fields) <= set(shown), sorted(set(fields) - set(shown))


@pytest.mark.parametrize("argv, answers, columns", LISTS, ids=lambda v: None)
def test_list_has_every_column_troveclient_has(trove, argv, answers, columns):
    _answer(trove, answers)
    code, out, err = trove.run(*argv, "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows, "the answer has rows"
    assert set(columns) <= set(rows[0]), sorted(set(columns) - set(rows[0]))


@pytest.mark.parametrize("field, expected", [
    # python-troveclient's value shapes: scalars where the API nests them.
    ("flavor", lambda i: i["flavor"]["id"]),
    ("volume", lambda i: i["volume"]["size"]),
    ("volume_used", lambda i: i["volume"]["used"]),
    ("datastore", lambda i: i["datastore"]["type"]),
    ("datastore_version", lambda i: i["datastore"]["version"]),
    ("ip", lambda i: ", ".join(i["ip"])),
    ("status", lambda i: i["status"]),
])
def test_instance_show_value_shapes(trove, field, expected):
    _answer(trove, {f"/instances/{IID}": _instance})
    instance = _instance()["instance"]
    for formatter in (["-f", "value"], ["-f", "shell", "--prefix", "x_"]):
        code, out, err = trove.run("database", "instance", "show", IID, *formatter, "-c", field)
        assert code == 0, err
        text = out.strip()
        if formatter[1] == "shell":
            text = text.split("=", 1)[1].strip('"')
        assert text == str(expected(instance))
    assert trove.run_json("database", "instance", "show", IID)[field] == expected(instance)


def test_backup_show_value_shapes(trove):
    _answer(trove, {f"/backups/{BID}": _backup})
    store = _backup()["backup"]["datastore"]
    code, out, err = trove.run("database", "backup", "show", BID, "-f", "value", "-c",
                               "datastore", "-c", "datastore_version")
    assert (code, out.split()) == (0, [store["type"], store["version"]]), err
