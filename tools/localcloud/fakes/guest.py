"""A fake guest agent: what runs inside each database VM.

One `Guest` per Trove instance answers the calls of
trove.guestagent.api.API (same method names and arguments) from in-memory
state, and reports back the way a real agent does: through the conductor's
`heartbeat` (service status) and `update_backup` (backup progress), here
called in-process on trove.conductor.manager.Manager.

Heartbeats go out every HEARTBEAT_INTERVAL seconds for every prepared guest
that has not been told to stop (eject tests need a silent primary).

Fault hooks kept from Trove's fake mode: an instance whose name ends in
GUEST_ERROR fails to prepare; a backup named FAIL fails. Added here: a
backup whose name ends in _SLOW takes SLOW_BACKUP seconds (time to see it
BUILDING, or to try deleting it while it runs); the agent
of an instance whose name ends in _SILENT sends no heartbeats (rename a
replica source to that to see Trove eject it: eject needs a source whose
heartbeat is older than agent_heartbeat_expiry), nor answers rpc_ping.
"""

import hashlib
import re
import time

import eventlet
from oslo_log import log as logging
from trove.common import exception as trove_exception

from localcloud.fakes import base, swift

LOG = logging.getLogger(__name__)

HEARTBEAT_INTERVAL = 1.0
BACKUP_SIZE_GB = 0.14
SLOW_BACKUP = 8.0

GUESTS = {}
_heartbeat_thread = None

HEALTHY = 'healthy'
SHUTDOWN = 'shutdown'
FAILED = 'failed to spawn'
RESTART_REQUIRED = 'restart required'
INSTANCE_READY = 'instance ready'

_USER_NAME = re.compile(r"""^\s|\s$|'|"|;|`|,|/|\\""")


def _conductor():
    from trove.conductor import manager
    return manager.Manager()


def _admin_context():
    from trove.common import context
    return context.TroveContext(is_admin=True)


