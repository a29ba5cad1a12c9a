"""A fake key manager (Barbican): secrets in memory.

Trove reads TLS certificate bundles from it for instance SSL
(trove.common.ssl.TroveSSL: secrets.get(ref).payload, register_consumer,
remove_consumer). People and tests store secrets over HTTP, through the
`key-manager` endpoint of the catalog served by fakes.http_face.
"""

from localcloud.fakes import base

# secret id -> Record(id, name, payload bytes, content_type, project_id,
#                     consumers, created)
SECRETS = {}


def secret_id(ref):
    """The id at the end of a secret reference (a URL or a bare id)."""
    return str(ref).rstrip('/').rsplit('/', 1)[-1]


def store(payload, name=None, content_type='application/octet-stream',
          project_id=None):
    secret = base.Record(id=base.new_id(), name=name, payload=payload,
                         content_type=content_type, project_id=project_id,
                         consumers=[], created=base.now_iso())
    SECRETS[secret.id] = secret
    return secret


def find(ref):
    secret = SECRETS.get(secret_id(ref))
    if secret is None:
        # Imported here: Trove before 26.0.0 (no instance SSL) does not install
        # barbicanclient, and the HTTP face stores secrets without it.
        from barbicanclient import exceptions as barbican_exceptions
        raise barbican_exceptions.HTTPClientError(
            'Secret %s not found' % ref, status_code=404)
    return secret


class Secrets(object):

    def get(self, secret_ref, payload_content_type=None):
        return find(secret_ref)

    def register_consumer(self, secret_ref, service, resource_type,
                          resource_id):
        consumer = {'service': service, 'resource_type': resource_type,
                    'resource_id': resource_id}
        secret = find(secret_ref)
        if consumer not in secret.consumers:
            secret.consumers.append(consumer)

    def remove_consumer(self, secret_ref, service, resource_type,
                        resource_id):
        consumer = {'service': service, 'resource_type': resource_type,
                    'resource_id': resource_id}
        secret = find(secret_ref)
        if consumer in secret.consumers:
            secret.consumers.remove(consumer)


class Client(object):
    def __init__(self, context):
        self.context = context
        self.secrets = Secrets()


def create_client(context, region_name=None, **kwargs):
    return Client(context)
