"""A stateful fake of the python-novaclient API that Trove 26 calls.

Servers go BUILD -> ACTIVE, REBOOT -> ACTIVE, RESIZE -> VERIFY_RESIZE ->
(confirm) ACTIVE, REBUILD -> ACTIVE; a deleted server disappears after a
step. Trove creates every server in its service project, so servers are not
scoped per project here either.

Fault hooks kept from Trove's fake mode: a server whose name ends in
SERVER_ERROR fails at create, one ending in _ERROR_ON_DELETE fails its
first delete.
"""

from novaclient import api_versions
from novaclient import exceptions as nova_exceptions

from localcloud import catalog
from localcloud.fakes import base, cinder, neutron

API_VERSION = '2.60'
HOSTS = ('fake-host-1', 'fake-host-2')

SERVERS = {}
SERVER_GROUPS = {}


def _flavor_record(row):
    fid, name, vcpus, ram, disk, ephemeral = row
    flavor = base.Record(id=fid, name=name, vcpus=vcpus, ram=ram, disk=disk,
                         ephemeral=ephemeral, swap='', rxtx_factor=1.0,
                         is_public=True, description=None, extra_specs={})
    setattr(flavor, 'OS-FLV-EXT-DATA:ephemeral', ephemeral)
    return flavor


FLAVORS = {row[0]: _flavor_record(row) for row in catalog.FLAVORS}


def not_found(what, ident):
    return nova_exceptions.NotFound(404, '%s %s could not be found.'
                                    % (what, ident))


class Flavors(object):

    def get(self, flavor):
        fid = str(getattr(flavor, 'id', flavor))
        if fid not in FLAVORS:
            raise not_found('Flavor', fid)
        return FLAVORS[fid]

    def list(self, detailed=True, is_public=True, **kwargs):
        return list(FLAVORS.values())

    def find(self, **kwargs):
        for flavor in FLAVORS.values():
            if all(getattr(flavor, k, None) == v for k, v in kwargs.items()):
                return flavor
        raise not_found('Flavor', kwargs)


class Server(base.Record):
    """One fake server; the methods are those novaclient's Server has."""

    def __init__(self, name, image_id, flavor, context, metadata, tags,
                 availability_zone, volumes, nics):
        super(Server, self).__init__(
            id=base.new_id(), name=name, status='BUILD',
            image={'id': image_id or ''}, flavor=self._flavor_info(flavor),
            metadata=dict(metadata or {}), tags=list(tags or []),
            tenant_id=getattr(context, 'project_id', None),
            user_id=getattr(context, 'user_id', None),
            created=base.now_iso(), updated=base.now_iso(),
            addresses={}, fault={}, networks={}, key_name=None,
            security_groups=[])
        setattr(self, 'OS-EXT-AZ:availability_zone',
                availability_zone or 'nova')
        setattr(self, 'OS-EXT-SRV-ATTR:host', HOSTS[0])
        setattr(self, 'os-extended-volumes:volumes_attached',
                [{'id': v} for v in volumes])
        self._volumes = list(volumes)
        self._nics = nics or []
        self._old_flavor = None
        self._delete_fails_once = name.endswith('_ERROR_ON_DELETE')

    @staticmethod
    def _flavor_info(flavor):
        # Microversion >= 2.47 embeds the flavor without its id.
        return {'original_name': flavor.name, 'id': flavor.id,
                'vcpus': flavor.vcpus, 'ram': flavor.ram,
                'disk': flavor.disk, 'ephemeral': flavor.ephemeral}

    # Trove's mgmt views read and write `host` (as on Rackspace's
    # extension); Nova names it OS-EXT-SRV-ATTR:host. Keep both in step.
    @property
    def host(self):
        return getattr(self, 'OS-EXT-SRV-ATTR:host')

    @host.setter
    def host(self, value):
        setattr(self, 'OS-EXT-SRV-ATTR:host', value)

    def _set(self, status):
        self.status = status
        self.updated = base.now_iso()

    def _set_later(self, status, steps=1):
        base.later(base.STEP * steps, self._set, status)

    # novaclient Server methods -------------------------------------------

    def delete(self):
        if self._delete_fails_once:
            self._delete_fails_once = False
            self._set('ERROR')
            self.fault = {'message': 'Fake delete error (_ERROR_ON_DELETE)'}
            return
        self._set('DELETED')
        base.later(base.STEP, self._vanish)

    def _vanish(self):
        SERVERS.pop(self.id, None)
        neutron.release_ports(self.id, delete_nova_made=True)
        for volume_id in self._volumes:
            cinder.detached_from_deleted_server(volume_id)

    def reboot(self, reboot_type='SOFT'):
        self._set('REBOOT' if reboot_type == 'SOFT' else 'HARD_REBOOT')
        self._set_later('ACTIVE')

    def resize(self, flavor, **kwargs):
        new_flavor = Flavors().get(flavor)
        self._set('RESIZE')

        def done():
            self._old_flavor = self.flavor
            self.flavor = self._flavor_info(new_flavor)
            self._set('VERIFY_RESIZE')
        base.later(base.STEP, done)

    # novaclient's signature: Trove's MigrateAction passes force_host (since
    # Trove commit 166fd33e), which novaclient's Server.migrate does not take,
    # so a migration fails in the task manager here as on a real cloud and the
    # instance comes back ACTIVE on the host it was on.
    def migrate(self, host=None):
        self._set('RESIZE')

        def done():
            self._old_flavor = self.flavor
            target = host or [h for h in HOSTS if h != self.host][0]
            setattr(self, 'OS-EXT-SRV-ATTR:host', target)
            self._set('VERIFY_RESIZE')
        base.later(base.STEP, done)

    def confirm_resize(self):
        if self.status != 'VERIFY_RESIZE':
            raise nova_exceptions.Conflict(409, 'Server not in VERIFY_RESIZE')
        self._old_flavor = None
        self._set('ACTIVE')

    def revert_resize(self):
        if self.status != 'VERIFY_RESIZE':
            raise nova_exceptions.Conflict(409, 'Server not in VERIFY_RESIZE')
        self.flavor = self._old_flavor or self.flavor
        self._old_flavor = None
        self._set('REVERT_RESIZE')
        self._set_later('ACTIVE')

    def rebuild(self, image, **kwargs):
        self._set('REBUILD')
        self.image = {'id': getattr(image, 'id', image)}
        self._set_later('ACTIVE')