class Guest(object):

    def __init__(self, instance_id):
        self.id = instance_id
        self.status = None          # None until prepare() has run
        self.heartbeating = True
        self.databases = {}         # name -> serialized database
        self.users = {}             # (name, host) -> serialized user
        self.grants = {}            # (name, host) -> set of database names
        self.root_enabled = False
        self.root_password = None
        self.overrides = {}
        self.modules = {}           # module id -> result dict
        self.logs = {}              # log name -> state dict
        self.ssl = {'status': 'off', 'mode': None}
        self.read_only = False
        self.ds_version = None
        self.manager = None
        self.cluster_config = None
        self.cluster = {}           # what the cluster calls have set up

    # reporting -------------------------------------------------------------

    def report(self, status=None):
        """Send one heartbeat now, as the agent does on a status change."""
        if status is not None:
            self.status = status
        if self.status is None or not self.heartbeating:
            return
        try:
            if self._instance().name.endswith('_SILENT'):
                return
            _conductor().heartbeat(_admin_context(), self.id,
                                   {'service_status': self.status},
                                   sent=time.time())
        except trove_exception.ModelNotFoundError:
            # The instance is gone; so is its guest.
            GUESTS.pop(self.id, None)
        except Exception:
            # The real agent casts its heartbeat: a conductor that fails on one
            # (SQLite's "database is locked", seen once in 4 suite runs) logs it and
            # never answers the agent, and the next heartbeat, HEARTBEAT_INTERVAL
            # later, carries the status again. Called in-process, the failure
            # would reach the task manager's call (cluster_complete: the cluster
            # went to ERROR) or end the heartbeat loop.
            LOG.exception('the conductor failed on a heartbeat of %s', self.id)

    def _instance(self):
        from trove.instance.models import DBInstance
        return DBInstance.find_by(id=self.id, deleted=False)

    # life cycle ------------------------------------------------------------

    def prepare(self, memory_mb, packages, databases, users, device_path=None,
                mount_point=None, backup_info=None, config_contents=None,
                root_password=None, overrides=None, cluster_config=None,
                snapshot=None, modules=None, ds_version=None):
        name = self._instance().name
        self.ds_version = ds_version
        self.overrides = dict(overrides or {})

        def finish():
            if name.endswith('GUEST_ERROR'):
                self.report(FAILED)
                return
            self.create_database(databases or [])
            self.create_user(users or [])
            if root_password:
                self.enable_root_with_password(root_password)
            if backup_info:
                self._restore(backup_info)
            if snapshot:
                self.attach_replication_slave(snapshot)
            if modules:
                self.module_apply(modules)
            # A cluster member waits for the task manager's cluster_complete.
            self.report(INSTANCE_READY if cluster_config else HEALTHY)
        self.cluster_config = cluster_config
        base.later(base.STEP, finish)

    def _restore(self, backup_info):
        # A real agent restores data files; the fake restores nothing more
        # than what the backup recorded of the source (see create_backup).
        source = BACKUP_CONTENTS.get(backup_info.get('id'))
        if source:
            self.databases.update(source['databases'])
            self.users.update(source['users'])
            self.grants.update({k: set(v) for k, v in source['grants'].items()})

    def restart(self):
        self.report('restarting')
        eventlet.sleep(base.STEP)
        self.report(HEALTHY)

    def start_db_with_conf_changes(self, config_contents, ds_version):
        eventlet.sleep(base.STEP)
        self.ds_version = ds_version or self.ds_version
        self.report(HEALTHY)

    def reset_configuration(self, configuration):
        pass

    def stop_db(self, do_not_start_on_reboot=False):
        self.report(SHUTDOWN)

    def rebuild(self, ds_version, config_contents=None,
                config_overrides=None):
        self.ds_version = ds_version
        self.overrides = dict(config_overrides or {})
        base.later(base.STEP, self.report, HEALTHY)

    def pre_upgrade(self):
        return {'mount_point': '/var/lib/mysql'}

    def upgrade(self, upgrade_info):
        self.ds_version = upgrade_info.get('datastore_version',
                                           self.ds_version)
        # The task manager has set UPGRADING itself. (Reporting 'upgrading'
        # would fail: Trove 26 gives UPGRADING and RESTARTING the same code,
        # 0x22, so the description 'upgrading' does not map back.)
        base.later(base.STEP, self.report, HEALTHY)

    def post_upgrade(self, upgrade_info):
        self.report(HEALTHY)

    def update_guest(self):
        pass

    def rpc_ping(self):
        # A silent agent answers no call: the RPC times out, and
        # trove.guestagent.api.API._call raises GuestTimeout.
        if self._instance().name.endswith('_SILENT'):
            raise trove_exception.GuestTimeout()
        return True

    def get_hwinfo(self):
        return {'mem_total': 524288, 'num_cpus': 1}

    def get_diagnostics(self):
        return {'version': '1', 'fd_size': 64, 'vm_size': 29096,
                'vm_peak': 29160, 'vm_rss': 2872, 'vm_hwm': 2872,
                'threads': 2}

    def get_volume_info(self):
        from trove.instance.models import DBInstance
        size = DBInstance.find_by(id=self.id).volume_size or 1
        return {'used': 0.16, 'total': float(size)}

    def mount_volume(self, device_path=None, mount_point=None):
        pass

    def unmount_volume(self, device_path=None, mount_point=None):
        pass

    def resize_fs(self, device_path=None, mount_point=None, online=False):
        pass

    # configuration ---------------------------------------------------------

    def update_overrides(self, overrides, remove=False):
        if remove:
            self.overrides = {}
        else:
            self.overrides.update(overrides or {})

    def apply_overrides(self, overrides):
        self.overrides.update(overrides or {})

    # databases and users ----------------------------------------------------

    @staticmethod
    def _check_user_name(name):
        if not name or _USER_NAME.search(name):
            raise ValueError("'%s' is not a valid user name." % name)

    def _user(self, name, host):
        key = (name, host or '%')
        if key not in self.users:
            raise trove_exception.UserNotFound(uuid='%s@%s' % key)
        return key

    def create_database(self, databases):
        for db in databases:
            self.databases[db['_name']] = dict(db)

    def delete_database(self, database):
        self.databases.pop(database['_name'], None)
        for grants in self.grants.values():
            grants.discard(database['_name'])

    @staticmethod
    def _page(items, limit, marker, include_marker):
        # Like the MySQL agent's query: WHERE marker > :marker (>= with
        # include_marker), ORDER BY name, LIMIT limit + 1.
        names = sorted(items)
        if marker:
            names = [n for n in names
                     if n > marker or (include_marker and n == marker)]
        next_marker = None
        if limit and len(names) > limit:
            names = names[:limit]
            next_marker = names[-1]
        return names, next_marker

    def list_databases(self, limit=None, marker=None, include_marker=False):
        names, next_marker = self._page(self.databases, limit, marker,
                                        include_marker)
        return [self.databases[n] for n in names], next_marker

    def create_user(self, users):
        for user in users:
            self._check_user_name(user['_name'])
            key = (user['_name'], user.get('_host') or '%')
            self.users[key] = dict(user, _host=key[1])
            self.grants.setdefault(key, set()).update(
                db['_name'] for db in user.get('_databases') or [])

    def _serialized_user(self, key):
        user = dict(self.users[key])
        user['_databases'] = [{'_name': db, '_character_set': None,
                               '_collate': None}
                              for db in sorted(self.grants.get(key, ()))]
        # A real agent never reads passwords back: the key is there, empty.
        user['_password'] = None
        return user

    def list_users(self, limit=None, marker=None, include_marker=False):
        by_marker = {'%s@%s' % key: key for key in self.users
                     if key[0] not in ('os_admin', 'root')}
        names, next_marker = self._page(by_marker, limit, marker,
                                        include_marker)
        return ([self._serialized_user(by_marker[n]) for n in names],
                next_marker)

    def get_user(self, username, hostname):
        key = (username, hostname or '%')
        if key not in self.users:
            return None
        return self._serialized_user(key)

    def delete_user(self, user):
        key = (user['_name'], user.get('_host') or '%')
        self.users.pop(key, None)
        self.grants.pop(key, None)

    def change_passwords(self, users):
        for user in users:
            key = self._user(user['name'], user.get('host'))
            self.users[key]['_password'] = user['password']

    def update_attributes(self, username, hostname, user_attrs):
        key = self._user(username, hostname)
        new_key = (user_attrs.get('name') or key[0],
                   user_attrs.get('host') or key[1])
        user = self.users.pop(key)
        user.update(_name=new_key[0], _host=new_key[1])
        if user_attrs.get('password'):
            user['_password'] = user_attrs['password']
        self.users[new_key] = user
        self.grants[new_key] = self.grants.pop(key, set())

    def grant_access(self, username, hostname, databases):
        key = self._user(username, hostname)
        self.grants.setdefault(key, set()).update(databases)

    def revoke_access(self, username, hostname, database):
        key = self._user(username, hostname)
        if database not in self.grants.get(key, set()):
            raise trove_exception.DatabaseNotFound(uuid=database)
        self.grants[key].discard(database)

    def list_access(self, username, hostname):
        key = self._user(username, hostname)
        return [{'_name': db, '_character_set': None, '_collate': None}
                for db in sorted(self.grants.get(key, ()))]

    # root -------------------------------------------------------------------

    def enable_root(self):
        return self.enable_root_with_password(None)

    def enable_root_with_password(self, root_password=None):
        from trove.common import utils
        self.root_enabled = True
        self.root_password = root_password or utils.generate_random_password()
        user = {'_name': 'root', '_host': '%',
                '_password': self.root_password, '_databases': []}
        self.users[('root', '%')] = user
        return dict(user)

    def disable_root(self):
        self.users.pop(('root', '%'), None)
        self.root_enabled = False

    def is_root_enabled(self):
        return self.root_enabled

    def get_root_password(self):
        return self.root_password

    # backups ----------------------------------------------------------------

    def create_backup(self, backup_info):
        """Asynchronous, like the real agent: NEW -> BUILDING -> final."""
        backup_id = backup_info['id']
        conductor = _conductor()
        ctx = _admin_context()

        def update(**fields):
            conductor.update_backup(ctx, self.id, backup_id,
                                    sent=time.time(), **fields)

        def run():
            from trove.backup.models import DBBackup
            row = DBBackup.find_by(id=backup_id)
            name = row.name
            update(state='BUILDING')
            eventlet.sleep(SLOW_BACKUP if name.endswith('_SLOW') else base.STEP)
            if name == 'FAIL':
                update(state='FAILED')
                return
            # Like the agent: stream the backup into the user's account
            # (backup_info['swift_url'], set by the task manager since Trove
            # 26.0.0, commit 804f960b; before, the agent found the object
            # store in the catalog of the user's token: the backup's project
            # at the fake store's address).
            from trove.common import cfg
            account = backup_info.get('swift_url') or \
                '%s/AUTH_%s' % (swift.BASE_URL, row.tenant_id)
            container = backup_info.get('swift_container') or \
                cfg.CONF.backup_swift_container
            obj = '%s.xbstream.gz.enc' % backup_id
            checksum = swift.put(swift.project_of(account), container, obj,
                                 'fake backup %s of instance %s'
                                 % (backup_id, self.id))
            BACKUP_CONTENTS[backup_id] = {
                'databases': dict(self.databases),
                'users': {k: v for k, v in self.users.items()
                          if k[0] not in ('root',)},
                'grants': {k: set(v) for k, v in self.grants.items()}}
            update(state='COMPLETED', size=BACKUP_SIZE_GB,
                   checksum=checksum,
                   location='%s/%s/%s' % (account, container, obj),
                   success=True)
        base.later(0, run)

    def pre_create_backup(self, **kwargs):
        return {}

    def post_create_backup(self, **kwargs):
        pass

    # replication ------------------------------------------------------------

    def backup_required_for_replication(self):
        return True

    def get_replication_snapshot(self, snapshot_info=None,
                                 replica_source_config=None):
        snapshot_info = snapshot_info or {}
        if snapshot_info.get('id'):
            self.create_backup(snapshot_info)
        return {
            'dataset': {'datastore_manager': self.manager or 'mysql',
                        'dataset_size': 0.16, 'volume_size': 1.0,
                        'snapshot_id': snapshot_info.get('id')},
            'replication_strategy': 'MysqlGTIDReplication',
            'master': {'host': '10.0.0.2', 'port': 3306,
                       'username': 'slave_user', 'password': 'secret'},
            'replica_conf': {},
            'log_position': {'gtid_executed': '1-1-1'},
        }

    def attach_replication_slave(self, snapshot, replica_config=None):
        self.read_only = True

    def attach_replica(self, replica_info, slave_config, restart=False):
        self.read_only = True
        if restart:
            self.restart()

    def detach_replica(self, for_failover=False):
        self.read_only = False
        return {'replication_strategy': 'MysqlGTIDReplication',
                'master': {'host': '10.0.0.2', 'port': 3306}}

    def get_replica_context(self):
        return {'master': {'host': '10.0.0.2', 'port': 3306,
                           'username': 'slave_user', 'password': 'secret'},
                'log_position': {'gtid_executed': '1-1-1'}}

    def make_read_only(self, read_only):
        self.read_only = read_only

    def enable_as_master(self, replica_source_config):
        self.read_only = False

    def demote_replication_master(self):
        self.read_only = True

    def cleanup_source_on_replica_detach(self, replica_info):
        pass

    def get_txn_count(self):
        return 1

    def get_last_txn(self):
        return ('9d4ff6b8-0000-4000-8000-000000000001', 1)

    def get_latest_txn_id(self):
        return '9d4ff6b8-0000-4000-8000-000000000001:1'

    def wait_for_txn(self, txn):
        pass

    # logs --------------------------------------------------------------------

    def _log(self, name):
        if not self.logs:
            for log_name, log_type in (('general', 'USER'),
                                       ('slow_query', 'USER'),
                                       ('guest', 'SYS')):
                self.logs[log_name] = {
                    'name': log_name, 'type': log_type,
                    'status': 'Ready' if log_type == 'SYS' else 'Disabled',
                    'published': 0, 'pending': 0, 'container': 'None',
                    'prefix': 'None', 'metafile': 'None', 'parts': 0}
        if name is not None and name not in self.logs:
            raise trove_exception.NotFound(
                "No such log: '%s'." % name)
        return self.logs.get(name)

    def _show_log(self, log):
        return {k: v for k, v in log.items() if k != 'parts'}

    def guest_log_list(self):
        self._log(None)
        return [self._show_log(log) for log in self.logs.values()]

    def guest_log_action(self, log_name, enable, disable, publish, discard):
        from trove.common import cfg
        log = self._log(log_name)
        if enable and disable:
            raise trove_exception.BadRequest(
                "Cannot enable and disable log '%s'." % log_name)
        if publish and not disable:
            enable = True
        if log['type'] == 'SYS' and (enable or disable) and not publish:
            raise trove_exception.BadRequest(
                "Cannot %s a SYSTEM log ('%s')."
                % ('enable' if enable else 'disable', log_name))
        if enable and log['type'] == 'USER':
            log['status'] = 'Enabled'
            log['pending'] = max(log['pending'], 1024)
        if disable:
            log['status'] = 'Disabled'
        if publish:
            container = cfg.CONF.guest_log_container_name
            prefix = '%s/%s' % (self.id, log_name)
            project = self._instance().tenant_id
            log['parts'] += 1
            swift.put(project, container,
                      '%s/log-%08d' % (prefix, log['parts']),
                      'fake %s log of instance %s, part %d\n'
                      % (log_name, self.id, log['parts']))
            log['published'] += log['pending'] or 64
            log['pending'] = 0
            log.update(container=container, prefix=prefix,
                       metafile='%s_metafile' % prefix,
                       status='Published')
        if discard:
            container = cfg.CONF.guest_log_container_name
            project = self._instance().tenant_id
            objs = swift.ACCOUNTS.get(project, {}).get(container, {})
            for obj in [o for o in objs if o.startswith(
                    '%s/%s/' % (self.id, log_name))]:
                del objs[obj]
            log.update(published=0, parts=0, container='None',
                       prefix='None', metafile='None')
            if log['status'] == 'Published':
                log['status'] = 'Enabled' if log['type'] == 'USER' \
                    else 'Ready'
        return self._show_log(log)

    # modules ---------------------------------------------------------------

    def module_list(self, include_contents=False):
        results = []
        for result in self.modules.values():
            row = dict(result)
            if not include_contents:
                row['contents'] = None
            results.append(row)
        return results

    def module_apply(self, modules=None):
        results = []
        now = base.now_iso()
        for data in modules or []:
            module = data['module']
            if not module.get('contents'):
                raise AttributeError('Module contents not specified')
            result = self.modules.get(module['id'], {'created': now})
            result.update(
                id=module['id'], name=module['name'],
                type=module['type'], md5=module.get('md5') or
                hashlib.md5(module['contents'].encode()).hexdigest(),
                datastore=module.get('datastore') or 'all',
                datastore_version=module.get('datastore_version') or 'all',
                tenant=module.get('tenant') or 'all',
                auto_apply=module.get('auto_apply', False),
                visible=module.get('visible', True),
                is_admin=module.get('is_admin', False),
                status='OK', message='Module applied (fake guest)',
                updated=now, removed=None, contents=module['contents'])
            self.modules[module['id']] = result
            results.append(dict(result, contents=None))
        return results

    def module_remove(self, module=None):
        self.modules.pop(module['module']['id'], None)

    # clusters (redis and galera strategies' extra calls) --------------------

    def _ip(self):
        from trove.instance.models import DBInstance

        from localcloud.fakes import neutron
        server_id = DBInstance.find_by(id=self.id).compute_instance_id
        for port in neutron.STORE['port'].values():
            if port.get('device_id') == server_id:
                return port['fixed_ips'][0]['ip_address']
        return None

    def cluster_complete(self):
        self.report(HEALTHY)

    def get_node_ip(self):
        return [self._ip(), '6379']

    def get_node_id_for_removal(self):
        return self.cluster.setdefault('node_id', base.new_id().replace('-', ''))

    def remove_nodes(self, node_ids):
        self.cluster['forgotten'] = sorted(
            set(self.cluster.get('forgotten', [])) | set(node_ids))

    def cluster_meet(self, ip, port):
        self.cluster['head'] = '%s:%s' % (ip, port)

    def cluster_addslots(self, first_slot, last_slot):
        self.cluster['slots'] = [first_slot, last_slot]

    def reset_admin_password(self, admin_password):
        self.cluster['admin_password'] = admin_password

    def install_cluster(self, replication_user, cluster_configuration,
                        bootstrap):
        self.cluster.update(replication_user=replication_user,
                            configuration=cluster_configuration,
                            bootstrap=bootstrap)

    def write_cluster_configuration_overrides(self, cluster_configuration):
        self.cluster['configuration'] = cluster_configuration

    def get_cluster_context(self):
        return {'replication_user': self.cluster.get('replication_user'),
                'cluster_name': self.cluster.get('cluster_name', 'fakecluster'),
                'admin_password': self.cluster.get('admin_password')}

    # SSL ---------------------------------------------------------------------

    def ssl_show(self):
        state = dict(self.ssl)
        certificate = state.pop('certificate', None)
        if state['status'] == 'on' and certificate:
            details = _certificate_details(certificate)
            details['payload'] = certificate
            state['certificate'] = details
        state.pop('previous', None)
        return state

    def ssl_action(self, mode, container, enable, disable):
        if enable and disable:
            raise trove_exception.BadRequest('Cannot enable and disable ssl')
        previous = {k: v for k, v in self.ssl.items() if k != 'previous'}
        if enable:
            self.ssl = {'status': 'on', 'mode': mode,
                        'certificate': (container or {}).get('certificate')}
        elif disable:
            self.ssl = {'status': 'off', 'mode': None}
        self.ssl['previous'] = previous
        return {'status': self.ssl['status'], 'mode': self.ssl['mode'],
                'restart_required': False}

    def ssl_rollback(self):
        previous = self.ssl.get('previous') or {'status': 'off', 'mode': None}
        self.ssl = previous
        return {'status': previous['status'], 'mode': previous['mode'],
                'restart_required': False}


