"""Fixtures of the local cloud's REST-level tests."""

import pytest

from tests.functional.helpers import made_instance, unique


@pytest.fixture(scope="module")
def iid(demo_api, request):
    """One ACTIVE mysql 5.7 instance per test module, used by that module alone (its
    backups, guest state and faults stay apart from every other test's)."""
    prefix = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    with made_instance(demo_api, unique(prefix),
                       datastore={"type": "mysql", "version": "5.7"}) as row:
        yield row["id"]
