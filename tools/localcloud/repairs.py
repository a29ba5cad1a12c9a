"""Start-up changes to the Trove process that serve the fakes (installed
files are never edited).

The rule: a start-up change may route a Trove client to a fake, make
polling faster or tune SQLite; it may not change what the Trove API accepts
or answers, so that the local cloud shows upstream Trove's faults as a real
cloud does (osc-trove's answer to each is in osc_trove/api/quirks.py).
Each change below, checked against that rule:

- fast_polling: the task manager's background loops wait 0.1-0.5 s
  between polls instead of 2-30 s; same loops, same time-outs, same
  outcomes, reached sooner.
- sqlite_wal: SQLite journal and fsync settings; no query changes.
- swift_client_to_fake, barbican_client_to_fake: two client factories that
  have no remote_*_client option go to the fakes, as the options send the
  others.
"""

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


def apply():
    fast_polling()
    sqlite_wal()
    swift_client_to_fake()
    from localcloud import compat
    if compat.has_instance_ssl():
        barbican_client_to_fake()
