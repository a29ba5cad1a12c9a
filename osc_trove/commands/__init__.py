"""The `openstack database ...` and `openstack datastore ...` commands."""

# The functional tests import `wait` from here; its home is osc_trove.cli.wait.
from osc_trove.cli import wait  # noqa: E402,F401