class Servers(object):

    def __init__(self, context):
        self.context = context

    def create(self, name, image, flavor, meta=None, files=None,
               userdata=None, key_name=None, availability_zone=None,
               block_device_mapping_v2=None, nics=None, scheduler_hints=None,
               config_drive=None, security_groups=None, tags=None, **kwargs):
        if name.endswith('SERVER_ERROR'):
            raise nova_exceptions.ClientException(
                500, 'Fake server create error (name ends in SERVER_ERROR).')
        if availability_zone == 'BAD_ZONE':
            raise nova_exceptions.BadRequest(
                400, 'The requested availability zone is not available.')
        image_id = getattr(image, 'id', image)
        volumes = [bdm['uuid'] for bdm in block_device_mapping_v2 or []
                   if bdm.get('source_type') == 'volume']
        server = Server(name, image_id, Flavors().get(flavor), self.context,
                        meta, tags, availability_zone, volumes, nics)
        SERVERS[server.id] = server
        for volume_id in volumes:
            cinder.attach(volume_id, server.id)
        self._plug(server, nics)
        hints = scheduler_hints or {}
        if hints.get('group') in SERVER_GROUPS:
            SERVER_GROUPS[hints['group']].members.append(server.id)
        server._set_later('ACTIVE')
        return server

    @staticmethod
    def _plug(server, nics):
        """Give the server its ports, as Nova does: the ports Trove made,
        a new port per requested network, and with no NIC at all a port on
        the one tenant network (Nova's automatic allocation)."""
        ports = [nic['port-id'] for nic in nics or [] if nic.get('port-id')]
        networks = [nic.get('net-id') or nic.get('network_id')
                    for nic in nics or [] if not nic.get('port-id')]
        if not nics:
            networks = [neutron.PRIVATE_NET]
        for network_id in networks:
            if network_id:
                ports.append(neutron.create_nova_port(network_id,
                                                      server.tenant_id))
        for port_id in ports:
            neutron.bind_port(port_id, server.id)

    def get(self, server):
        sid = getattr(server, 'id', server)
        if sid not in SERVERS:
            raise not_found('Instance', sid)
        return SERVERS[sid]

    def list(self, detailed=True, search_opts=None, limit=None, marker=None,
             **kwargs):
        servers = list(SERVERS.values())
        wanted = (search_opts or {}).get('tags-any')
        if wanted:
            tags = set(wanted.split(','))
            servers = [s for s in servers if tags & set(s.tags)]
        if limit and limit > 0:
            servers = servers[:limit]
        return servers

    def delete(self, server):
        self.get(server).delete()

    def set_tags(self, server, tags):
        self.get(server).tags = list(tags)

    def reboot(self, server, reboot_type='SOFT'):
        self.get(server).reboot(reboot_type)

    def resize(self, server, flavor, **kwargs):
        self.get(server).resize(flavor)

    def confirm_resize(self, server):
        self.get(server).confirm_resize()

    def revert_resize(self, server):
        self.get(server).revert_resize()

    def rebuild(self, server, image, **kwargs):
        self.get(server).rebuild(image)

    def migrate(self, server, host=None):
        self.get(server).migrate(host=host)


class ServerVolumes(object):
    """Nova's os-volume_attachments, as Trove calls it for volume resize."""

    def create_server_volume(self, server_id, volume_id, device=None,
                             **kwargs):
        server = Servers(None).get(server_id)
        server._volumes.append(volume_id)
        cinder.attach(volume_id, server_id, delay=base.STEP)

    def delete_server_volume(self, server_id, volume_id, **kwargs):
        server = Servers(None).get(server_id)
        if volume_id in server._volumes:
            server._volumes.remove(volume_id)
        cinder.detach(volume_id, delay=base.STEP)


class ServerGroups(object):

    def create(self, name, policies=None, policy=None, rules=None):
        group = base.Record(id=base.new_id(), name=name,
                            policies=list(policies or [policy]),
                            policy=policy or (policies or [None])[0],
                            rules=rules or {}, members=[])
        SERVER_GROUPS[group.id] = group
        return group

    def get(self, group_id):
        if group_id not in SERVER_GROUPS:
            raise not_found('Server group', group_id)
        return SERVER_GROUPS[group_id]

    def list(self, all_projects=False, **kwargs):
        return list(SERVER_GROUPS.values())

    def delete(self, group_id):
        if SERVER_GROUPS.pop(getattr(group_id, 'id', group_id), None) is None:
            raise not_found('Server group', group_id)


class Client(object):
    def __init__(self, context):
        self.context = context
        self.api_version = api_versions.APIVersion(API_VERSION)
        self.flavors = Flavors()
        self.servers = Servers(context)
        self.volumes = ServerVolumes()
        self.server_groups = ServerGroups()


def create_client(context, region_name=None, password=None, **kwargs):
    return Client(context)
