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


def main():
    answers = os.fdopen(os.dup(sys.stdout.fileno()), 'w')
    with inprocess.reused_logins({}):
        for line in sys.stdin:
            request = json.loads(line)
            result = inprocess.openstack(request['argv'], env=request['env'])
            answers.write(json.dumps({'code': result.code, 'out': result.out,
                                      'err': result.err}) + '\n')
            answers.flush()


if __name__ == '__main__':
    main()
