"""What the local cloud offers: datastores, images and flavors.

One table shared by the Trove database set-up (trove_setup) and the fakes
(fakes.glance, fakes.nova), so that a datastore version always points at an
image the fake Glance knows.
"""

import uuid


def image_id(manager):
    """A stable image UUID per datastore manager (same on every machine)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL,
                          'localcloud:image:%s' % manager))


# (datastore, manager, versions; the first version is the default)
DATASTORES = (
    ('mysql', 'mysql', ('5.7', '8.0')),
    ('mariadb', 'mariadb', ('10.11', '11.4')),
    ('redis', 'redis', ('7.0', '7.2')),
)

# Trove stores the guest agent's manager class per datastore version and
# has defaults only for mysql, mariadb and postgresql.
REGISTRY_EXT = {
    'mysql': 'trove.guestagent.datastore.mysql.manager.Manager',
    'mariadb': 'trove.guestagent.datastore.mariadb.manager.Manager',
    'redis': 'trove.guestagent.datastore.redis.manager.Manager',
}

# Images the fake Glance serves: one per manager, plus a spare one that
# rebuild can switch to.
IMAGES = tuple(
    {'id': image_id(manager), 'name': 'trove-guest-%s' % manager,
     'tags': ['trove', manager]}
    for manager in sorted({m for _, m, _ in DATASTORES})
) + ({'id': image_id('spare'), 'name': 'trove-guest-spare',
      'tags': ['trove', 'spare']},)

# Flavors of the fake Nova: (id, name, vcpus, ram MB, disk GB, ephemeral GB)
FLAVORS = (
    ('1', 'm1.tiny', 1, 512, 1, 0),
    ('2', 'm1.small', 1, 2048, 20, 0),
    ('3', 'm1.medium', 2, 4096, 40, 0),
    ('4', 'm1.large', 4, 8192, 80, 0),
    ('5', 'm1.xlarge', 8, 16384, 160, 0),
    ('6', 'd1.small', 1, 1024, 10, 0),
    ('7', 'eph.small', 1, 2048, 10, 10),
)
