"""Helpers shared by the functional tests (not a test module).

Set-up and clean-up go over the API (`demo_api`/`admin_api`, an
osc_trove.api.TroveClient) when the command is not what is under test, and
every wait is the API's own waiter (osc_trove.api.waiting), through `quiet_wait`.
"""

import base64
import contextlib
import uuid

from osc_lib import exceptions

from osc_trove.api import waiting
from tests.inprocess import one_line_error as one_line_error  # one home: shared

# The fake Glance's spare image (tools/localcloud: uuid5 of its name) and the
# fake Neutron's tenant network (tools/localcloud/fakes/neutron.py).
SPARE_IMAGE = str(uuid.uuid5(uuid.NAMESPACE_URL, "localcloud:image:spare"))
PRIVATE_NET = "b4c0f5e2-6a0e-4c3e-9f5e-2f2a6f1b7a01"
# --wait-timeout for the commands under test.
TIMEOUT = "120"


def run_names(prefix):
    """`name(part)` giving `<prefix>-<a tag of this run>-<part>`: a module's names,
    which no other run uses (`name("")` is their common beginning)."""
    run = uuid.uuid4().hex[:6]
    return lambda part: f"{prefix}-{run}-{part}"


def unique(prefix):
    """A name no other test (or other run) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def ok(result):
    """`result` of a command that must succeed, with no traceback."""
    assert result.code == 0, result
    assert "Traceback" not in result.err, result
    return result


def never(_item):
    return False


def quiet_wait(get, done, failed=waiting.is_error, *, until_gone=False, timeout=120,
               status_of=lambda item: item.get("status"), progress=None):
    """Wait for set-up made over the API, with the API's waiter (which prints nothing).

    Polls start at a quarter of a second and stay under two (the command's own
    --wait backs off to ten): set-up waits are short and many.
    """
    return waiting.wait_for(get, done, failed, until_gone=until_gone, timeout=timeout,
                            subject="setup", status_of=status_of, progress=progress,
                            pauses=waiting.delays(0.25, 1.5, 2.0))


# --- instances ---------------------------------------------------------------------------


def create_instance(api, name, flavor="1", size=1, **fields):
    """POST an instance (not waited for); replicas pass flavor=None."""
    body = {"name": name, **fields}
    if flavor is not None:
        body.update(flavorRef=flavor, volume={"size": size})
    return api.http.post("/instances", {"instance": body})["instance"]


ACTIVE = waiting.status_in("ACTIVE")


def wait_instance(api, instance_id, done=ACTIVE, failed=waiting.is_error):
    return quiet_wait(lambda: api.instances.get(instance_id), done, failed)


def delete_instance(api, instance_id, wait_gone=False):
    """Delete if it is still there (a test may have deleted it); optionally until 404.

    Trove refuses to delete an instance that is still building: clean-up waits
    for the build to end, then deletes.
    """
    try:
        api.instances.delete(instance_id)
    except exceptions.NotFound:
        return
    except exceptions.ClientException:
        try:
            quiet_wait(lambda: api.instances.get(instance_id),
                       lambda row: row["status"] not in ("BUILD", "BACKUP"), never)
            api.instances.delete(instance_id)
        except exceptions.NotFound:
            return
        except exceptions.ClientException:
            return  # an admin's reset or force delete is the test's business
    if wait_gone:
        quiet_wait(lambda: api.instances.get(instance_id), never, never, until_gone=True)


def gone(api, instance_id):
    try:
        api.instances.get(instance_id)
    except exceptions.NotFound:
        return True
    return False


@contextlib.contextmanager
def made_instance(api, name, wait_active=True, **fields):
    """An instance made over the API (ACTIVE unless told), always deleted afterwards."""
    row = create_instance(api, name, **fields)
    try:
        if wait_active:
            row = wait_instance(api, row["id"])
        yield row
    finally:
        delete_instance(api, row["id"])


# --- clusters ----------------------------------------------------------------------------


def cluster_members(count, flavor="1", size=1):
    return [{"flavorRef": flavor, "volume": {"size": size},
             "nics": [{"network_id": PRIVATE_NET}]} for _ in range(count)]


def create_cluster(api, name, datastore, version, members):
    body = {"cluster": {"name": name, "datastore": {"type": datastore, "version": version},
                        "instances": cluster_members(members)}}
    return api.http.post("/clusters", body)["cluster"]


def wait_cluster_idle(api, cluster_id, members=None):
    """Until the cluster has no task and every member (`members` of them) is ACTIVE."""
    def done(row):
        statuses = [m.get("status") for m in row["instances"]]
        return (row["task"]["name"] == "NONE" and statuses
                and all(s == "ACTIVE" for s in statuses)
                and (members is None or len(statuses) == members))

    return quiet_wait(lambda: api.clusters.get(cluster_id), done,
                      lambda row: any(m.get("status") == "ERROR" for m in row["instances"]),
                      status_of=lambda row: row["task"]["name"])


def force_delete_cluster(api, cluster_id):
    try:
        api.http.post(f"/clusters/{cluster_id}", {"reset-status": {"force_delete": True}})
        api.http.delete(f"/clusters/{cluster_id}")
    except exceptions.ClientException:  # already gone
        pass


@contextlib.contextmanager
def made_cluster(api, name, datastore, version, members, wait_idle=True):
    """A cluster made over the API (idle unless told), always force-deleted afterwards."""
    row = create_cluster(api, name, datastore, version, members)
    try:
        if wait_idle:
            row = wait_cluster_idle(api, row["id"], members)
        yield row
    finally:
        force_delete_cluster(api, row["id"])


# --- the key manager ----------------------------------------------------------------------


def self_signed_p12(common_name):
    """A PKCS#12 bundle (key + self-signed certificate), as an operator
    would store in the key manager for Trove."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(common_name)]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        b"db", key, cert, None, serialization.NoEncryption())


