"""A pytest plugin for tools/request-table: how many requests each `openstack` run
of the unit tests sends to Trove.

Loaded with `-p request_table_plugin` (tools/ on PYTHONPATH), it wraps the unit
tests' in-process `openstack` (tests.inprocess.openstack) and counts the
requests that reach requests-mock's adapter for the unit tests' Trove endpoint
during each run (retries included). At the end it
writes one JSON line per run to $REQUEST_TABLE: the test, the command line, the
how-many-th run of that command line in that test, and the count.
"""

import json
import os

import pytest
from requests_mock import adapter

TROVE_PREFIX = "http://trove.test/v1.0/"

_rows = []
_current = {"test": None, "count": None, "seen": {}}


def _counting(send):
    def counted(self, request, **kwargs):
        if _current["count"] is not None and request.url.startswith(TROVE_PREFIX):
            _current["count"] += 1
        return send(self, request, **kwargs)

    return counted


def _recording(openstack):
    def run(argv, *args, **kwargs):
        key = " ".join(argv)
        nth = _current["seen"].get(key, 0)
        _current["seen"][key] = nth + 1
        _current["count"] = 0
        try:
            return openstack(argv, *args, **kwargs)
        finally:
            _rows.append({"test": _current["test"], "argv": key, "nth": nth,
                          "requests": _current["count"]})
            _current["count"] = None

    return run


def pytest_configure(config):
    from tests import inprocess

    inprocess.openstack = _recording(inprocess.openstack)
    adapter.Adapter.send = _counting(adapter.Adapter.send)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    _current.update(test=item.nodeid, seen={})
    yield
    _current["test"] = None


def pytest_unconfigure(config):
    path = os.environ.get("REQUEST_TABLE")
    if path:
        with open(path, "a") as stream:
            for row in _rows:
                stream.write(json.dumps(row) + "\n")
