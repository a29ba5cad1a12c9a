"""osc-trove: the OpenStack Trove (Database service) commands for the openstack CLI."""