def store_secret(api, payload):
    """POST the bundle to the key manager of the catalog; its reference."""
    session = api.http.adapter.session
    url = session.get_endpoint(service_type="key-manager", interface="public")
    resp = session.post(url.rstrip("/") + "/v1/secrets", json={
        "name": "db-cert", "payload": base64.b64encode(payload).decode(),
        "payload_content_type": "application/octet-stream",
        "payload_content_encoding": "base64"})
    return resp.json()["secret_ref"]


# --- REST-level checks (tests/functional/localcloud) -----------------------------------------


def error_of(call, *args, **kwargs):
    """The osc-lib exception a call raises (fails when it raises nothing)."""
    import pytest

    with pytest.raises(exceptions.ClientException) as info:
        call(*args, **kwargs)
    return info.value


def _noting_statuses(seen):
    """A waiter's progress callback that notes each status change in `seen`."""

    def note(row, _elapsed):
        if row is not None and (not seen or seen[-1] != row["status"]):
            seen.append(row["status"])

    return note


def statuses_seen(api, instance_id, done, failed=waiting.is_error):
    """Wait until done(instance); the instance and every status it showed meanwhile."""
    seen = []
    row = quiet_wait(lambda: api.instances.get(instance_id), done, failed,
                     progress=_noting_statuses(seen))
    return row, seen


def backup_done(api, backup_id, state="COMPLETED"):
    """Wait until the backup ends; it must end in `state`. The backup and its statuses."""
    seen = []
    row = quiet_wait(lambda: api.http.get(f"/backups/{backup_id}")["backup"],
                     waiting.status_in("COMPLETED", "FAILED"), never,
                     progress=_noting_statuses(seen))
    assert row["status"] == state, (row, seen)
    return row, seen


def delete_until_gone(api, path):
    """DELETE `path` and wait until it answers 404."""
    api.http.delete(path)
    quiet_wait(lambda: api.http.get(path), never, never, until_gone=True)
