"""The `openstack database ...` and `openstack datastore ...` commands."""
