"""`openstack <argv>` run in this process through OSC's real shell.

Entry points are found by stevedore as installed, the login is keystoneauth's,
and stdin, stdout, stderr and the exit code are the command's. What one run
changes in the process is put back before the next: the environment, the
working directory, every logger's level and handlers (OSC configures them per
run), and the plugin clients OSC caches on its ClientManager class (a client
built for one cloud would otherwise answer the next run, whatever its cloud).
"""

import contextlib
import io
import json
import logging
import os
import sys
from dataclasses import dataclass


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        assert self.code == 0, self.err
        return json.loads(self.out)

    def __iter__(self):
        # (code, out, err), as the unit tests unpack it.
        return iter((self.code, self.out, self.err))

    def __repr__(self):
        return f"<exit {self.code}\nstdout: {self.out}\nstderr: {self.err}>"


def one_line_error(code, out, err):
    """The one line a failed command printed on stderr (exit 1, nothing on
    stdout, no traceback): `one_line_error(*result)`."""
    assert code == 1, err
    assert out == ""
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def openstack(argv, stdin="", env=None, raise_exit=False):
    """Run `openstack <argv>`; `env` replaces os.environ for the run when given.

    argparse ends a usage error with SystemExit(2): that becomes the exit code,
    as in a real process, unless `raise_exit` asks for the exception itself.
    """
    from openstackclient import shell

    out, err = io.StringIO(), io.StringIO()
    with _isolated(env), _stdio(io.StringIO(stdin or ""), out, err):
        try:
            code = shell.OpenStackShell().run(list(argv))
        except SystemExit as stop:
            if raise_exit:
                raise
            code = stop.code if isinstance(stop.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def reused_logins(kept):
    """Identity plugins built meanwhile start from the token their credentials
    last got: `kept` maps keystoneauth's cache id (auth URL, user, password,
    scope) to its auth state, across runs. A token refused (a 401 makes
    keystoneauth invalidate it) is forgotten, so the next run logs in again."""
    from keystoneauth1.identity import base
    from keystoneauth1.identity.generic import base as generic

    get_auth_ref = generic.BaseGenericPlugin.get_auth_ref
    invalidate = base.BaseIdentityPlugin.invalidate

    def reusing_get_auth_ref(plugin, session, **kwargs):
        key = plugin.get_cache_id()
        if key in kept:
            plugin.set_auth_state(kept[key])
            return plugin.auth_ref
        plugin.auth_ref = get_auth_ref(plugin, session, **kwargs)
        if key:
            kept[key] = plugin.get_auth_state()
        return plugin.auth_ref

    def forgetting_invalidate(plugin):
        kept.pop(plugin.get_cache_id(), None)
        return invalidate(plugin)

    generic.BaseGenericPlugin.get_auth_ref = reusing_get_auth_ref
    base.BaseIdentityPlugin.invalidate = forgetting_invalidate
    try:
        yield
    finally:
        generic.BaseGenericPlugin.get_auth_ref = get_auth_ref
        base.BaseIdentityPlugin.invalidate = invalidate


@contextlib.contextmanager
def _stdio(stdin, stdout, stderr):
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = old


@contextlib.contextmanager
def _isolated(env):
    saved_env, cwd, loggers = dict(os.environ), os.getcwd(), _logger_state()
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    _forget_clients()
    try:
        yield
    finally:
        _forget_clients()
        _restore_loggers(loggers)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def _forget_clients():
    from openstackclient.common import clientmanager

    # OSC hangs them on osc_lib's base class: walk the whole MRO.
    for cls in clientmanager.ClientManager.__mro__:
        for value in vars(cls).values():
            if hasattr(value, "_handle"):
                value._handle = None


def _all_loggers():
    manager = logging.Logger.manager
    return [logging.getLogger()] + [
        logger for logger in list(manager.loggerDict.values())
        if isinstance(logger, logging.Logger)
    ]


def _logger_state():
    return {logger: (logger.level, list(logger.handlers), logger.propagate, logger.disabled)
            for logger in _all_loggers()}


def _restore_loggers(state):
    for logger in _all_loggers():
        before = state.get(logger, (logging.NOTSET, [], True, False))
        if (logger.level, logger.handlers, logger.propagate, logger.disabled) == before:
            continue  # setLevel clears every logger's cache: only touch what changed
        level, handlers, propagate, disabled = before
        for handler in logger.handlers:
            if handler not in handlers:
                handler.close()
        if logger.level != level:
            logger.setLevel(level)
        logger.handlers[:] = handlers
        logger.propagate, logger.disabled = propagate, disabled
