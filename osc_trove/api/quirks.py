"""Faults of Trove releases that users meet, and what osc-trove does about each.

Each names the Trove releases it is for, as read in Trove's history. The API
does not tell a server's release, so each fault is recognised by the answer
it gives (or, for the configuration group, by reading the instance), and
costs nothing but those reads on a server without it: a workaround where a
safe one exists, else one line saying what Trove did, that it is Trove's
fault, and what to do instead. Where a command has more to say (a group
attached again, how to attach it), the API gives the facts and the command
words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from osc_lib import exceptions

from osc_trove.api import waiting
from osc_trove.api.errors import TroveError
from osc_trove.api.resource import Nested, Resource, ResourceNotFound
from osc_trove.api.shapes import Callable, Ident, Row, Rows

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


def module_on_instance(modules: Resource, instance_modules: Nested, instance_id: str,
                       name_or_id: str) -> str:
    """The ID of a module to remove from an instance. A name is found in the module
    list; where that answers an admin's 500, among the instance's own modules."""
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
        return modules.id_of(modules.pick(name_or_id, instance_modules.list(instance_id)))
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


# --- instances: a change that leaves the configuration group out detaches it ---------------
#
# Trove 21.1.0 to 24.0.x (commit dbb18bea): a PUT or PATCH of an instance
# that does not name its configuration group (a rename, access, detaching a
# replica, an upgrade) detaches the group. Fixed by fd7186bd in 25.0.0 and its
# backports in 23.1.0 and 24.1.0; on the local cloud 21.1.0 and 22.0.1 detach
# the group, 23.1.0, 24.1.0, 25.1.0 and 26.0.0 keep it. Where the change first
# makes the instance busy (detaching a replica), detaching the group then fails:
# Trove answers 500, yet the change goes on and the group stays.
#
# The API does not tell a server's release: the group is read before and after
# the change, and attached again (once the instance is ACTIVE) if the server
# dropped it. On a fixed server this costs two GETs (one without a group; none
# before when the caller gives the instance as GET answers it) and sends
# nothing else.

# The releases, as a command names them to a user.
GROUP_DETACHING_RELEASES = "21.1 to 24.0"


@dataclass(frozen=True)
class KeptConfiguration(Generic[T]):
    """What a change of an instance did to its configuration group.

    `answer`: what the change returned (None when `answered_error` is set).
    `detached`: the group, as the instance showed it ({"id", "name", ...}),
    when the server detached it; `attached_again` then tells whether it was
    attached again. `answered_error`: the HTTP status Trove answered for a
    change that started all the same, the instance keeping its group.
    """

    answer: T | None
    detached: Row | None = None
    attached_again: bool = False
    answered_error: int | None = None


class GroupNotAttachedAgain(TroveError):
    """The server detached an instance's configuration group and attaching it
    again failed: `group` is the group ({"id", "name", ...}), `reason` the error
    of waiting for the instance or of the attach request."""

    def __init__(self, instance_id: str, group: Row, reason: Exception) -> None:
        super().__init__(f"Could not attach configuration group '{group['id']}' again ({reason})")
        self.instance_id = instance_id
        self.group = group
        self.reason = reason


def keeping_configuration(instances: Resource, instance_id: str, change: Callable[[], T],
                          wait_to_attach: bool = False,
                          current: Row | None = None, *,
                          on_detached: Callable[[Row], object] | None = None,
                          progress: Callable[[Row | None, float], None] | None = None,
                          timeout: float = waiting.DEFAULT_TIMEOUT) -> KeptConfiguration[T]:
    """Run `change()`, a PUT or PATCH of instance `instance_id` that does not
    name its configuration group, so that the instance keeps the group.

    `current` is the instance as GET answers it, if the caller has it (it saves
    the GET before). If the server detached the group and `wait_to_attach`, the
    group is attached again once the instance is ACTIVE: `on_detached(group)` is
    called first, then the API's waiter polls the instance (`progress`,
    `timeout` as in osc_trove.api.waiting). Without `wait_to_attach` (an
    upgrade: the group belongs to the old version) the result only reports it.
    Raises GroupNotAttachedAgain when waiting or attaching fails.
    """
    before = current or instances.get(instance_id)
    group = before.get("configuration")
    try:
        answer = change()
    except exceptions.ClientException as err:
        code = err.code
        if not (group and isinstance(code, int) and code >= 500
                and _started_but_kept_group(instances, instance_id, before, group)):
            raise
        return KeptConfiguration(None, answered_error=code)
    if not group or instances.get(instance_id).get("configuration"):
        return KeptConfiguration(answer)
    if not wait_to_attach:
        return KeptConfiguration(answer, detached=group)
    try:
        if on_detached:
            on_detached(group)
        waiting.wait_for_status(lambda: instances.get(instance_id), "ACTIVE",
                                failed=waiting.status_in("ERROR", "RESTART_REQUIRED"),
                                subject=f"instance {instance_id}", progress=progress,
                                timeout=timeout)
        instances.update(instance_id, configuration=group["id"])
    except (exceptions.ClientException, TroveError) as err:
        raise GroupNotAttachedAgain(instance_id, group, err) from None
    return KeptConfiguration(answer, detached=group, attached_again=True)


def _started_but_kept_group(instances: Resource, instance_id: str, before: Row,
                            group: Row) -> bool:
    """After a server error: was the instance ACTIVE, and is it now busy with its group kept?"""
    if before.get("status") != "ACTIVE":
        return False
    after = instances.get(instance_id)
    kept = (after.get("configuration") or {}).get("id") == group.get("id")
    return kept and after.get("status") != "ACTIVE"
