"""The HTTP face of the fake object store, key manager, images and networks.

Served by the Trove process (same memory as the fakes Trove calls) on a
port of its own, behind keystonemiddleware's auth_token with Trove's own
[keystone_authtoken] settings, so a client uses them as it would Swift,
Barbican, Glance and Neutron: with a token, through the catalog
(`object-store`, `key-manager`, `image`, `network`).

    /v1/AUTH_<project>                       GET: containers
    /v1/AUTH_<project>/<container>           GET: objects (?prefix=)
    /v1/AUTH_<project>/<container>/<object>  GET, HEAD, PUT, DELETE
    /key-manager/v1/secrets                  POST: store, GET: list
    /key-manager/v1/secrets/<id>             GET: metadata, DELETE
    /key-manager/v1/secrets/<id>/payload     GET: the secret
    /image, /network                         GET: version documents (no token)
    /image/v2/images[/<id>]                  GET (?name=, ?status=, ?tag=)
    /network/v2.0/<networks|subnets|extensions>[/<id>]  GET (?<field>=)

Only what osc-trove, its tests and OSC's image/network list and show need;
no ACLs, no large objects, images and networks read-only.
"""

import base64
import json
import urllib.parse

from localcloud.fakes import base, glance, keymanager, neutron, swift

# The version each read-only face speaks, as its service's root announces it.
VERSIONS = {'image': ('v2.16', 'v2'), 'network': ('v2.0', 'v2.0')}
NETWORK_RESOURCES = {'networks': 'network', 'subnets': 'subnet',
                     'extensions': 'extension'}


def _reply(start_response, status, body=b'', headers=None,
           content_type='application/json'):
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
    elif isinstance(body, str):
        body = body.encode()
    hdrs = [('Content-Type', content_type),
            ('Content-Length', str(len(body)))]
    hdrs += list((headers or {}).items())
    start_response(status, hdrs)
    return [body]


def _error(start_response, code, message):
    titles = {400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found',
              405: 'Method Not Allowed', 409: 'Conflict'}
    return _reply(start_response, '%d %s' % (code, titles[code]),
                  {'error': {'code': code, 'message': message}})


def _may_use(environ, project_id):
    roles = environ.get('HTTP_X_ROLES', '').split(',')
    return environ.get('HTTP_X_PROJECT_ID') == project_id or 'admin' in roles


def object_store(environ, start_response, parts):
    account, rest = parts[0], parts[1:]
    if not account.startswith('AUTH_'):
        return _error(start_response, 404, 'No such account')
    project = account[len('AUTH_'):]
    if not _may_use(environ, project):
        return _error(start_response, 403, 'Not your account')
    conn = swift.Connection(base.Record(project_id=project), '')
    method = environ['REQUEST_METHOD']
    try:
        if not rest:
            _, listing = conn.get_account()
            return _reply(start_response, '200 OK', listing)
        container = rest[0]
        if len(rest) == 1:
            if method == 'PUT':
                conn.put_container(container)
                return _reply(start_response, '201 Created')
            query = dict(urllib.parse.parse_qsl(
                environ.get('QUERY_STRING', '')))
            _, listing = conn.get_container(container,
                                            prefix=query.get('prefix'))
            return _reply(start_response, '200 OK', listing)
        name = '/'.join(rest[1:])
        if method == 'PUT':
            length = int(environ.get('CONTENT_LENGTH') or 0)
            etag = conn.put_object(container, name,
                                   environ['wsgi.input'].read(length))
            return _reply(start_response, '201 Created', headers={'Etag': etag})
        if method == 'DELETE':
            conn.delete_object(container, name)
            return _reply(start_response, '204 No Content')
        meta, body = conn.get_object(container, name)
        headers = {'Etag': meta['etag'],
                   'Last-Modified': meta['last-modified']}
        if method == 'HEAD':
            start_response('200 OK', [('Content-Length', str(len(body))),
                                      ('Content-Type', meta['content-type'])]
                           + list(headers.items()))
            return [b'']
        return _reply(start_response, '200 OK', body, headers,
                      content_type=meta['content-type'])
    except swift.swift_client.ClientException as e:
        return _error(start_response, e.http_status or 404, str(e))


def _secret_view(secret, host_url):
    return {'secret_ref': '%s/key-manager/v1/secrets/%s' % (host_url, secret.id),
            'name': secret.name, 'status': 'ACTIVE',
            'content_types': {'default': secret.content_type},
            'created': secret.created, 'consumers': secret.consumers}


