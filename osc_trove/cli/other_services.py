"""Images, networks and subnets given by name: found through OSC's own clients.

Trove takes only IDs for these, so a name is turned into an ID here, once for
every command (instance create and rebuild, cluster create and grow, datastore
version create and set). An ID is sent as given, with no request.
"""

from keystoneauth1 import exceptions as ksa_exceptions
from openstack import exceptions as sdk_exceptions
from osc_lib import exceptions

from osc_trove.api import resource

SERVICE_NAMES = {"image": "Image (glance)", "network": "Network (neutron)"}


def _find(app, service, method, kind, value):
    def by_name(name):
        try:
            found = getattr(getattr(app.client_manager, service), method)(name, ignore_missing=True)
        except (ksa_exceptions.EndpointNotFound, sdk_exceptions.ServiceDisabledException):
            raise exceptions.CommandError(
                f"The service catalog has no {SERVICE_NAMES[service]} service to find "
                f"{kind} '{name}' in; give its ID instead."
            ) from None
        return None if found is None else found.id

    return resource.external_id(value, kind, by_name)


def image_id(app, image):
    """The ID of `image` (a name or an ID)."""
    return _find(app, "image", "find_image", "image", image)


def resolve_nic(app, nic):
    """A request's nic dict with its network and subnet names turned into IDs."""
    resolved = dict(nic)
    for key, method, kind in (("network_id", "find_network", "network"),
                              ("subnet_id", "find_subnet", "subnet")):
        if nic.get(key):
            resolved[key] = _find(app, "network", method, kind, nic[key])
    return resolved
