"""Where requests go: the cloud's endpoint override, and the view instance list asks for."""

import yaml

from tests.functional.conftest import Cloud
from tests.functional.helpers import ok


def requested(result):
    """(method, URL) of each request `--debug` logged."""
    return [tuple(line.split()[5:7]) for line in result.err.splitlines()
            if line.startswith("REQ: curl")]


def test_the_clouds_database_endpoint_override_is_used(cloud, demo_api, tmp_path):
    catalog_url = demo_api.http.adapter.get_endpoint()  # http://127.0.0.1:<port>/v1.0/<project>
    project_id = demo_api.http.adapter.get_project_id()
    override = catalog_url.replace("127.0.0.1", "localhost").replace(project_id, "%(project_id)s")
    config = yaml.safe_load(cloud.clouds_yaml.read_text())
    config["clouds"]["local-demo"]["database_endpoint_override"] = override
    clouds_yaml = tmp_path / "clouds.yaml"
    clouds_yaml.write_text(yaml.safe_dump(config))
    result = ok(Cloud(clouds_yaml).openstack("--debug", "database", "flavor", "list"))
    urls = [url for _, url in requested(result)]
    assert f"{catalog_url.replace('127.0.0.1', 'localhost')}/flavors" in urls
    assert not [url for url in urls if url.startswith(catalog_url)]


def test_instance_list_asks_the_summary_view_and_long_the_detail_view(cloud, demo_api):
    base = demo_api.http.adapter.get_endpoint()
    plain = requested(ok(cloud.openstack("--debug", "database", "instance", "list")))
    assert ("GET", f"{base}/instances") in plain
    assert not [url for _, url in plain if "/instances/detail" in url]
    long = requested(ok(cloud.openstack("--debug", "database", "instance", "list", "--long")))
    assert ("GET", f"{base}/instances/detail") in long