def key_manager(environ, start_response, parts):
    # parts: ['v1', 'secrets', <id>?, 'payload'?]
    if parts[:2] != ['v1', 'secrets']:
        return _error(start_response, 404, 'Unknown resource')
    method = environ['REQUEST_METHOD']
    host_url = '%s://%s' % (environ['wsgi.url_scheme'], environ['HTTP_HOST'])
    project = environ.get('HTTP_X_PROJECT_ID')
    if len(parts) == 2:
        if method == 'POST':
            length = int(environ.get('CONTENT_LENGTH') or 0)
            try:
                body = json.loads(environ['wsgi.input'].read(length) or b'{}')
                payload = body['payload']
            except (ValueError, KeyError):
                return _error(start_response, 400, 'payload is required')
            if body.get('payload_content_encoding') == 'base64':
                payload = base64.b64decode(payload)
            elif isinstance(payload, str):
                payload = payload.encode()
            secret = keymanager.store(
                payload, body.get('name'),
                body.get('payload_content_type', 'application/octet-stream'),
                project)
            return _reply(start_response, '201 Created',
                          {'secret_ref': _secret_view(secret, host_url)[
                              'secret_ref']})
        mine = [_secret_view(s, host_url) for s in keymanager.SECRETS.values()
                if _may_use(environ, s.project_id)]
        return _reply(start_response, '200 OK',
                      {'secrets': mine, 'total': len(mine)})
    secret = keymanager.SECRETS.get(parts[2])
    if secret is None or not _may_use(environ, secret.project_id):
        return _error(start_response, 404, 'Secret not found')
    if method == 'DELETE':
        del keymanager.SECRETS[secret.id]
        return _reply(start_response, '204 No Content')
    if len(parts) > 3 and parts[3] == 'payload':
        return _reply(start_response, '200 OK', secret.payload,
                      content_type=secret.content_type)
    return _reply(start_response, '200 OK', _secret_view(secret, host_url))


def _host_url(environ):
    return '%s://%s' % (environ['wsgi.url_scheme'], environ['HTTP_HOST'])


def _filters(environ):
    """The query as neutron's and glance's filters: a repeated key gives a
    list, 'True'/'False' are booleans."""
    filters = {}
    for key, value in urllib.parse.parse_qsl(environ.get('QUERY_STRING', '')):
        value = {'True': True, 'False': False}.get(value, value)
        if key in filters:
            old = filters[key]
            filters[key] = (old if isinstance(old, list) else [old]) + [value]
        else:
            filters[key] = value
    return filters


def versions(environ, start_response, service):
    version_id, path = VERSIONS[service]
    href = '%s/%s/%s/' % (_host_url(environ), service, path)
    return _reply(start_response, '200 OK', {'versions': [{
        'id': version_id, 'status': 'CURRENT',
        'links': [{'rel': 'self', 'href': href}]}]})


def images(environ, start_response, parts):
    # parts: ['v2', 'images', <id>?]
    if parts[:2] != ['v2', 'images'] or len(parts) > 3:
        return _error(start_response, 404, 'Unknown resource')
    if len(parts) == 3:
        found = glance.IMAGES.get(parts[2])
        if found is None:
            return _error(start_response, 404,
                          'No image found with ID %s' % parts[2])
        return _reply(start_response, '200 OK', dict(found))
    wanted = _filters(environ)
    tags = wanted.pop('tag', [])
    tags = set(tags if isinstance(tags, list) else [tags])
    rows = [dict(img) for img in glance.IMAGES.values()
            if tags <= set(img['tags']) and
            all(img.get(key) == wanted[key]
                for key in ('id', 'name', 'status', 'visibility')
                if key in wanted)]
    return _reply(start_response, '200 OK',
                  {'images': rows, 'first': '/v2/images',
                   'schema': '/v2/schemas/images'})


def networks(environ, start_response, parts):
    # parts: ['v2.0', <resource>, <id>?]
    resource = NETWORK_RESOURCES.get(parts[1]) if len(parts) > 1 else None
    if parts[:1] != ['v2.0'] or resource is None or len(parts) > 3:
        return _error(start_response, 404, 'Unknown resource')
    client = neutron.Client(None)
    if len(parts) == 3:
        try:
            return _reply(start_response, '200 OK',
                          client._show(resource, parts[2]))
        except neutron.neutron_exceptions.NotFound as e:
            return _error(start_response, 404, str(e))
    filters = {k: v for k, v in _filters(environ).items()
               if k not in ('limit', 'marker', 'sort_key', 'sort_dir')}
    return _reply(start_response, '200 OK', client._list(resource, **filters))


def app(environ, start_response):
    # PATH_INFO comes decoded (WSGI).
    parts = [p for p in environ.get('PATH_INFO', '').split('/') if p]
    if parts[:1] == ['v1'] and len(parts) > 1:
        return object_store(environ, start_response, parts[1:])
    if parts[:1] == ['key-manager']:
        return key_manager(environ, start_response, parts[1:])
    if parts[:1] == ['image']:
        return images(environ, start_response, parts[1:])
    if parts[:1] == ['network']:
        return networks(environ, start_response, parts[1:])
    return _error(start_response, 404, 'Unknown path')


def with_open_roots(protected):
    """The image and network roots (version discovery) answer without a
    token, as Glance's and Neutron's do; everything else needs one."""
    def serve(environ, start_response):
        parts = [p for p in environ.get('PATH_INFO', '').split('/') if p]
        if len(parts) == 1 and parts[0] in VERSIONS:
            return versions(environ, start_response, parts[0])
        return protected(environ, start_response)
    return serve


def serve(port):
    """Start serving in a green thread of the Trove process."""
    import eventlet
    import eventlet.wsgi
    from keystonemiddleware import auth_token
    from oslo_log import log as logging

    # auth_token reads [keystone_authtoken] of Trove's configuration.
    protected = auth_token.AuthProtocol(app, {})
    sock = eventlet.listen(('127.0.0.1', port))
    log = logging.getLogger('localcloud.http_face')
    return eventlet.spawn(eventlet.wsgi.server, sock,
                          with_open_roots(protected), log=log)
