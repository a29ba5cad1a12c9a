"""Runs `openstack` commands in one process for tools/release-smoke.

Started with the project's virtualenv Python; reads one JSON request a line
on stdin ({"argv": [...], "env": {...}}) and answers each with one JSON line
({"code", "out", "err"}). A command run in-process (tests/inprocess.py: OSC's
real shell) costs ~0.06 s of CPU where a new `openstack` process costs ~1.7 s:
the smoke's families, ten at once, would otherwise fight over two cores.
A login is kept for the worker's later commands (Keystone 25 and 26 spent a
core on the smoke's token requests and checks); a token refused is forgotten.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
from tests import inprocess  # noqa: E402


def keep_logins():
    """Identity plugins start from the token their credentials last got."""
    from keystoneauth1.identity import base
    from keystoneauth1.identity.generic import base as generic

    kept = {}
    login = generic.BaseGenericPlugin.get_auth_ref
    invalidate = base.BaseIdentityPlugin.invalidate

    def get_auth_ref(plugin, session, **kwargs):
        key = plugin.get_cache_id()
        if key in kept:
            plugin.set_auth_state(kept[key])
            return plugin.auth_ref
        plugin.auth_ref = login(plugin, session, **kwargs)
        if key:
            kept[key] = plugin.get_auth_state()
        return plugin.auth_ref

    def forget(plugin):
        kept.pop(plugin.get_cache_id(), None)
        return invalidate(plugin)

    generic.BaseGenericPlugin.get_auth_ref = get_auth_ref
    base.BaseIdentityPlugin.invalidate = forget


def main():
    keep_logins()
    answers = os.fdopen(os.dup(sys.stdout.fileno()), 'w')
    for line in sys.stdin:
        request = json.loads(line)
        result = inprocess.openstack(request['argv'], env=request['env'])
        answers.write(json.dumps({'code': result.code, 'out': result.out,
                                  'err': result.err}) + '\n')
        answers.flush()


if __name__ == '__main__':
    main()