def _certificate_details(pem):
    """What the agent reports of its certificate: cn, expiry, SANs.

    The agent uses trove.common.ssl.TroveSSL.certificate_details, which
    calls pyOpenSSL's X509.get_extension, gone from the pyOpenSSL that
    Trove 26 installs with here (the guest image brings its own); the same
    fields are read with `cryptography` instead.
    """
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    cert = x509.load_pem_x509_certificate(pem.encode())
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    try:
        ext = cert.extensions.get_extension_for_class(
            x509.SubjectAlternativeName)
        sans = ['DNS:%s' % n for n in ext.value.get_values_for_type(
            x509.DNSName)] + ['IP Address:%s' % n for n in
                              ext.value.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        sans = []
    return {'cn': names[0].value if names else None,
            'expire_at': cert.not_valid_after_utc.replace(tzinfo=None),
            'san': sans or None}


# backup id -> what the source instance held when the backup was taken, so
# that a restore brings the same databases and users back.
BACKUP_CONTENTS = {}


def _heartbeat_forever():
    while True:
        eventlet.sleep(HEARTBEAT_INTERVAL)
        for guest in list(GUESTS.values()):
            guest.report()


def get_guest(instance_id):
    global _heartbeat_thread
    if _heartbeat_thread is None:
        _heartbeat_thread = eventlet.spawn(_heartbeat_forever)
    guest = GUESTS.get(instance_id)
    if guest is None:
        guest = GUESTS[instance_id] = Guest(instance_id)
    return guest


def _over_the_wire(value):
    """What an RPC round trip makes of a value: JSON types only (tuples
    come back as lists, objects as primitives)."""
    from oslo_serialization import jsonutils
    return jsonutils.loads(jsonutils.dumps(value))


class GuestClient(object):
    """What trove.guestagent.api.API looks like to its callers.

    Every public call goes to the instance's Guest, with arguments and result
    passed through JSON as over RPC; a guest that does not know a call
    raises, as an agent answering an unknown RPC method would.
    """

    def __init__(self, context, instance_id, manager=None):
        self.context = context
        self.id = instance_id
        self.guest = get_guest(instance_id)
        if manager:
            self.guest.manager = manager

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        method = getattr(self.guest, name)

        def call(*args, **kwargs):
            result = method(*_over_the_wire(list(args)),
                            **_over_the_wire(kwargs))
            return _over_the_wire(result)
        return call


def create_client(context, instance_id, manager=None):
    return GuestClient(context, instance_id, manager)
