"""The Trove releases the local cloud can run, and where each one lives.

Standard library only: tools/local-cloud imports this before any virtualenv
exists. Each release installs with the Keystone of its OpenStack series and
that series' upper constraints (constraints/<series>.txt, copied unchanged
from openstack/requirements), so the libraries are the ones the release was
tested with.
"""

import os

# Trove version -> (OpenStack series, Keystone version of that series).
RELEASES = {
    '21.1.0': ('2024.1', '25.0.0'),
    '22.0.1': ('2024.2', '26.1.1'),
    '23.1.0': ('2025.1', '27.1.0'),
    '24.1.0': ('2025.2', '28.1.0'),
    '25.1.0': ('2026.1', '29.1.0'),
    '26.0.0': ('2026.2', '30.0.0'),
}
DEFAULT = '26.0.0'
# Picks the release when no --trove is given.
ENV_VAR = 'LOCAL_CLOUD_TROVE'

CONSTRAINTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               'constraints')
WERKZEUG = 'werkzeug>=3,<4'


class UnknownRelease(ValueError):
    pass


def choose(flag, environ):
    """The release asked for: the flag, else the environment, else the
    default."""
    version = flag or environ.get(ENV_VAR) or DEFAULT
    if version not in RELEASES:
        raise UnknownRelease('unknown Trove release %r; known: %s'
                             % (version, ', '.join(sorted(RELEASES))))
    return version


def state_dir(repo_dir, version):
    """The default release keeps .local-cloud (what the functional tests
    use); every other one has a directory of its own, so two can run side
    by side and neither touches the other's venv, databases or ports."""
    if version == DEFAULT:
        return os.path.join(repo_dir, '.local-cloud')
    return os.path.join(repo_dir, '.local-cloud-%s' % version)


def requirements(version):
    """pip arguments installing the release, within its series' constraints
    (2026.2: openstack/requirements master, as of the copy)."""
    series, keystone = RELEASES[version]
    return ['-c', os.path.join(CONSTRAINTS_DIR, '%s.txt' % series),
            'keystone==%s' % keystone, 'trove==%s' % version, WERKZEUG]


# Keystone's SQLite URL. Concurrent requests hit "database is locked": on
# SQLAlchemy 1.4 (2024.1) a catalog write right after a read of it, on the
# default release two token requests at once (two test workers logging in).
# WAL (keystone_db_wal in tools/local-cloud) lets a writer commit beside
# readers; check_same_thread=false lets any thread close a connection. Every
# release runs with both, and Keystone serves one request at a time
# (localcloud.keystone_server: a password login writes after it reads, which
# SQLite refuses beside another write, whatever the timeout).
KEYSTONE_DB_QUERY = '?check_same_thread=false'

