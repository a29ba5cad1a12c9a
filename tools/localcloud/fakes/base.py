"""Helpers shared by the fakes: delayed transitions, records, time."""

import datetime
import uuid

import eventlet
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

# How long a fake back end takes to finish an asynchronous step (server
# build, volume attach, ...). Short, but not zero: Trove must see the
# intermediate statuses as it would against a real cloud.
STEP = 0.3


def later(delay, func, *args, **kwargs):
    """Run func after delay seconds in a green thread; log failures."""
    def run():
        try:
            func(*args, **kwargs)
        except Exception:
            LOG.exception('fake back end step %s failed', func)
    return eventlet.spawn_after(delay, run)


def new_id():
    return str(uuid.uuid4())


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime(
        '%Y-%m-%dT%H:%M:%SZ')


class Record(object):
    """An attribute bag shaped like a python-*client resource object."""

    def __init__(self, **fields):
        self.__dict__.update(fields)

    @property
    def _info(self):
        return self.to_dict()

    def to_dict(self):
        return {k: v for k, v in self.__dict__.items()
                if not k.startswith('_')}

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__, getattr(self, 'id', '?'))
