"""Serve Keystone's WSGI application on 127.0.0.1, one request at a time.

Keystone on SQLite cannot take two requests at once: every password login
writes the user's last_active_at (set_last_active_at) in a transaction that
read first, and SQLite refuses to make such a reader a writer once another
write has committed ("database is locked" at once, whatever the busy
timeout), so two logins at once could answer 500 (seen as the four test
workers logged in together). Served in turn, each request takes ~10-30 ms
(Keystone caches in memory).

Run by tools/local-cloud as `python -m localcloud.keystone_server --port N
--config-file F`.
"""

import argparse
import os
import sys


def warm_policy_enforcer():
    """Build Keystone's policy enforcer before the first request.

    Keystone creates it lazily and publishes it before registering its
    rules (keystone.common.rbac_enforcer.enforcer.RBACEnforcer._enforcer);
    a request racing the first one was refused when the server was threaded,
    e.g. auth_token's validate_token answered 403 right after a start.
    """
    from keystone.common.rbac_enforcer import policy

    policy._ENFORCER._enforcer.load_rules()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--config-file', required=True)
    args = parser.parse_args()
    os.environ['OS_KEYSTONE_CONFIG_FILES'] = args.config_file
    # Keystone parses sys.argv with oslo.config: hide our own arguments.
    sys.argv = sys.argv[:1]

    from keystone.server import wsgi
    from werkzeug import serving

    app = wsgi.initialize_public_application()
    warm_policy_enforcer()
    serving.run_simple('127.0.0.1', args.port, app, threaded=False,
                       use_reloader=False, use_debugger=False)


if __name__ == '__main__':
    main()
