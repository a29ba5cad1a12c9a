"""A fake object store: the python-swiftclient Connection API Trove calls,
over one in-memory store that fakes.swift_http also serves over HTTP (so a
client can download published database logs).
"""

import hashlib
import time

from swiftclient import client as swift_client

# account (project id) -> container -> object name -> (headers, bytes)
ACCOUNTS = {}


def _account(project_id):
    return ACCOUNTS.setdefault(project_id or 'service', {})


def _missing(what, status=404):
    return swift_client.ClientException('%s not found' % what,
                                        http_status=status)


def put(project_id, container, name, contents, headers=None):
    if isinstance(contents, str):
        contents = contents.encode()
    elif hasattr(contents, 'read'):
        contents = contents.read()
        if isinstance(contents, str):
            contents = contents.encode()
    meta = {k.lower(): v for k, v in (headers or {}).items()}
    meta.update({'etag': hashlib.md5(contents).hexdigest(),
                 'content-length': str(len(contents)),
                 'last-modified': time.strftime(
                     '%a, %d %b %Y %H:%M:%S GMT', time.gmtime())})
    meta.setdefault('content-type', 'application/octet-stream')
    _account(project_id).setdefault(container, {})[name] = (meta, contents)
    return meta['etag']


class Connection(object):
    """The subset of swiftclient.client.Connection that Trove calls."""

    def __init__(self, context, url):
        self.project_id = getattr(context, 'project_id', None)
        self.url = url

    @property
    def _containers(self):
        return _account(self.project_id)

    def _container(self, container):
        if container not in self._containers:
            raise _missing('Container %s' % container)
        return self._containers[container]

    def head_account(self, **kwargs):
        return {'x-account-container-count': str(len(self._containers))}

    def get_account(self, **kwargs):
        listing = [{'name': name, 'count': len(objs),
                    'bytes': sum(len(b) for _, b in objs.values())}
                   for name, objs in sorted(self._containers.items())]
        return self.head_account(), listing

    def put_container(self, container, headers=None, **kwargs):
        self._containers.setdefault(container, {})

    def head_container(self, container, **kwargs):
        objs = self._container(container)
        return {'x-container-object-count': str(len(objs)),
                'x-container-bytes-used': str(
                    sum(len(b) for _, b in objs.values()))}

    def post_container(self, container, headers, **kwargs):
        self._container(container)

    def get_container(self, container, prefix=None, full_listing=False,
                      **kwargs):
        objs = self._container(container)
        listing = [{'name': name, 'bytes': len(body), 'hash': meta['etag'],
                    'last_modified': meta['last-modified'],
                    'content_type': meta['content-type']}
                   for name, (meta, body) in sorted(objs.items())
                   if not prefix or name.startswith(prefix)]
        return self.head_container(container), listing

    def delete_container(self, container, **kwargs):
        if self._container(container):
            raise _missing('Container %s is not empty' % container, 409)
        del self._containers[container]

    def put_object(self, container, obj, contents, headers=None, **kwargs):
        self.put_container(container)
        return put(self.project_id, container, obj, contents, headers)

    def head_object(self, container, obj, **kwargs):
        objs = self._container(container)
        if obj not in objs:
            raise _missing('Object %s/%s' % (container, obj))
        return dict(objs[obj][0])

    def get_object(self, container, obj, **kwargs):
        meta = self.head_object(container, obj)
        return meta, self._containers[container][obj][1]

    def post_object(self, container, obj, headers, **kwargs):
        meta = self.head_object(container, obj)
        meta.update({k.lower(): v for k, v in headers.items()})
        self._containers[container][obj] = (
            meta, self._containers[container][obj][1])

    def delete_object(self, container, obj, **kwargs):
        self.head_object(container, obj)
        del self._containers[container][obj]


def project_of(account_url):
    """The project id in an account URL .../v1/AUTH_<project>."""
    return account_url.rstrip('/').rsplit('/AUTH_', 1)[-1]


# Set by the Trove launcher: where fakes.swift_http serves the store.
BASE_URL = 'http://127.0.0.1:0/v1'


def create_client(context, region_name=None, **kwargs):
    project = getattr(context, 'project_id', None)
    return Connection(context, '%s/AUTH_%s' % (BASE_URL, project))
