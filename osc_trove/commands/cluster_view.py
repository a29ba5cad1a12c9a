"""How clusters read: show fields and list rows as python-troveclient names
them, and the state of a cluster's members while a command waits."""

from osc_trove.cli import output

LIST_KEYS = ("id", "name", "datastore", "datastore_version", "task_name")
# With --long: what else a cluster in Trove's list says.
LONG_KEYS = ("instance_count", "locality", "created", "updated")
LONG_COLUMNS = tuple(output.title(key) for key in LONG_KEYS)
MEMBER_KEYS = ("id", "name", "flavor_id", "size", "status")
# python-troveclient's column titles for `cluster modules`, kept for `-c`.
MODULE_COLUMNS = ("instance_name", "Module Name", "Module Type", "md5", "created", "updated")


def flat(cluster):
    """The cluster with its datastore and task as top-level fields, and a member count."""
    data = {k: v for k, v in cluster.items() if k not in ("task", "instances", "links")}
    datastore = cluster.get("datastore") or {}
    data["datastore"] = datastore.get("type")
    data["datastore_version"] = datastore.get("version")
    task = cluster.get("task") or {}
    data["task_name"] = task.get("name")
    data["task_description"] = task.get("description")
    if "ip" in cluster:
        data["ip"] = ", ".join(
            a.get("address", "") if isinstance(a, dict) else str(a) for a in cluster["ip"] or ()
        )
    if cluster.get("instances"):
        data["instance_count"] = len(cluster["instances"])
    return data


def show(cluster):
    return output.show(flat(cluster))


def table(clusters, admin=False, deleted=False):
    """A Lister answer; `admin` adds Project ID, `deleted` Deleted At."""
    keys = LIST_KEYS + ("project_id",) * admin + ("deleted_at",) * deleted + LONG_KEYS
    return output.table(({**flat(c), "project_id": c.get("tenant_id")} for c in clusters), keys)


def member_rows(cluster):
    rows = []
    for member in cluster.get("instances") or ():
        row = dict(member)
        row["flavor_id"] = (member.get("flavor") or {}).get("id")
        row["size"] = (member.get("volume") or {}).get("size")
        rows.append(row)
    return output.table(rows, MEMBER_KEYS)


def module_rows(member, modules):
    return [
        (member.get("name"), m.get("name"), m.get("type"), m.get("md5"), m.get("created"),
         m.get("updated"))
        for m in modules
    ]


# --- waiting -------------------------------------------------------------------------


def task_name(cluster):
    return (cluster.get("task") or {}).get("name")


def members(cluster):
    return cluster.get("instances") or []


def pending(cluster):
    """Members that are not ACTIVE yet."""
    return [m for m in members(cluster) if m.get("status") != "ACTIVE"]


def failed_member(cluster):
    return next((m for m in members(cluster) if m.get("status") == "ERROR"), None)


def state(cluster):
    """`GROWING_CLUSTER, waiting for r-4 (BUILD)`: the task and the members still pending."""
    waiting = ", ".join(f"{m.get('name')} ({m.get('status')})" for m in pending(cluster))
    return f"{task_name(cluster)}, waiting for {waiting}" if waiting else task_name(cluster)
