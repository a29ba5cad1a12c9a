"""No secret printed, against the local cloud's real Trove (issue 26 item 5).

A password Trove's schema refuses comes back quoted in its 400; a module's
contents travel in base64 in the request body --debug logs; `--os-password`
is in the command line osc-lib logs first. None of them may show.
"""

import base64

import openstack.config
import pytest

from tests.functional.helpers import made_instance, ok, one_line_error, unique

# No letter or digit; and over 255 characters: the two passwords Trove refuses.
REFUSED = ["!!!!-!!!!", "Lo" * 150]


@pytest.fixture(scope="module")
def instance(demo_api):
    with made_instance(demo_api, unique("secrets"),
                       datastore={"type": "mysql", "version": "5.7"}) as row:
        yield row


@pytest.mark.parametrize("password", REFUSED, ids=["no-letter", "too-long"])
def test_a_password_trove_refuses_is_not_in_its_message_nor_the_debug_log(cloud, instance,
                                                                          password):
    argv = ("database", "user", "create", instance["id"], unique("u"), password)
    line = one_line_error(*cloud.openstack(*argv))
    assert "['password'] '***'" in line and password not in line
    debug = cloud.openstack("--debug", *argv)
    assert debug.code == 1 and "RESP BODY" in debug.err
    assert password not in debug.err


def test_a_refused_new_password_is_masked_too(cloud, instance):
    user = unique("u")
    ok(cloud.openstack("database", "user", "create", instance["id"], user, "Good-pw-1"))
    line = one_line_error(*cloud.openstack("database", "user", "update", "attributes",
                                          instance["id"], user, "--new-password", "!!!!-!!!!"))
    assert "user['password'] '***'" in line and "!!!!-!!!!" not in line


def test_module_contents_are_not_in_the_debug_log(cloud, demo_api, tmp_path):
    licence = tmp_path / "licence.key"
    licence.write_bytes(b"LICENCE-KEY-4f1b9c0e")
    created = cloud.openstack("--debug", "database", "module", "create", unique("lic"), "ping",
                              str(licence), "-f", "json")
    try:
        assert created.code == 0, created
        assert "REQ: curl" in created.err and '"contents": "***"' in created.err
        assert base64.b64encode(licence.read_bytes()).decode() not in created.err
    finally:
        if created.code == 0:
            demo_api.modules.delete(created.json()["id"])


def test_os_password_is_masked_in_the_start_line(cloud):
    config = openstack.config.OpenStackConfig(config_files=[str(cloud.clouds_yaml)])
    password = config.get_one("local-demo").auth["password"]
    run = ok(cloud.openstack("--os-password", password, "--debug", "database", "flavor", "list"))
    start = [line for line in run.err.splitlines() if "START with options" in line]
    assert start and "--os-password ***" in start[0]
    assert password not in run.err
