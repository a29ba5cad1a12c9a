"""An admin defines a configuration parameter of a datastore version; users see it."""

from tests.functional.helpers import ok, one_line_error, unique


def test_parameter_create_set_delete_as_users_see_it(cloud):
    name = unique("probe").replace("-", "_")
    where = ("5.7", "--datastore", "mysql")

    def seen():
        return cloud.openstack("database", "configuration", "parameter", "show", *where, name,
                               "-f", "json")

    made = ok(cloud.openstack("datastore", "version", "parameter", "create", *where, name,
                              "--type", "integer", "--min", "1", "--max", "100", "-f", "json",
                              cloud="local-admin")).json()
    try:
        assert (made["type"], made["min"], made["max"], made["restart_required"]) == (
            "integer", 1, 100, False)
        ok(cloud.openstack("datastore", "version", "parameter", "set", *where, name,
                           "--max", "200", "--restart-required", cloud="local-admin"))
        shown = seen().json()
        assert (shown["min"], shown["max"], shown["restart_required"]) == (1, 200, True)
        # Defining parameters is an admin's job.
        refused = one_line_error(*cloud.openstack("datastore", "version", "parameter", "delete",
                                                 *where, name))
        assert refused.startswith("The cloud's policy refused deleting configuration parameters")
    finally:
        ok(cloud.openstack("datastore", "version", "parameter", "delete", *where, name,
                           cloud="local-admin"))
    assert one_line_error(*seen()) == f"Resource {name} cannot be found. (HTTP 404)"
