"""Faults of Trove releases that users meet, and what osc-trove does about each.

Each names the Trove releases it is for, as read in Trove's history. The API
does not tell a server's release, so each fault is recognised by the answer
it gives, and costs nothing on a server without it: a workaround where a
safe one exists, else one line saying what Trove did, that it is Trove's
fault, and what to do instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from osc_lib import exceptions

from osc_trove.api.resource import Resource, ResourceNotFound
from osc_trove.api.shapes import Callable, Ident, Row, Rows

if TYPE_CHECKING:  # the client imports this module
    from osc_trove.api.client import TroveClient

T = TypeVar("T")

INTERNAL_ERROR = 500


def _is_internal_error(err: Exception) -> bool:
    return isinstance(err, exceptions.ClientException) and err.code == INTERNAL_ERROR


def _fault(message: str) -> exceptions.ClientException:
    """The one line for a fault of Trove: still the 500 it was."""
    return exceptions.ClientException(INTERNAL_ERROR, message)


def _explained(call: Callable[[], T], explain: Callable[[], str | None]) -> T:
    """Run `call()`; after a 500, `explain()` gives the line of the fault it
    recognises (it may ask the server), or None: the 500 then stays as it was."""
    try:
        return call()
    except exceptions.ClientException as err:
        if not _is_internal_error(err):
            raise
        try:
            message = explain()
        except exceptions.ClientException:
            message = None
        if message is None:
            raise err from None
        raise _fault(message) from None


# --- modules: an admin cannot list them --------------------------------------------------
#
# Trove 21.0.0 and later (commit ab83ad7c, "db: Remove use of autocommit"):
# Modules.load returns a variable that only its non-admin branch sets, so
# GET /modules answers 500 to every admin, with or without a datastore
# filter. No other route lists modules; GET /modules/{id} and an instance's
# modules (GET /instances/{id}/modules) work.

ADMIN_MODULE_LIST = (
    "Trove answered 500 Internal Server Error to the module list, as Trove 21.0.0 and "
    "later do for every admin (a fault of Trove); give the module by its ID, or list "
    "modules as a user without the admin role"
)


def listing_modules(rows: Rows) -> Rows:
    """The rows of GET /modules, or the admin's 500 as one line."""
    try:
        yield from rows
    except exceptions.ClientException as err:
        if not _is_internal_error(err):
            raise
        raise _fault(ADMIN_MODULE_LIST) from None


def module_on_instance(trove: TroveClient, instance_id: str, name_or_id: str) -> str:
    """The ID of a module to remove from an instance. A name is found in the module
    list; where that answers an admin's 500, among the instance's own modules."""
    modules = trove.modules
    known = modules.known_id(name_or_id)
    if known is not None:
        return known
    try:
        return modules.id_of(modules.find(name_or_id))
    except exceptions.ClientException as err:
        if not _is_internal_error(err):
            raise
        fault = err
    try:
        return modules.id_of(modules.pick(name_or_id, trove.instance_modules.list(instance_id)))
    except ResourceNotFound:
        raise fault from None


# --- backups: deleting a running one -------------------------------------------------------
#
# Trove 25.0.0 and later (commit 02b71fcd, "Allow deletion of expired running
# backups"): Backup.delete subtracts the backup's naive `created` time from an
# aware one, so deleting a running backup answers 500 where earlier releases
# answer 422 (refused: it is running). Nothing is deleted.

RUNNING_BACKUP_STATES = ("NEW", "BUILDING", "SAVING")


def deleting_backup(backups: Resource, backup_id: Ident, delete: Callable[[], None]) -> None:
    """Run `delete()`; a 500 while the backup runs becomes one line."""

    def explain() -> str | None:
        status = backups.get(backup_id).get("status")
        if status in RUNNING_BACKUP_STATES:
            return (
                f"Trove answered 500 Internal Server Error to deleting backup {backup_id}, "
                f"which is running ({status}): Trove 25.0.0 and later fail so for a running "
                "backup (a fault of Trove) and delete nothing; wait until the backup is "
                "COMPLETED or FAILED, then delete it"
            )
        return None

    return _explained(delete, explain)


# --- clusters: growing one that is not Galera ----------------------------------------------
#
# Trove 18.0.0 and later (commit 2f52b2fd, "Uses glance to get image_id when
# creating a cluster"): Cluster.action passes an image ID to grow(), which the
# Redis, MongoDB, Cassandra and Vertica cluster strategies do not take, so
# growing such a cluster answers 500 before anything is changed. Galera
# clusters (MariaDB, Percona XtraDB) grow.

GROW_WITHOUT_IMAGE = ("redis", "mongodb", "cassandra", "vertica")


def growing_cluster(clusters: Resource, cluster_id: str,
                    grow: Callable[[], Row | None]) -> Row | None:
    """Run `grow()`; the 500 of a strategy that cannot grow becomes one line."""

    def explain() -> str | None:
        datastore = (clusters.get(cluster_id).get("datastore") or {}).get("type")
        if datastore in GROW_WITHOUT_IMAGE:
            return (
                f"Trove answered 500 Internal Server Error to growing {datastore} cluster "
                f"{cluster_id}: Trove 18.0.0 and later cannot grow {datastore} clusters (a "
                "fault of Trove) and change nothing; create a new cluster with the members "
                "you need"
            )
        return None

    return _explained(grow, explain)
