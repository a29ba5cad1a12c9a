"""The life cycles tools/release-smoke runs on one release's local cloud.

One function per family (a column of docs/trove-releases.md). Each goes
through the project's `openstack`, makes what it needs under a name of its
own, and deletes it again whatever happens; families run at once, in threads,
and one failing stops no other. A family's cell is `passed`, the upstream
fault that stopped it (KNOWN_FAULTS), `not in this release: <osc-trove's
line>` when a command said which release brought its API, or a failure.
"""

import json
import os
import re
import subprocess
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'smoke_worker.py')
WAIT = ('--wait', '--wait-timeout', '180')
MYSQL = ('--datastore', 'mysql', '--datastore-version', '5.7')
NOT_IN_RELEASE = re.compile(r'\(added in Trove [0-9.]+\)')
REQUEST = re.compile(r'REQ: curl -g -i -X (\w+) (\S+/v1\.0/\S+)')

# (release, family) -> (what stock Trove does there, a regular expression the
# failing command's line matches). Found by this smoke; see docs/trove-releases.md.
KNOWN_FAULTS = {}


class StepFailed(Exception):
    def __init__(self, argv, line):
        super().__init__('`openstack %s`: %s' % (' '.join(argv), line))
        self.line = line


class Cloud:
    """`openstack` against one release's clouds.yaml: with `python` (the project's
    virtualenv), through one smoke_worker per thread; else through `openstack`,
    a process a command."""

    def __init__(self, release, clouds_yaml, python=None, openstack=None):
        self.release, self.python, self.openstack = release, python, openstack
        self.env = dict(os.environ, OS_CLIENT_CONFIG_FILE=clouds_yaml)
        self.local = threading.local()
        self.workers = []

    def _worker(self):
        worker = getattr(self.local, 'worker', None)
        if worker is None:
            worker = self.local.worker = subprocess.Popen(
                [self.python, WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                text=True, env=self.env)
            self.workers.append(worker)
        return worker

    def close(self):
        for worker in self.workers:
            worker.stdin.close()
            worker.wait()

    def _openstack(self, argv):
        if not self.python:
            proc = subprocess.run([self.openstack] + argv, env=self.env,
                                  capture_output=True, text=True)
            return proc.returncode, proc.stdout, proc.stderr
        worker = self._worker()
        worker.stdin.write(json.dumps({'argv': argv, 'env': self.env}) + '\n')
        worker.stdin.flush()
        answer = json.loads(worker.stdout.readline())
        return answer['code'], answer['out'], answer['err']

    def run(self, *argv, admin=False, check=True):
        code, out, err = self._openstack(
            ['--os-cloud', 'local-admin' if admin else 'local-demo'] + list(argv))
        if check and code:
            lines = [ln for ln in err.splitlines() if ln.strip()
                     and not ln.startswith(('REQ:', 'RESP', 'DEBUG'))]
            raise StepFailed(argv, lines[-1] if lines else 'exit %d' % code)
        return subprocess.CompletedProcess(argv, code, out, err)

    def json(self, *argv, admin=False):
        return json.loads(self.run(*argv, '-f', 'json', admin=admin).stdout)

    def quietly(self, *argv, admin=False):
        """Clean-up: whatever it answers."""
        self.run(*argv, admin=admin, check=False)


class made:
    """An instance (or group, backup, ...) deleted on leaving, whatever happened."""

    def __init__(self, cloud, create, delete):
        self.cloud, self.create, self.delete = cloud, create, delete
        self.id = None

    def __enter__(self):
        self.row = self.create()
        self.id = self.row['id']
        return self.row

    def __exit__(self, *exc):
        self.cloud.quietly(*self.delete, self.id)


def instance(cloud, name, *extra):
    return made(cloud, lambda: cloud.json(
        'database', 'instance', 'create', name, '--flavor', 'm1.tiny', '--size', '1',
        *MYSQL, *extra, *WAIT), ('database', 'instance', 'delete', *WAIT))


def group(cloud, name, values='{"max_connections": 200}'):
    return made(cloud, lambda: cloud.json(
        'database', 'configuration', 'create', name, values, *MYSQL),
        ('database', 'configuration', 'delete'))


def trove_requests(stderr):
    """(method, URL) of every request to Trove in `--debug` output."""
    return REQUEST.findall(stderr)


def check(condition, what):
    if not condition:
        raise StepFailed(('(check)',), what)


# --- the families -----------------------------------------------------------------


def family_instance(cloud, tag, notes):
    """Create with a configuration group; rename (the group stays: the guard);
    resize flavor and volume; upgrade (the guard reports a lost group); delete."""
    with group(cloud, tag) as grp, instance(cloud, tag, '--configuration', grp['id']) as inst:
        iid = inst['id']
        renamed = cloud.run('database', 'instance', 'update', iid, '--name', tag + '-renamed',
                            '--debug')
        shown = cloud.json('database', 'instance', 'show', iid)
        check(shown['name'] == tag + '-renamed', 'rename: name is %r' % shown['name'])
        check(shown.get('configuration') == grp['id'],
              'rename: configuration group %r, not %r' % (shown.get('configuration'), grp['id']))
        sent = [m for m, _ in trove_requests(renamed.stderr) if m != 'GET']
        again = notes['detached'] = 'attaching it again' in renamed.stderr
        notes['rename'] = ('Trove detached the group; osc-trove attached it again (sent: %s)'
                           % ' + '.join(sent) if again else
                           'Trove kept the group; osc-trove sent the rename (%s) and GETs only'
                           % ' + '.join(sent))
        if not again:
            check(len(sent) == 1, 'rename sent %s' % sent)
        cloud.run('database', 'instance', 'resize', 'flavor', iid, 'm1.small', *WAIT)
        cloud.run('database', 'instance', 'resize', 'volume', iid, '2', *WAIT)
        upgraded = cloud.run('database', 'instance', 'upgrade', iid, '8.0', *WAIT)
        after = cloud.json('database', 'instance', 'show', iid)
        check(after.get('datastore_version') in ('8.0', None) or '8.0' in json.dumps(after),
              'upgrade: not on 8.0')
        if 'Trove detached configuration group' in upgraded.stderr:
            notes['upgrade'] = 'Trove detached the group; osc-trove reported it'
        else:
            notes['upgrade'] = ('Trove kept the group; osc-trove said nothing'
                                if after.get('configuration') else
                                'Trove detached the group and osc-trove said nothing')


def family_db_user(cloud, tag, notes):
    with instance(cloud, tag) as inst:
        iid = inst['id']
        cloud.run('database', 'db', 'create', iid, 'shop')
        cloud.run('database', 'user', 'create', iid, 'alice', 'Secret-1234', '--databases',
                  'shop')
        cloud.run('database', 'db', 'create', iid, 'stock')
        cloud.run('database', 'user', 'grant', 'access', iid, 'alice', 'stock')
        shown = cloud.json('database', 'user', 'show', iid, 'alice')
        check({d['name'] for d in shown['databases']} == {'shop', 'stock'},
              'user show: databases %s' % shown['databases'])
        cloud.run('database', 'user', 'revoke', 'access', iid, 'alice', 'stock')
        cloud.run('database', 'user', 'delete', iid, 'alice')
        cloud.run('database', 'db', 'delete', iid, 'shop')
        names = [r['Name'] for r in cloud.json('database', 'db', 'list', iid)]
        check(names == ['stock'], 'db list: %s' % names)


def family_backup(cloud, tag, notes):
    with instance(cloud, tag) as inst:
        backup = made(cloud, lambda: cloud.json('database', 'backup', 'create', inst['id'],
                                                tag, *WAIT),
                      ('database', 'backup', 'delete', *WAIT))
        with backup as row:
            check(row['status'] == 'COMPLETED', 'backup %s' % row['status'])
            with instance(cloud, tag + '-restored', '--backup', row['id']) as restored:
                check(restored['status'] == 'ACTIVE', 'restore: %s' % restored['status'])


def family_configuration(cloud, tag, notes):
    param = 'smoke_%s' % uuid.uuid4().hex[:8]
    where = ('5.7', '--datastore', 'mysql')
    with group(cloud, tag) as grp:
        cloud.run('database', 'configuration', 'set', grp['id'], '--value',
                  'max_connections=300')
        cloud.run('database', 'configuration', 'parameter', 'set', grp['id'], '--value',
                  'autocommit=0')
        values = json.loads(cloud.json('database', 'configuration', 'show', grp['id'])['values'])
        check(values == {'max_connections': 300, 'autocommit': 0}, 'values %s' % values)
    cloud.run('datastore', 'version', 'parameter', 'create', *where, param, '--type', 'integer',
              '--min', '1', '--max', '100', admin=True)
    try:
        cloud.run('datastore', 'version', 'parameter', 'set', *where, param, '--max', '200',
                  admin=True)
        shown = cloud.json('database', 'configuration', 'parameter', 'show', *where, param)
        check(shown['max'] == 200, 'parameter max %s' % shown['max'])
    finally:
        cloud.quietly('datastore', 'version', 'parameter', 'delete', *where, param, admin=True)


def family_cluster(cloud, tag, notes):
    member = 'flavor=1,volume=1'
    cluster = made(cloud, lambda: cloud.json(
        'database', 'cluster', 'create', tag, 'mariadb', '10.11', '--instance', member,
        '--instance', member, '--instance', member, '--locality', 'anti-affinity', *WAIT),
        ('database', 'cluster', 'delete', *WAIT))
    with cluster as row:
        cloud.run('database', 'cluster', 'grow', row['id'], '--instance',
                  member + ',name=%s-extra' % tag, *WAIT)
        cloud.run('database', 'cluster', 'shrink', row['id'], tag + '-extra', *WAIT)
        left = cloud.json('database', 'cluster', 'list', 'instances', row['id'])
        check(len(left) == 3, 'after shrink: %d members' % len(left))


def family_module(cloud, tag, notes):
    with tempfile.NamedTemporaryFile('w', suffix='.txt') as contents:
        contents.write('release smoke\n')
        contents.flush()
        module = made(cloud, lambda: cloud.json(
            'database', 'module', 'create', tag, 'ping', contents.name, *MYSQL),
            ('database', 'module', 'delete'))
        with module as mod, instance(cloud, tag) as inst:
            applied = cloud.json('database', 'instance', 'set', 'module', inst['id'], mod['id'])
            check([r['Status'] for r in applied] == ['OK'], 'apply: %s' % applied)
            cloud.run('database', 'instance', 'remove', 'module', inst['id'], mod['id'])
            left = cloud.json('database', 'module', 'list', 'instance', inst['id'])
            check(left == [], 'after remove: %s' % left)


def family_log(cloud, tag, notes):
    with instance(cloud, tag) as inst, tempfile.TemporaryDirectory() as tmp:
        cloud.run('database', 'log', 'set', inst['id'], 'general', '--enable', '--publish')
        target = os.path.join(tmp, 'general.log')
        cloud.run('database', 'log', 'save', inst['id'], 'general', '--file', target)
        check(os.path.getsize(target) > 0, 'log save wrote nothing')


def family_quota(cloud, tag, notes):
    limits = {r['Resource']: r['Limit'] for r in cloud.json('database', 'quota', 'show')}
    try:
        cloud.run('database', 'quota', 'update', 'demo', '--backups', '321', admin=True)
        shown = {r['Resource']: r['Limit'] for r in
                 cloud.json('database', 'quota', 'show', 'demo', admin=True)}
        check(shown['backups'] == 321, 'backups limit %s' % shown['backups'])
    finally:
        cloud.quietly('database', 'quota', 'update', 'demo', '--backups',
                      str(limits['backups']), admin=True)


def family_datastore_version(cloud, tag, notes):
    image = cloud.json('datastore', 'version', 'show', '5.7', '--datastore', 'mysql',
                       admin=True)['image']
    made_row = cloud.json('datastore', 'version', 'create', '1.0', tag, 'mysql', image,
                          '--active', admin=True)
    try:
        cloud.run('datastore', 'version', 'set', '1.0', '--datastore', tag, '--disable',
                  '--version-name', '1.1', admin=True)
        rows = [r for r in cloud.json('datastore', 'version', 'list', '--all', admin=True)
                if r['Datastore Name'] == tag]
        check([(r['Name'], r['Active']) for r in rows] == [('1.1', False)], 'list: %s' % rows)
        cloud.run('datastore', 'version', 'delete', made_row['id'], admin=True)
    finally:
        cloud.quietly('datastore', 'version', 'delete', made_row['id'], admin=True)
        cloud.quietly('datastore', 'delete', tag, admin=True)


def family_soft_locality(cloud, tag, notes):
    with instance(cloud, tag, '--locality', 'soft-anti-affinity') as inst:
        shown = cloud.json('database', 'instance', 'show', inst['id'])
        check(shown.get('locality') == 'soft-anti-affinity',
              'locality %r' % shown.get('locality'))


def family_ssl(cloud, tag, notes):
    # An unknown instance first: a release without the route says so at once.
    probe = cloud.run('database', 'instance', 'ssl', 'show', str(uuid.uuid4()), check=False)
    if NOT_IN_RELEASE.search(probe.stderr):
        raise StepFailed(('database', 'instance', 'ssl', 'show'), probe.stderr.strip())
    with instance(cloud, tag) as inst:
        shown = cloud.json('database', 'instance', 'ssl', 'show', inst['id'])
        check(shown['status'] in ('on', 'off'), 'ssl show: %s' % shown)
        cloud.run('database', 'instance', 'ssl', 'rollback', inst['id'])
        disabled = cloud.json('database', 'instance', 'ssl', 'disable', inst['id'])
        check(disabled['status'] == 'off', 'ssl disable: %s' % disabled)


def family_management(cloud, tag, notes):
    """The operators' routes (issue 30): stop, reset task, ping, root history as an
    admin; a member refused in one line; a version's volume types."""
    with instance(cloud, tag) as inst:
        refused = cloud.run('database', 'instance', 'ping', inst['id'], check=False)
        check(refused.returncode == 1 and 'an admin role is needed' in refused.stderr,
              'member ping: %s' % refused.stderr.strip())
        cloud.run('database', 'instance', 'ping', inst['id'], admin=True)
        history = cloud.json('database', 'root', 'history', 'show', inst['id'], admin=True)
        check(history['id'] == inst['id'], 'root history: %s' % history)
        cloud.run('database', 'instance', 'stop', inst['id'], *WAIT, admin=True)
        cloud.run('database', 'instance', 'reset', 'task', inst['id'], admin=True)
    types = cloud.json('datastore', 'version', 'volume', 'type', 'list', '5.7',
                       '--datastore', 'mysql')
    check(len(types) > 0, 'no volume types')
    deleted = [row['ID'] for row in cloud.json('database', 'instance', 'list', '--deleted',
                                               admin=True)]
    check(inst['id'] in deleted, 'instance list --deleted lacks %s' % inst['id'])
    live = [row['ID'] for row in cloud.json('database', 'instance', 'list', '--all-projects',
                                            admin=True)]
    check(inst['id'] not in live, 'instance list --all-projects shows deleted %s' % inst['id'])
    cloud.json('database', 'cluster', 'list', '--all-projects', admin=True)


def family_day(cloud, tag, notes):
    """A user's day (issue 27): how to connect, databases and users waited for,
    a configuration group attached and detached with --wait."""
    with group(cloud, tag) as grp, instance(cloud, tag) as inst:
        iid = inst['id']
        shown = cloud.json('database', 'instance', 'connection', 'show', iid, '--user', 'app',
                           '--database', 'shop')
        check(shown['port'] == 3306 and shown['uri'].startswith('mysql://app@')
              and shown['uri'].endswith(':3306/shop'), 'connection show: %s' % shown)
        cloud.run('database', 'db', 'create', iid, 'shop', *WAIT)
        cloud.run('database', 'user', 'create', iid, 'app', 'S3cret-pw', '--databases', 'shop',
                  *WAIT)
        access = cloud.json('database', 'user', 'show', 'access', iid, 'app')
        check([row['Name'] for row in access] == ['shop'], 'access: %s' % access)
        cloud.run('database', 'configuration', 'attach', iid, grp['id'], *WAIT)
        attached = cloud.json('database', 'instance', 'show', iid)
        check(grp['id'] in json.dumps(attached), 'attach: %s' % attached.get('configuration'))
        cloud.run('database', 'configuration', 'detach', iid, *WAIT)
        cloud.run('database', 'user', 'delete', iid, 'app', *WAIT)
        cloud.run('database', 'db', 'delete', iid, 'shop', *WAIT)


def family_dba(cloud, tag, notes):
    """What a DBA does in one command (issue 31): configuration export, diff and
    copy, restore as of a time, clone, backup prune, replica list, outdated."""
    with group(cloud, tag, '{"max_connections": 300}') as grp, \
            instance(cloud, tag, '--configuration', grp['id']) as inst:
        iid = inst['id']
        exported = cloud.json('database', 'configuration', 'export', grp['id'])
        check(exported['values'] == {'max_connections': 300}, 'export: %s' % exported)
        copy = made(cloud, lambda: cloud.json('database', 'configuration', 'copy', grp['id'],
                                              tag + '-copy', '--datastore-version', '5.7',
                                              '--datastore', 'mysql'),
                    ('database', 'configuration', 'delete'))
        with copy as row:
            diff = cloud.json('database', 'configuration', 'diff', grp['id'], row['id'])
            check(diff == [], 'diff: %s' % diff)
        taken = []
        for n in (1, 2):
            taken.append(cloud.json('database', 'backup', 'create', '%s-%d' % (tag, n),
                                    '--instance', iid, *WAIT))
            time.sleep(1.1)  # `created` is to the second
        try:
            with made(cloud, lambda: cloud.json(
                    'database', 'instance', 'restore', iid, tag + '-asof', '--time',
                    taken[0]['created'] + 'Z', *WAIT),
                    ('database', 'instance', 'delete', *WAIT)) as row:
                check(row['status'] == 'ACTIVE', 'restore: %s' % row['status'])
            with made(cloud, lambda: cloud.json('database', 'instance', 'clone', iid,
                                                tag + '-twin', '--backup', taken[1]['id'],
                                                *WAIT),
                      ('database', 'instance', 'delete', *WAIT)) as row:
                check(grp['id'] in json.dumps(row), 'clone: no group in %s' % row)
            pruned = cloud.json('database', 'backup', 'prune', '--instance', iid, '--keep', '1',
                                *WAIT)
            check([r['ID'] for r in pruned if r['Action'] == 'deleted'] == [taken[0]['id']],
                  'prune: %s' % pruned)
            with instance(cloud, tag + '-rep', '--replica-of', iid) as rep:
                rows = cloud.json('database', 'replica', 'list', iid)
                check([r['Replica ID'] for r in rows] == [rep['id']], 'replicas: %s' % rows)
            cloud.json('database', 'instance', 'list', '--outdated')
        finally:
            for row in cloud.json('database', 'backup', 'list', '--instance', iid):
                cloud.quietly('database', 'backup', 'delete', row['ID'])


FAMILIES = {
    'instance': family_instance,
    'databases, users': family_db_user,
    'backup, restore': family_backup,
    'configuration': family_configuration,
    'cluster': family_cluster,
    'module': family_module,
    'log': family_log,
    'quota': family_quota,
    'datastore version': family_datastore_version,
    'soft locality': family_soft_locality,
    'SSL': family_ssl,
    'management': family_management,
    "user's day": family_day,
    'DBA': family_dba,
}


def cell(release, family, run):
    """(text of the cell, whether it is what the release is known to do)."""
    try:
        run()
        return 'passed', True
    except StepFailed as err:
        if NOT_IN_RELEASE.search(err.line):
            return 'not in this release: %s' % err.line, True
        known = KNOWN_FAULTS.get((release, family))
        if known and re.search(known[1], err.line):
            return 'upstream fault: %s' % known[0], True
        return 'FAILED: %s' % err, False
    except Exception as err:  # a bug of the smoke itself: still one cell
        return 'FAILED: %s: %s' % (type(err).__name__, err), False


def make_quota_usages(cloud):
    """Trove makes a project's quota-usage rows on its first reservation, and two
    first reservations at once collide (UNIQUE constraint failed: quota_usages;
    one create answers 500, a race of stock Trove, docs/local-cloud.md): the
    families start together, so an admin's read of the usages makes them first."""
    for _ in range(5):
        if not cloud.run('database', 'quota', 'show', 'demo', admin=True,
                         check=False).returncode:
            return
        time.sleep(0.5)


def run_release(cloud, families=None):
    """{family: (cell, expected)}, and the guard's notes, for one release."""
    tag = 'rs%s' % uuid.uuid4().hex[:6]
    notes = {}
    chosen = families or list(FAMILIES)

    usages = threading.Event()
    started = time.monotonic()

    def one(family):
        # Every worker starts and logs in (a read) while an admin makes the usages.
        cloud.run('database', 'flavor', 'list', check=False)
        usages.wait()
        name = '%s-%s' % (tag, re.sub(r'\W+', '', family.lower())[:8])
        result = cell(cloud.release, family,
                      lambda: FAMILIES[family](cloud, name, notes))
        print('  %-18s %5.1f s  %s' % (family, time.monotonic() - started, result[0]),
              flush=True)
        return family, result

    with ThreadPoolExecutor(len(chosen)) as pool:
        running = pool.map(one, chosen)
        make_quota_usages(cloud)
        usages.set()
        results = dict(running)
    return {f: results[f] for f in chosen}, notes
