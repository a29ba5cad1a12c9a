"""A stateful fake of the python-cinderclient API that Trove 26 calls.

Volumes go creating -> available; attached to a server they are in-use;
extend goes through `extending` back to the previous status with the new
size. Deleting a server deletes its volumes (Trove asks for
delete_on_termination).

Fault hooks kept from Trove's fake mode: size 9 ends in `error`, size 13
fails at create.
"""

from cinderclient import exceptions as cinder_exceptions

from localcloud.fakes import base

VOLUMES = {}
SNAPSHOTS = {}
VOLUME_TYPES = {
    'lvmdriver-1': base.Record(id='4d3aa2d5-ee55-4b88-b111-8f8f1c7ce62a',
                               name='lvmdriver-1', description='default',
                               is_public=True, extra_specs={}),
    'ssd': base.Record(id='9c7b5a11-6f3e-4cf4-9c1b-3d0e9a2b6f10',
                       name='ssd', description='fast', is_public=True,
                       extra_specs={}),
}


def not_found(what, ident):
    return cinder_exceptions.NotFound(404, '%s %s could not be found.'
                                      % (what, ident))


class Volume(base.Record):

    def __init__(self, size, name, description, volume_type,
                 availability_zone, snapshot_id, image_id, project_id):
        super(Volume, self).__init__(
            id=base.new_id(), size=int(size), name=name,
            description=description, volume_type=volume_type or 'lvmdriver-1',
            availability_zone=availability_zone or 'nova',
            snapshot_id=snapshot_id, status='creating', attachments=[],
            bootable='true' if image_id else 'false',
            created_at=base.now_iso(), metadata={})
        setattr(self, 'os-vol-tenant-attr:tenant_id', project_id)

    def _set(self, status):
        self.status = status

    def delete(self):
        get(self.id)
        if self.status == 'in-use':
            raise cinder_exceptions.BadRequest(
                400, 'Volume %s is attached; detach it first.' % self.id)
        self.status = 'deleting'
        base.later(base.STEP, VOLUMES.pop, self.id, None)


def get(volume_id):
    volume_id = getattr(volume_id, 'id', volume_id)
    if volume_id not in VOLUMES:
        raise not_found('Volume', volume_id)
    return VOLUMES[volume_id]


def attach(volume_id, server_id, delay=0):
    """Called by the fake Nova when a server takes a volume."""
    volume = get(volume_id)
    volume.status = 'attaching'

    def done():
        volume.attachments = [{'server_id': server_id, 'device': '/dev/vdb',
                               'attachment_id': base.new_id(),
                               'volume_id': volume.id}]
        volume.status = 'in-use'
    if delay:
        base.later(delay, done)
    else:
        done()


def detach(volume_id, delay=0):
    volume = get(volume_id)
    volume.status = 'detaching'

    def done():
        volume.attachments = []
        volume.status = 'available'
    base.later(delay, done)


def detached_from_deleted_server(volume_id):
    """The server is gone; its delete_on_termination volumes go too."""
    volume = VOLUMES.get(volume_id)
    if volume is not None:
        volume.attachments = []
        VOLUMES.pop(volume_id, None)


class Volumes(object):

    def __init__(self, context):
        self.context = context

    def create(self, size, name=None, description=None, volume_type=None,
               availability_zone=None, snapshot_id=None, imageRef=None,
               **kwargs):
        if int(size) == 13:
            raise cinder_exceptions.ClientException(
                500, 'Fake volume create error (size 13).')
        if volume_type and volume_type not in VOLUME_TYPES and not any(
                t.id == volume_type for t in VOLUME_TYPES.values()):
            raise cinder_exceptions.NotFound(
                404, 'Volume type %s could not be found.' % volume_type)
        volume = Volume(size, name, description, volume_type,
                        availability_zone, snapshot_id, imageRef,
                        getattr(self.context, 'project_id', None))
        VOLUMES[volume.id] = volume
        final = 'error' if int(size) == 9 else 'available'
        base.later(base.STEP, volume._set, final)
        return volume

    def get(self, volume_id):
        return get(volume_id)

    def list(self, detailed=True, search_opts=None, **kwargs):
        volumes = list(VOLUMES.values())
        for key, value in (search_opts or {}).items():
            if key in ('name', 'status'):
                volumes = [v for v in volumes if getattr(v, key) == value]
        return volumes

    def delete(self, volume_id):
        get(volume_id).delete()

    def extend(self, volume_id, new_size):
        volume = get(volume_id)
        if volume.status not in ('available', 'in-use'):
            raise cinder_exceptions.BadRequest(
                400, 'Volume status must be available or in-use, not %s'
                % volume.status)
        if int(new_size) <= volume.size:
            raise cinder_exceptions.BadRequest(
                400, 'New size must be greater than %d' % volume.size)
        before = volume.status
        volume.status = 'extending'

        def done():
            volume.size = int(new_size)
            volume.status = before
        base.later(base.STEP, done)


class VolumeSnapshots(object):

    def __init__(self, context):
        self.context = context

    def create(self, volume_id, force=False, name=None, description=None,
               metadata=None):
        volume = get(volume_id)
        snap = base.Record(id=base.new_id(), volume_id=volume.id,
                           size=volume.size, name=name,
                           description=description, status='creating',
                           created_at=base.now_iso(), metadata=metadata or {})
        SNAPSHOTS[snap.id] = snap
        base.later(base.STEP, setattr, snap, 'status', 'available')
        return snap

    def get(self, snapshot_id):
        if snapshot_id not in SNAPSHOTS:
            raise not_found('Snapshot', snapshot_id)
        return SNAPSHOTS[snapshot_id]

    def list(self, **kwargs):
        return list(SNAPSHOTS.values())

    def delete(self, snapshot_id):
        self.get(getattr(snapshot_id, 'id', snapshot_id))
        SNAPSHOTS.pop(getattr(snapshot_id, 'id', snapshot_id), None)


class VolumeTypes(object):

    def list(self, **kwargs):
        return list(VOLUME_TYPES.values())

    def get(self, volume_type):
        for vt in VOLUME_TYPES.values():
            if volume_type in (vt.id, vt.name):
                return vt
        raise not_found('Volume type', volume_type)


class Client(object):
    def __init__(self, context):
        self.context = context
        self.volumes = Volumes(context)
        self.volume_snapshots = VolumeSnapshots(context)
        self.volume_types = VolumeTypes()


def create_client(context, region_name=None, **kwargs):
    return Client(context)
