"""Changes to Trove's behaviour that the local cloud needs, applied by the
launcher at start-up (installed files are never edited).

Each repair says why. They make Trove faster against back ends that answer
at once, or route a call that has no `remote_*_client` option to the fakes;
none changes what the API accepts or answers.
"""

from oslo_log import log as logging

LOG = logging.getLogger(__name__)

# Against the fakes a poll finds its answer within a few tenths of a second.
POLL_START = 0.1
POLL_MAX = 0.5


def fast_polling():
    """Trove polls with exponential back-off from 2-5 s up to 30 s
    (trove.common.utils.build_polling_task), so one instance create waits
    ~10 s for fakes that finished long before. Keep the same loop and its
    time-outs, with short intervals."""
    from oslo_service import loopingcall
    from trove.common import utils

    def build_polling_task(retriever, condition=lambda value: value,
                           sleep_time=1, time_out=0, initial_delay=0):
        def poll_and_check():
            obj = retriever()
            if condition(obj):
                raise loopingcall.LoopingCallDone(retvalue=obj)

        call = loopingcall.BackOffLoopingCall(f=poll_and_check)
        return call.start(initial_delay=min(initial_delay, POLL_START),
                          starting_interval=min(sleep_time, POLL_START),
                          max_interval=POLL_MAX, timeout=time_out)

    utils.build_polling_task = build_polling_task


def sqlite_wal():
    """SQLite's default rollback journal makes every request's commit wait
    for fsync and blocks readers during writes; WAL keeps the API fast."""
    import sqlalchemy
    from sqlalchemy.engine import Engine

    @sqlalchemy.event.listens_for(Engine, 'connect')
    def _pragmas(dbapi_connection, _record):
        if type(dbapi_connection).__module__.startswith('sqlite3'):
            cur = dbapi_connection.cursor()
            cur.execute('PRAGMA journal_mode=WAL')
            cur.execute('PRAGMA synchronous=OFF')
            cur.close()


def swift_client_to_fake():
    """Backups and replication call trove.common.clients.swift_client()
    directly (not the remote_swift_client factory) just to learn the object
    store URL; send them to the fake object store too."""
    from trove.common import clients

    from localcloud.fakes import swift

    clients.swift_client = swift.create_client


def barbican_client_to_fake():
    """Instance SSL reads certificate bundles through
    trove.common.clients.barbican_client, imported by name into
    trove.common.ssl and without a remote_*_client option: point it at
    the fake key manager."""
    from trove.common import ssl

    from localcloud.fakes import keymanager

    ssl.barbican_client = keymanager.create_client


def redis_grow_map():
    """Upstream bug: RedisClusterTasks.grow_cluster builds its new guests
    with map() and loops over them twice, so the second loop (cluster_complete)
    sees an exhausted iterator and the new nodes never leave BUILD. Give that
    module a map() that returns a list."""
    import builtins

    from trove.common.strategies.cluster.experimental.redis import taskmanager

    taskmanager.map = lambda func, *iterables: list(
        builtins.map(func, *iterables))


def redis_grow_signature():
    """Upstream bug: Cluster.action() calls self.grow(instances, image_id)
    but RedisCluster.grow(self, instances) takes no image id, so growing a
    Redis cluster answers 500. Accept and drop it (Redis members use the
    datastore version's image anyway)."""
    from trove.common.strategies.cluster.experimental.redis import api

    grow_without_image = api.RedisCluster.grow

    def grow(self, instances, image_id=None):
        return grow_without_image(self, instances)

    api.RedisCluster.grow = grow


def running_backup_age():
    """Upstream bug: Backup.delete() subtracts the naive `created` of a
    backup from timeutils.utcnow_aware() to decide whether a running backup
    may be deleted; Python refuses to mix them and the DELETE answers 500
    instead of 422 "cannot be deleted because it is running". Give that
    module a timeutils whose utcnow_aware() is naive like `created`."""
    import types

    from trove.backup import models
    from trove.common import timeutils

    shim = types.SimpleNamespace(**{name: getattr(timeutils, name)
                                    for name in dir(timeutils)
                                    if not name.startswith('__')})
    shim.utcnow_aware = timeutils.utcnow
    models.timeutils = shim


def admin_module_list():
    """Upstream bug: Modules.load() returns a variable that only its
    non-admin branch sets, so GET /modules as an admin answers 500 (and so
    does finding a module by name). Give admins every module that matches
    the same filters."""
    from trove.module import models

    load = models.Modules.load

    def load_for_anyone(context, datastore=None):
        if context is None or not context.is_admin:
            return load(context, datastore=datastore)
        query_opts = {'deleted': False}
        if datastore:
            if datastore.lower() == models.Modules.MATCH_ALL_NAME:
                datastore = None
            query_opts['datastore_id'] = datastore
        return models.DBModule.find_all(**query_opts).all()

    models.Modules.load = staticmethod(load_for_anyone)


def apply():
    fast_polling()
    sqlite_wal()
    swift_client_to_fake()
    barbican_client_to_fake()
    redis_grow_map()
    redis_grow_signature()
    running_backup_age()
    admin_module_list()
