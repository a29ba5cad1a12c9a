"""Builders and fakes shared by the unit tests (not a test module).

Trove's recorded answers (tests/fixtures) and the instance rows, list pages and
one-line-error check that many command tests use.
"""

import json

from osc_trove.plugin import command_entry_points
from tests.inprocess import one_line_error as one_line_error  # one home: shared
from tests.unit.conftest import API, KEYSTONE, TOKEN, sample

# The recorded instance `test`, and the one whose create answer was recorded.
IID = sample("instance-show-response.json")["instance"]["id"]
NEW_ID = sample("instance-create-response.json")["instance"]["id"]
BACKUP_ID = "71557643-2245-43ac-b871-3d5a50af21d3"
CONFIG_ID = "2aa51628-5c42-4086-8682-137caffd2ba6"
MODULE_ID = "8a8b4f0c-4f3e-4f2a-9c1e-3f9a6b7c8d9e"
SUBNET_ID = "0b1e7e2a-0e52-4b8f-9d9c-1a1b2c3d4e5f"

# A flavor with an integer ID, one with only a string ID, and one with an
# ephemeral disk (which clusters refuse).
FLAVORS = {
    "flavors": [
        {"id": 2, "str_id": "2", "name": "m1.small", "ram": 2048, "vcpus": 1, "disk": 20,
         "ephemeral": 0},
        {"id": None, "str_id": "d3", "name": "m1.large", "ram": 8192, "vcpus": 4, "disk": 80,
         "ephemeral": 0},
        {"id": 7, "str_id": "7", "name": "eph.small", "ram": 2048, "vcpus": 1, "disk": 20,
         "ephemeral": 10},
    ]
}


def show_body(**changes):
    body = sample("instance-show-response.json")
    body["instance"].update(changes)
    return body


def list_body(*rows, next_marker=None):
    body = {"instances": list(rows)}
    if next_marker:
        body["links"] = [
            {
                "rel": "next",
                "href": f"https://127.0.0.1:8779/v1.0/p/instances?limit=20&marker={next_marker}",
            }
        ]
    return body


def row(instance_id, name, **extra):
    return {"id": instance_id, "name": name, "status": "ACTIVE", **extra}


V_ID = "a1b2c3d4-0000-4000-8000-00000000000a"


def mgmt_version(**changes):
    version = {"id": V_ID, "name": "8.4", "version": "8.4.1", "datastore_id": "ds-1",
               "datastore_name": "mysql", "datastore_manager": "mysql", "image": None,
               "image_tags": ["trove", "mysql"], "packages": [""], "active": False,
               "default": False, "registry_ext": None, "repl_strategy": None}
    return {**version, **changes}


def fake_identity(monkeypatch, project_id="p-42"):
    from openstackclient.identity import common

    class Project:
        id = project_id

    looked_up = []
    monkeypatch.setattr(common, "find_project",
                        lambda client, name, domain: looked_up.append((name, domain)) or Project())
    return looked_up


def entry_points():
    """{command name: class} of every registered osc-trove command."""
    return {ep.name.replace("_", " "): ep.load() for ep in command_entry_points()}


COMMANDS = entry_points()


def log_in_with_roles(trove, *roles):
    """Keystone's next token carries `roles` (names), as an admin's or a member's."""
    token = json.loads(json.dumps(TOKEN))
    token["token"]["roles"] = [{"id": f"r-{name}", "name": name} for name in roles]
    trove.mocker.post(KEYSTONE + "/auth/tokens", json=token, status_code=201,
                      headers={"X-Subject-Token": "token-roles"})


def sent(mocker):
    """(method, path and query under API) of each request `mocker` answered."""
    return [(r.method, r.url[len(API):]) for r in mocker.request_history]
