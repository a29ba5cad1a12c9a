"""A stateful fake of the python-neutronclient v2 API that Trove 26 calls.

neutronclient answers plain dicts ({'port': {...}}, {'ports': [...]}), so
this fake is one generic in-memory store per resource type. Two networks
exist from the start: `private` (10.0.0.0/24, for instances) and `public`
(external, for floating IPs).
"""

import ipaddress
import itertools

from neutronclient.common import exceptions as neutron_exceptions

from localcloud.fakes import base

PRIVATE_NET = 'b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a01'
PRIVATE_SUBNET = 'b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a02'
PUBLIC_NET = 'b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a03'
PUBLIC_SUBNET = 'b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a04'

# resource (singular) -> {id: dict}
STORE = {name: {} for name in (
    'network', 'subnet', 'port', 'security_group', 'security_group_rule',
    'floatingip', 'extension')}


def _seed():
    STORE['network'][PRIVATE_NET] = {
        'id': PRIVATE_NET, 'name': 'private', 'subnets': [PRIVATE_SUBNET],
        'router:external': False, 'shared': True, 'status': 'ACTIVE',
        'admin_state_up': True, 'mtu': 1450, 'description': ''}
    STORE['network'][PUBLIC_NET] = {
        'id': PUBLIC_NET, 'name': 'public', 'subnets': [PUBLIC_SUBNET],
        'router:external': True, 'shared': False, 'status': 'ACTIVE',
        'admin_state_up': True, 'mtu': 1500, 'description': ''}
    STORE['subnet'][PRIVATE_SUBNET] = {
        'id': PRIVATE_SUBNET, 'name': 'private-subnet',
        'network_id': PRIVATE_NET, 'cidr': '10.0.0.0/24', 'ip_version': 4,
        'gateway_ip': '10.0.0.1'}
    STORE['subnet'][PUBLIC_SUBNET] = {
        'id': PUBLIC_SUBNET, 'name': 'public-subnet',
        'network_id': PUBLIC_NET, 'cidr': '172.24.4.0/24', 'ip_version': 4,
        'gateway_ip': '172.24.4.1'}
    # The private subnet is routed to `public`: floating IPs need that.
    STORE['port']['b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a05'] = {
        'id': 'b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a05', 'name': '',
        'network_id': PRIVATE_NET, 'device_owner': 'network:router_interface',
        'device_id': 'b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a06', 'status': 'ACTIVE',
        'fixed_ips': [{'subnet_id': PRIVATE_SUBNET, 'ip_address': '10.0.0.1'}],
        'security_groups': [], 'project_id': None, 'tenant_id': None}
    for alias in ('security-group', 'port-security', 'router', 'extra_dhcp_opt'):
        STORE['extension'][alias] = {'alias': alias, 'name': alias}


_seed()


def _allocate_ip(subnet_id):
    """The subnet's lowest free address from .10 on: Neutron hands an address
    out again once its port is deleted, and never one outside the subnet."""
    net = ipaddress.ip_network(STORE['subnet'][subnet_id]['cidr'])
    used = {ip.get('ip_address') for port in STORE['port'].values()
            for ip in port.get('fixed_ips') or [] if ip.get('subnet_id') == subnet_id}
    for host in itertools.islice(net.hosts(), 9, None):
        if str(host) not in used:
            return str(host)
    raise neutron_exceptions.IpAddressGenerationFailureClient(
        message='No more IP addresses available on network %s.'
        % STORE['subnet'][subnet_id].get('network_id'))


def _plural(name):
    return 'security_group_rules' if name == 'security_group_rule' else (
        name + 's' if not name.endswith('s') else name)


def _fixed_ip_matches(item, wanted):
    # neutron's filter form: fixed_ips=subnet_id=<id> or ip_address=<ip>
    key, _, value = wanted.partition('=')
    return any(ip.get(key) == value for ip in item.get('fixed_ips') or [])


def _matches(item, filters):
    for key, value in filters.items():
        if key in ('fields', 'retrieve_all'):
            continue
        if key == 'fixed_ips':
            if not _fixed_ip_matches(item, value):
                return False
            continue
        if isinstance(value, (list, tuple)):
            if item.get(key) not in value:
                return False
        elif item.get(key) != value:
            return False
    return True


def _public(item):
    """A copy without the fake's own bookkeeping keys (leading _)."""
    return {k: v for k, v in item.items() if not k.startswith('_')}


