"""A fake of the python-glanceclient v2 images API that Trove 26 calls.

The images are fixed: one per datastore manager (the datastore versions in
Trove's database point at them) plus a spare one for rebuild tests.
"""

from glanceclient import exc as glance_exceptions

from localcloud import catalog


class Image(dict):
    """glanceclient v2 answers dict-like models with attribute access."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


IMAGES = {
    row['id']: Image(id=row['id'], name=row['name'], tags=list(row['tags']),
                     status='active', visibility='public', min_disk=0,
                     min_ram=0, disk_format='qcow2', container_format='bare',
                     created_at='2025-01-01T00:00:00Z',
                     updated_at='2025-01-01T00:00:00Z', size=1073741824,
                     protected=False, owner=None)
    for row in catalog.IMAGES
}


class Images(object):

    def get(self, image_id):
        if image_id not in IMAGES:
            raise glance_exceptions.HTTPNotFound(
                'No image found with ID %s' % image_id)
        return IMAGES[image_id]

    def list(self, filters=None, sort=None, limit=None, **kwargs):
        filters = filters or {}
        tags = filters.get('tag') or []
        if isinstance(tags, str):
            tags = [tags]
        found = [img for img in IMAGES.values()
                 if set(tags) <= set(img['tags']) and
                 img['status'] == filters.get('status', img['status'])]
        return iter(found[:limit] if limit else found)


class Client(object):
    def __init__(self, context):
        self.context = context
        self.images = Images()


def create_client(context, region_name=None, **kwargs):
    return Client(context)
