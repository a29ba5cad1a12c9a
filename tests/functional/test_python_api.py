"""The README's Python example, run against the local cloud.

The code is the README's, as a user copies it: only the placeholders a user
fills in are replaced (Keystone's address, the demo user's password) and the
instance gets a name of its own, so that runs never meet.
"""

import re

import openstack.config

from tests.functional.conftest import REPO
from tests.functional.helpers import delete_instance, unique


def readme_example():
    section = (REPO / "README.md").read_text().split("## Use the API from Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_runs_against_the_local_cloud(cloud, demo_api, capsys):
    auth = openstack.config.OpenStackConfig(
        config_files=[str(cloud.clouds_yaml)]).get_one("local-demo").get_auth_args()
    name = unique("readme")
    code = readme_example()
    for placeholder, value in (('"https://keystone.example.com/v3"', repr(auth["auth_url"])),
                               ('password="..."', f"password={auth['password']!r}"),
                               ('name="db1"', f"name={name!r}")):
        assert placeholder in code  # the README still reads as this test expects
        code = code.replace(placeholder, value)
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        for row in demo_api.instances.list():
            if row["name"] == name:
                delete_instance(demo_api, row["id"])
    printed = capsys.readouterr().out.splitlines()
    assert "m1.small 2048" in printed  # flavor name and RAM
    assert printed[-1] == "ACTIVE"  # the new instance's status; it has no databases
