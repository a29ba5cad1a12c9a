"""Every resource of a TroveClient offers the operations Trove has routes for, and no other.

The routes are Trove's own (trove/common/api.py, trove/extensions/routes/mgmt.py
and mysql.py, without the project prefix; `{id}` stands for any ID). Each
allowed operation's route is worked out from the resource's description (its
URLs), so a description naming a route Trove lacks fails here.
"""

import pytest
from keystoneauth1 import session

from osc_trove.api import TroveClient
from osc_trove.api.resource import Described, Nested, Resource

TROVE_ROUTES = {
    ("GET", "/datastores"), ("GET", "/datastores/{id}"), ("DELETE", "/datastores/{id}"),
    ("GET", "/datastores/{id}/versions"), ("GET", "/datastores/{id}/versions/{id}"),
    ("GET", "/datastores/versions/{id}"),
    ("GET", "/instances"), ("GET", "/instances/detail"), ("POST", "/instances"),
    ("GET", "/instances/{id}"), ("PUT", "/instances/{id}"), ("PATCH", "/instances/{id}"),
    ("DELETE", "/instances/{id}"), ("POST", "/instances/{id}/action"),
    ("GET", "/instances/{id}/backups"), ("GET", "/instances/{id}/configuration"),
    ("GET", "/instances/{id}/log"), ("POST", "/instances/{id}/log"),
    ("GET", "/instances/{id}/ssl"), ("POST", "/instances/{id}/ssl"),
    ("GET", "/instances/{id}/modules"), ("POST", "/instances/{id}/modules"),
    ("DELETE", "/instances/{id}/modules/{id}"),
    ("GET", "/clusters"), ("POST", "/clusters"), ("GET", "/clusters/{id}"),
    ("POST", "/clusters/{id}"), ("DELETE", "/clusters/{id}"),
    ("GET", "/clusters/{id}/instances/{id}"),
    ("GET", "/flavors"), ("GET", "/flavors/{id}"),
    ("GET", "/limits"),
    ("GET", "/backups"), ("POST", "/backups"), ("GET", "/backups/{id}"),
    ("DELETE", "/backups/{id}"),
    ("GET", "/backup_strategies"), ("POST", "/backup_strategies"),
    ("DELETE", "/backup_strategies"),
    ("GET", "/modules"), ("POST", "/modules"), ("GET", "/modules/{id}"),
    ("PUT", "/modules/{id}"), ("DELETE", "/modules/{id}"),
    ("GET", "/modules/{id}/instances"), ("PUT", "/modules/{id}/instances"),
    ("GET", "/configurations"), ("POST", "/configurations"), ("GET", "/configurations/{id}"),
    ("PUT", "/configurations/{id}"), ("PATCH", "/configurations/{id}"),
    ("DELETE", "/configurations/{id}"), ("GET", "/configurations/{id}/instances"),
    # trove/extensions/routes/mysql.py: users, databases and root under an instance.
    ("GET", "/instances/{id}/databases"), ("POST", "/instances/{id}/databases"),
    ("GET", "/instances/{id}/databases/{id}"), ("DELETE", "/instances/{id}/databases/{id}"),
    ("GET", "/instances/{id}/users"), ("POST", "/instances/{id}/users"),
    ("PUT", "/instances/{id}/users"), ("GET", "/instances/{id}/users/{id}"),
    ("PUT", "/instances/{id}/users/{id}"), ("DELETE", "/instances/{id}/users/{id}"),
    # trove/extensions/routes/mgmt.py (a ResourceExtension: index, create, show,
    # update, delete, and PATCH as edit, where the controller has them).
    ("GET", "/mgmt/quotas/{id}"), ("PUT", "/mgmt/quotas/{id}"),
    ("GET", "/mgmt/datastore-versions"), ("POST", "/mgmt/datastore-versions"),
    ("GET", "/mgmt/datastore-versions/{id}"), ("PATCH", "/mgmt/datastore-versions/{id}"),
    ("DELETE", "/mgmt/datastore-versions/{id}"),
    ("GET", "/mgmt/instances"), ("GET", "/mgmt/clusters"),
}


def _template(path):
    for placeholder in ("PARENT", "ITEM"):
        path = path.replace(placeholder, "{id}")
    return path


def route(resource, operation):
    """(method, path) the resource sends `operation` to, from its own description."""
    method = {"list": "GET", "create": "POST", "get": "GET", "update": "PUT",
              "patch": "PATCH", "delete": "DELETE", "action": "POST"}[operation]
    if isinstance(resource, Nested):
        path = resource.url("PARENT", *(() if operation in ("list", "create", "action")
                                        else ("ITEM",)))
    elif operation == "action":
        path = resource.action_url("ITEM")
    elif operation == "list" and hasattr(resource, "list_url"):
        path = resource.list_url("PARENT")  # listed within a parent
    elif operation in ("list", "create") or not isinstance(resource, Resource):
        path = resource.path  # a collection without IDs is acted on as a whole
    else:
        path = resource.url("ITEM")
    return method, _template(path)


def _described():
    client = TroveClient(session.Session(), endpoint_override="http://trove.test/v1.0/p1")
    return [(name, value) for name, value in vars(client).items()
            if isinstance(value, Described)]


DESCRIBED = _described()


def test_every_resource_of_the_client_is_walked():
    # Limits, Root, the parameter classes and the object store are not yet descriptions.
    assert len(DESCRIBED) >= 16


@pytest.mark.parametrize("name, resource", DESCRIBED, ids=[name for name, _ in DESCRIBED])
def test_each_allowed_operation_is_a_route_trove_has(name, resource):
    for operation in sorted(resource.operations() - {"find"}):
        assert route(resource, operation) in TROVE_ROUTES, (name, operation)


@pytest.mark.parametrize("name, resource", DESCRIBED, ids=[name for name, _ in DESCRIBED])
def test_a_lookup_is_offered_only_where_the_routes_it_takes_exist(name, resource):
    if "find" not in resource.operations():
        return
    if isinstance(resource, Nested):
        assert resource.allow_get, name  # an item is found by its GET
    else:
        assert resource.allow_list, name  # a name is found by listing
        assert resource.allow_get or resource.lookup == "list", name


@pytest.mark.parametrize("name, resource", DESCRIBED, ids=[name for name, _ in DESCRIBED])
def test_each_lacking_operation_is_absent(name, resource):
    lacking = set(type(resource).methods) - resource.operations()
    for operation in lacking:
        for method in type(resource).methods[operation]:
            assert not hasattr(resource, method), (name, method)
            with pytest.raises(AttributeError, match="Trove has no route"):
                getattr(resource, method)


@pytest.mark.parametrize("name, method", [
    ("logs", "find"), ("logs", "get"), ("instance_backups", "find"),
    ("backup_strategies", "find"), ("backup_strategies", "act_on"),
    ("quotas", "list"), ("quotas", "find"), ("backups", "update"), ("modules", "patch"),
    ("clusters", "update"), ("datastores", "create"),
])
def test_what_the_issue_names_is_absent(name, method):
    assert not hasattr(dict(DESCRIBED)[name], method)


def test_a_description_cannot_allow_what_its_base_made_absent():
    class NoGet(Resource):
        path = "/things"
        allow_list = True

    with pytest.raises(TypeError, match="allows get that its base lacks"):
        class WithGet(NoGet):
            allow_get = True
