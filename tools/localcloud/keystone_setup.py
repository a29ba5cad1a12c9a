"""Create (or reconcile) the projects, users, roles and endpoints of the
local cloud over Keystone's REST API, as the bootstrap admin.

Idempotent: run again after a port change, it rewrites endpoint URLs and
changes nothing else.
"""

import argparse
import json

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

REGION = 'RegionOne'
INTERFACES = ('public', 'internal', 'admin')


class Keystone(object):
    """Find-or-create helpers over /v3 with an admin session."""

    def __init__(self, auth_url, admin_password):
        auth = v3.Password(auth_url=auth_url, username='admin',
                           password=admin_password, project_name='admin',
                           user_domain_id='default',
                           project_domain_id='default')
        self.session = ks_session.Session(auth=auth)
        self.base = auth_url.rstrip('/')

    def _url(self, path):
        return self.base + path

    def get(self, path, **params):
        return self.session.get(self._url(path), params=params).json()

    def post(self, path, body):
        return self.session.post(self._url(path), json=body).json()

    def patch(self, path, body):
        return self.session.patch(self._url(path), json=body).json()

    def find(self, collection, **filters):
        rows = self.get('/%s' % collection, **filters)[collection]
        return rows[0] if rows else None

    def project(self, name, description):
        found = self.find('projects', name=name, domain_id='default')
        if found:
            return found
        return self.post('/projects', {'project': {
            'name': name, 'description': description,
            'domain_id': 'default', 'enabled': True}})['project']

    def user(self, name, password, project):
        found = self.find('users', name=name, domain_id='default')
        if found:
            # Keep the password in step with .local-cloud/secrets.json.
            self.patch('/users/%s' % found['id'],
                       {'user': {'password': password}})
            return found
        return self.post('/users', {'user': {
            'name': name, 'password': password, 'domain_id': 'default',
            'default_project_id': project['id'], 'enabled': True}})['user']

    def grant(self, project, user, role_name):
        role = self.find('roles', name=role_name)
        self.session.put(self._url('/projects/%s/users/%s/roles/%s' % (
            project['id'], user['id'], role['id'])))

    def service(self, name, service_type, description):
        found = self.find('services', type=service_type)
        if found:
            return found
        return self.post('/services', {'service': {
            'name': name, 'type': service_type,
            'description': description, 'enabled': True}})['service']

    def endpoints(self, service, url):
        existing = self.get('/endpoints', service_id=service['id'])
        by_interface = {e['interface']: e for e in existing['endpoints']}
        for interface in INTERFACES:
            found = by_interface.get(interface)
            if found is None:
                self.post('/endpoints', {'endpoint': {
                    'service_id': service['id'], 'interface': interface,
                    'url': url, 'region_id': REGION, 'enabled': True}})
            elif found['url'] != url or found.get('region_id') != REGION:
                self.patch('/endpoints/%s' % found['id'], {'endpoint': {
                    'url': url, 'region_id': REGION}})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--auth-url', required=True)
    parser.add_argument('--trove-url', required=True)
    parser.add_argument('--swift-url', required=True)
    parser.add_argument('--secrets', required=True)
    args = parser.parse_args()
    with open(args.secrets) as f:
        secrets = json.load(f)

    ks = Keystone(args.auth_url, secrets['admin_password'])

    service_project = ks.project('service', 'Service users')
    trove_user = ks.user('trove', secrets['trove_password'], service_project)
    ks.grant(service_project, trove_user, 'admin')

    demo_project = ks.project('demo', 'Demo project for osc-trove')
    demo_user = ks.user('demo', secrets['demo_password'], demo_project)
    ks.grant(demo_project, demo_user, 'member')

    identity = ks.service('keystone', 'identity', 'Identity')
    ks.endpoints(identity, args.auth_url)
    database = ks.service('trove', 'database', 'Database (Trove)')
    ks.endpoints(database, args.trove_url + '/v1.0/$(project_id)s')
    object_store = ks.service('swift', 'object-store',
                              'Object store (fake, in the Trove process)')
    ks.endpoints(object_store, args.swift_url + '/v1/AUTH_$(project_id)s')
    key_manager = ks.service('barbican', 'key-manager',
                             'Key manager (fake, in the Trove process)')
    ks.endpoints(key_manager, args.swift_url + '/key-manager')
    image = ks.service('glance', 'image',
                       'Images (fake, in the Trove process)')
    ks.endpoints(image, args.swift_url + '/image')
    network = ks.service('neutron', 'network',
                         'Networks (fake, in the Trove process)')
    ks.endpoints(network, args.swift_url + '/network')
    print('keystone set up: projects admin, service, demo; endpoints for '
          'identity, database, object-store, key-manager, image and network')


if __name__ == '__main__':
    main()
