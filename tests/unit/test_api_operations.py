"""Every resource of a TroveClient offers the operations Trove has routes for, and no other.

The routes are Trove's own (trove/common/api.py, trove/extensions/routes/mgmt.py
and mysql.py, without the project prefix; `{id}` stands for any ID). Each
allowed operation's route is worked out from the resource's description (its
URLs), so a description naming a route Trove lacks fails here.
"""

import pytest
from keystoneauth1 import session

from osc_trove.api import TroveClient
from osc_trove.api.errors import UnaddressableName
from osc_trove.api.releases import NEWER, VERBS
from osc_trove.api.resource import URI_PARAM, Attached, Described, Nested, Resource, expand

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
    ("GET", "/instances/{id}/root"), ("POST", "/instances/{id}/root"),
    ("DELETE", "/instances/{id}/root"), ("GET", "/clusters/{id}/root"),
    ("POST", "/clusters/{id}/root"),
    ("GET", "/instances/{id}/users"), ("POST", "/instances/{id}/users"),
    ("PUT", "/instances/{id}/users"), ("GET", "/instances/{id}/users/{id}"),
    ("PUT", "/instances/{id}/users/{id}"), ("DELETE", "/instances/{id}/users/{id}"),
    # trove/extensions/routes/mgmt.py (a ResourceExtension: index, create, show,
    # update, delete, and PATCH as edit, where the controller has them).
    ("GET", "/mgmt/quotas/{id}"), ("PUT", "/mgmt/quotas/{id}"),
    ("GET", "/mgmt/datastore-versions"), ("POST", "/mgmt/datastore-versions"),
    ("GET", "/mgmt/datastore-versions/{id}"), ("PATCH", "/mgmt/datastore-versions/{id}"),
    ("DELETE", "/mgmt/datastore-versions/{id}"),
    ("GET", "/mgmt/instances"), ("GET", "/mgmt/instances/{id}"),
    ("POST", "/mgmt/instances/{id}/action"), ("GET", "/mgmt/instances/{id}/root"),
    ("GET", "/mgmt/instances/{id}/diagnostics"), ("GET", "/mgmt/instances/{id}/hwinfo"),
    ("GET", "/mgmt/instances/{id}/rpc_ping"),
    ("GET", "/mgmt/clusters"), ("GET", "/mgmt/clusters/{id}"),
    ("POST", "/mgmt/clusters/{id}/action"),
    ("GET", "/mgmt/datastores/versions/{id}/parameters"),
    ("POST", "/mgmt/datastores/versions/{id}/parameters"),
    ("GET", "/mgmt/datastores/versions/{id}/parameters/{id}"),
    ("PUT", "/mgmt/datastores/versions/{id}/parameters/{id}"),
    ("DELETE", "/mgmt/datastores/versions/{id}/parameters/{id}"),
    # trove/common/api.py: a datastore version's parameters, by ID or within its datastore.
    ("GET", "/datastores/versions/{id}/parameters"),
    ("GET", "/datastores/versions/{id}/parameters/{id}"),
    ("GET", "/datastores/{id}/versions/{id}/parameters"),
    ("GET", "/datastores/{id}/versions/{id}/parameters/{id}"),
    ("GET", "/datastores/{id}/versions/{id}/flavors"),
    ("GET", "/datastores/{id}/versions/{id}/volume-types"),
}


def _template(path):
    return URI_PARAM.sub("{id}", path)


def route(resource, operation):
    """(method, path) the resource sends `operation` to, from its own description:
    its path template, an item being {id} under it."""
    method = VERBS[operation]
    path = resource.base_path
    if operation == "list" and getattr(resource, "list_path", ""):
        path = resource.list_path  # listed within a parent
    elif operation == "action" and isinstance(resource, Resource):
        path = "/".join(filter(None, [path, "{id}", resource.action_path]))
    elif operation in ("get", "update", "patch", "delete") and isinstance(resource, Resource):
        path += "/{id}"
    elif operation in ("get", "update", "delete") and isinstance(resource, Nested):
        path += "/{id}"  # an Attached resource's operations address base_path itself
    return method, _template(path)


def _described():
    client = TroveClient(session.Session(), endpoint_override="http://trove.test/v1.0/p1")
    return [(name, value) for name, value in vars(client).items()
            if isinstance(value, Described)]


DESCRIBED = _described()


def test_every_resource_of_the_client_is_walked():
    # Only the object store is not Trove's, and HTTP is what they all send through.
    client = TroveClient(session.Session(), endpoint_override="http://trove.test/v1.0/p1")
    assert set(vars(client)) - {name for name, _ in DESCRIBED} == {"http", "object_store"}


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
    ("clusters", "update"), ("datastores", "create"), ("cluster_root", "delete"),
    ("cluster_root", "disable"), ("limits", "create"),
])
def test_what_the_issue_names_is_absent(name, method):
    assert not hasattr(dict(DESCRIBED)[name], method)


def test_a_description_cannot_allow_what_its_base_made_absent():
    class NoGet(Resource):
        base_path = "/things"
        allow_list = True

    with pytest.raises(TypeError, match="allows get that its base lacks"):
        class WithGet(NoGet):
            allow_get = True


@pytest.mark.parametrize("name, resource", DESCRIBED, ids=[name for name, _ in DESCRIBED])
def test_the_engine_builds_each_url_from_the_template(name, resource):
    params = URI_PARAM.findall(resource.base_path)
    if isinstance(resource, Nested):
        built = resource.url("PARENT", "ITEM")
        assert built == resource.base_path % {params[0]: "PARENT"} + "/ITEM", name
    elif isinstance(resource, Attached):
        assert resource.url("PARENT") == resource.base_path % {params[0]: "PARENT"}, name
    elif isinstance(resource, Resource):
        assert not params, name  # a top-level collection
        assert resource.url("ITEM") == resource.base_path + "/ITEM", name
    else:
        assert resource.collection_url() == resource.base_path, name


def test_a_template_s_parameters_are_segments():
    assert expand("/instances/%(instance_id)s/users", instance_id="a/b c") \
        == "/instances/a%2Fb%20c/users"
    with pytest.raises(UnaddressableName, match="instance '..'"):
        expand("/instances/%(instance_id)s/users", "instance", instance_id="..")
    with pytest.raises(TypeError, match="needs instance_id"):
        expand("/instances/%(instance_id)s/users")


def test_a_nested_description_names_its_parent_in_its_template():
    with pytest.raises(TypeError, match="must name its parent's ID once"):
        class Loose(Nested):
            base_path = "/things"
            allow_list = True


def test_a_description_still_written_the_old_way_is_refused():
    from osc_trove.api.resource import Resource

    with pytest.raises(TypeError, match="sets path: give base_path"):
        type("Old", (Resource,), {"path": "/things", "label": "thing"})


@pytest.mark.parametrize("newer", NEWER, ids=[n.feature for n in NEWER])
def test_each_release_refusal_names_operations_its_resource_has(newer):
    """releases.NEWER is keyed by resource and operation; its path pattern (how a
    request is recognised where errors are told) must find that operation's
    route as the description builds it, and no other operation of the resource."""
    resource = dict(DESCRIBED)[newer.resource]
    assert set(newer.operations) <= resource.operations(), newer.feature
    for operation in resource.operations() - {"find"}:
        method, template = route(resource, operation)
        path = "/v1.0/p1" + template.replace("{id}", "a1b2c3d4-0000-4000-8000-00000000000a")
        sent = operation in newer.operations
        assert (method in newer.methods and bool(newer.pattern.search(path))) == sent, \
            (newer.feature, operation)