class Client(object):
    """The subset of neutronclient.v2_0.client.Client Trove calls."""

    def __init__(self, context):
        self.context = context
        self.project_id = getattr(context, 'project_id', None)

    # generic store operations -------------------------------------------

    # The resource argument is positional-only: `name` is also a filter.
    def _find(self, resource, ident, /):
        item = STORE[resource].get(ident)
        if item is None:
            raise neutron_exceptions.NotFound(
                message='%s %s could not be found' % (resource, ident))
        return item

    def _list(self, resource, /, **filters):
        return {_plural(resource): [_public(i) for i in STORE[resource].values()
                                    if _matches(i, filters)]}

    def _show(self, name, ident, **params):
        return {name: _public(self._find(name, ident))}

    def _create(self, name, body, defaults):
        item = dict(defaults)
        item.update(body[name])
        item.setdefault('id', base.new_id())
        item.setdefault('project_id', self.project_id)
        item['tenant_id'] = item['project_id']
        STORE[name][item['id']] = item
        return {name: _public(item)}

    def _update(self, name, ident, body):
        item = self._find(name, ident)
        item.update(body[name])
        return {name: _public(item)}

    def _delete(self, name, ident):
        self._find(name, ident)
        del STORE[name][ident]

    # networks and subnets ------------------------------------------------

    def list_networks(self, **filters):
        return self._list('network', **filters)

    def show_network(self, network_id, **params):
        return self._show('network', network_id)

    def list_subnets(self, **filters):
        return self._list('subnet', **filters)

    def show_subnet(self, subnet_id, **params):
        return self._show('subnet', subnet_id)

    def find_resource(self, resource, name_or_id, **kwargs):
        for item in STORE[resource].values():
            if name_or_id in (item.get('id'), item.get('name')):
                return dict(item)
        raise neutron_exceptions.NotFound(
            message='Unable to find %s with name or id %s'
            % (resource, name_or_id))

    def show_extension(self, alias):
        return self._show('extension', alias)

    def list_extensions(self, **filters):
        return self._list('extension', **filters)

    # ports -----------------------------------------------------------------

    def create_port(self, body):
        port = body['port']
        network_id = port.get('network_id', PRIVATE_NET)
        network = self._find('network', network_id)
        fixed = port.get('fixed_ips') or [{'subnet_id': network['subnets'][0]}]
        ips = []
        for entry in fixed:
            subnet_id = entry.get('subnet_id', network['subnets'][0])
            ips.append({'subnet_id': subnet_id,
                        'ip_address': entry.get('ip_address') or
                        _allocate_ip(subnet_id)})
        body = {'port': dict(port, fixed_ips=ips)}
        return self._create('port', body, {
            'device_id': '', 'device_owner': '', 'status': 'DOWN',
            'security_groups': [], 'admin_state_up': True,
            'mac_address': 'fa:16:3e:%02x:%02x:%02x' % tuple(
                int(x) for x in ips[0]['ip_address'].split('.')[1:])})

    def list_ports(self, **filters):
        return self._list('port', **filters)

    def show_port(self, port_id, **params):
        return self._show('port', port_id)

    def update_port(self, port_id, body):
        return self._update('port', port_id, body)

    def delete_port(self, port_id):
        for fip in list(STORE['floatingip'].values()):
            if fip.get('port_id') == port_id:
                fip['port_id'] = None
        self._delete('port', port_id)

    # security groups -----------------------------------------------------

    def create_security_group(self, body):
        return self._create('security_group', body,
                            {'description': '', 'security_group_rules': []})

    def list_security_groups(self, **filters):
        return self._list('security_group', **filters)

    def show_security_group(self, sg_id, **params):
        return self._show('security_group', sg_id)

    def delete_security_group(self, sg_id):
        self._delete('security_group', sg_id)
        for rule_id, rule in list(STORE['security_group_rule'].items()):
            if rule['security_group_id'] == sg_id:
                del STORE['security_group_rule'][rule_id]

    def create_security_group_rule(self, body):
        self._find('security_group', body['security_group_rule']
                   ['security_group_id'])
        return self._create('security_group_rule', body, {
            'direction': 'ingress', 'ethertype': 'IPv4'})

    def list_security_group_rules(self, **filters):
        return self._list('security_group_rule', **filters)

    def delete_security_group_rule(self, rule_id):
        self._delete('security_group_rule', rule_id)

    # floating IPs --------------------------------------------------------

    def create_floatingip(self, body):
        fip = body['floatingip']
        network = self._find('network', fip.get('floating_network_id',
                                                PUBLIC_NET))
        port = self._find('port', fip['port_id']) if fip.get('port_id') \
            else None
        return self._create('floatingip', body, {
            'floating_ip_address': _allocate_ip(network['subnets'][0]),
            'fixed_ip_address': port and port['fixed_ips'][0]['ip_address'],
            'status': 'ACTIVE', 'router_id': None})

    def list_floatingips(self, **filters):
        return self._list('floatingip', **filters)

    def update_floatingip(self, fip_id, body):
        return self._update('floatingip', fip_id, body)

    def delete_floatingip(self, fip_id):
        self._delete('floatingip', fip_id)


def bind_port(port_id, server_id):
    """Called by the fake Nova: a server now owns the port."""
    port = STORE['port'].get(port_id)
    if port is not None:
        port.update(device_id=server_id, device_owner='compute:nova',
                    status='ACTIVE')


def create_nova_port(network_id, project_id):
    """A port Nova makes for a server (deleted with the server)."""
    port = Client(None).create_port({'port': {
        'network_id': network_id, 'name': '', 'project_id': project_id}})
    STORE['port'][port['port']['id']]['_made_by_nova'] = True
    return port['port']['id']


def release_ports(server_id, delete_nova_made=False):
    """The server is gone: ports it was given by Nova go with it, ports
    made by their owner (Trove) stay, unbound, for the owner to delete."""
    for port_id, port in list(STORE['port'].items()):
        if port.get('device_id') != server_id:
            continue
        if delete_nova_made and port.get('_made_by_nova'):
            del STORE['port'][port_id]
        else:
            port.update(device_id='', device_owner='', status='DOWN')


def create_client(context, region_name=None, **kwargs):
    return Client(context)
