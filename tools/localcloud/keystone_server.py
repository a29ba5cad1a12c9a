"""Serve Keystone's WSGI application on 127.0.0.1 with a threaded server.

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
    under a threaded server a request racing the first one is refused, e.g.
    auth_token's validate_token answered 403 right after a start.
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
    serving.run_simple('127.0.0.1', args.port, app, threaded=True,
                       use_reloader=False, use_debugger=False)


if __name__ == '__main__':
    main()
