"""What a user of the local cloud's other services sees: images and networks by name.

The local cloud's catalog has `image` and `network` services, served by the
same fakes Trove uses (tools/localcloud/fakes), so OSC's own commands list
them and osc-trove finds images and networks by name as on a real cloud.
"""

import uuid

import pytest

from tests.functional.helpers import (
    PRIVATE_NET,
    delete_instance,
    made_instance,
    ok,
    run_names,
    wait_instance,
)

name = run_names("fs")
PUBLIC_NET = "b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a03"
PRIVATE_SUBNET = "b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a02"
# The fake Glance's images: one per datastore manager and a spare one.
IMAGES = {name: str(uuid.uuid5(uuid.NAMESPACE_URL, f"localcloud:image:{name}"))
          for name in ("mariadb", "mysql", "redis", "spare")}



def test_network_list_and_show(cloud):
    rows = ok(cloud.openstack("network", "list", "-f", "json")).json()
    assert {(r["Name"], r["ID"]) for r in rows} == {("private", PRIVATE_NET),
                                                    ("public", PUBLIC_NET)}
    shown = ok(cloud.openstack("network", "show", "private", "-f", "json")).json()
    assert (shown["id"], shown["subnets"], shown["router:external"]) == (
        PRIVATE_NET, [PRIVATE_SUBNET], False)
    external = ok(cloud.openstack("network", "list", "--external", "-f", "json")).json()
    assert [r["Name"] for r in external] == ["public"]


def test_subnet_list_and_show(cloud):
    rows = ok(cloud.openstack("subnet", "list", "-f", "json")).json()
    assert ("private-subnet", PRIVATE_SUBNET, "10.0.0.0/24") in {
        (r["Name"], r["ID"], r["Subnet"]) for r in rows}
    shown = ok(cloud.openstack("subnet", "show", "private-subnet", "-f", "json")).json()
    assert (shown["network_id"], shown["cidr"]) == (PRIVATE_NET, "10.0.0.0/24")


def test_image_list_and_show(cloud):
    rows = ok(cloud.openstack("image", "list", "-f", "json")).json()
    assert {(r["Name"], r["ID"], r["Status"]) for r in rows} == {
        (f"trove-guest-{m}", image_id, "active") for m, image_id in IMAGES.items()}
    shown = ok(cloud.openstack("image", "show", "trove-guest-spare", "-f", "json")).json()
    assert shown["id"] == IMAGES["spare"] and "trove" in shown["tags"]


def test_unknown_image_and_network_are_one_line(cloud):
    for argv, line in ((("image", "show", name("nope")), f"No Image found for {name('nope')}"),
                       (("network", "show", name("nope")),
                        f"No Network found for {name('nope')}")):
        result = cloud.openstack(*argv)
        assert result.code == 1 and "Traceback" not in result.err, result
        assert result.err.strip().splitlines() == [line]


@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, name("db")) as row:
        yield row


def test_instance_rebuild_by_image_name(cloud, demo_api, instance):
    result = ok(cloud.openstack("database", "instance", "rebuild", instance["id"],
                                "trove-guest-spare", "--wait", "--wait-timeout", "120",
                                "--debug", cloud="local-admin"))
    # The image went by the ID the Image service gave for the name.
    assert f'{{"rebuild": {{"image_id": "{IMAGES["spare"]}"}}}}' in result.err
    assert demo_api.instances.get(instance["id"])["status"] == "ACTIVE"


def test_datastore_version_create_and_set_image_by_name(cloud, admin_api):
    store = name("store")
    made = ok(cloud.openstack("datastore", "version", "create", "1.0", store, "mysql",
                              "trove-guest-mysql", "-f", "json", cloud="local-admin")).json()
    try:
        assert made["image"] == IMAGES["mysql"]
        ok(cloud.openstack("datastore", "version", "set", made["id"], "--image",
                           "trove-guest-spare", cloud="local-admin"))
        assert admin_api.mgmt_datastore_versions.get(made["id"])["image"] == IMAGES["spare"]
    finally:
        ok(cloud.openstack("datastore", "version", "delete", made["id"], cloud="local-admin"))
        ok(cloud.openstack("datastore", "delete", store, cloud="local-admin"))


def test_instance_create_with_a_network_by_name(cloud, demo_api):
    """--nic net-id=<name>: osc-trove sends the network's ID, found through the
    Network service (Trove takes only IDs)."""
    result = ok(cloud.openstack("database", "instance", "create", name("nic"), "--flavor", "1",
                                "--size", "1", "--nic", "net-id=private", "--debug",
                                "-f", "json"))
    row = result.json()
    try:
        assert f'"nics": [{{"network_id": "{PRIVATE_NET}"}}]' in result.err
        assert wait_instance(demo_api, row["id"])["status"] == "ACTIVE"
    finally:
        delete_instance(demo_api, row["id"])
