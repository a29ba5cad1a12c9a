"""How instances look: python-troveclient's fields and value shapes, plus extras.

Scripts parse python-troveclient's output, so its field names and value
shapes are the contract: `flavor` is the flavor's ID, `volume` the size in
GB, `datastore` the type, `replica_of` an ID, `fault` the message. What it
flattens away is offered as extra fields (`access`, `volume_used_percent`,
PostgreSQL's `volume_wal_size`) rather than instead of its own.
"""

from osc_trove.cli import output

LIST_KEYS = (
    "id",
    "name",
    "datastore",
    "datastore_version",
    "status",
    "operating_status",
    "public",
    "addresses",
    "flavor_id",
    "size",
    "role",
    "fault",
)
# Admin listings (--all-projects, --project) also name the server and project.
ADMIN_LIST_KEYS = LIST_KEYS + ("server_id", "tenant_id", "project_id")


class Addresses(output.DataColumn):
    """`10.0.0.5 (private), ...` in tables; the server's list in json."""

    def human_readable(self):
        parts = []
        for address in self._value or []:
            if isinstance(address, dict):
                kind = address.get("type")
                parts.append(f"{address.get('address')} ({kind})" if kind else address["address"])
            else:
                parts.append(str(address))
        return ", ".join(parts)


class Fault(output.DataColumn):
    """The list's extra Fault column: the message in tables, the whole fault in json."""

    def human_readable(self):
        fault = self._value or {}
        return str(fault.get("message") or fault.get("details") or "")


def _flattened(instance):
    """The nested values python-troveclient flattens, under its names."""
    data = {}
    flavor = instance.get("flavor")
    if isinstance(flavor, dict):
        data["flavor"] = flavor.get("id")
    volume = instance.get("volume")
    if isinstance(volume, dict):
        data["volume"] = volume.get("size")
        # Every other detail as volume_<key>: used (troveclient's volume_used),
        # used_percent, and what a datastore's guest adds (PostgreSQL: wal_size,
        # wal_archive_size).
        data.update({f"volume_{key}": value for key, value in volume.items() if key != "size"})
    if isinstance(instance.get("ip"), list):
        data["ip"] = ", ".join(str(ip) for ip in instance["ip"])
    store = instance.get("datastore")
    if isinstance(store, dict):
        data["datastore"] = store.get("type")
        data["datastore_version"] = store.get("version")
        data["datastore_version_number"] = store.get("version_number")
    for key in ("configuration", "replica_of"):
        if isinstance(instance.get(key), dict):
            data[key] = instance[key].get("id")
    if isinstance(instance.get("replicas"), list):
        data["replicas"] = ", ".join(str(r.get("id")) for r in instance["replicas"])
    networks = instance.get("networks")
    if isinstance(networks, dict):
        data["networks"] = networks.get("name")
        data["networks_id"] = networks.get("id")
    fault = instance.get("fault")
    if isinstance(fault, dict):
        data["fault"] = fault.get("message")
        data["fault_date"] = fault.get("created")
        if fault.get("details"):
            data["fault_details"] = fault["details"]
    access = instance.get("access")
    if isinstance(access, dict):
        data["public"] = access.get("is_public", False)
        data["allowed_cidrs"] = access.get("allowed_cidrs", [])
    return data


def show(instance):
    """A ShowOne answer: every key the server sent, shaped as python-troveclient shows it."""
    data = {**instance, **_flattened(instance)}
    if "addresses" in data:
        data["addresses"] = Addresses(data["addresses"])
    return output.show(data, first=())


def role(instance):
    if instance.get("replica_of"):
        return "replica"
    if instance.get("replicas"):
        return "primary"
    return ""


def summary(instance):
    """One list row: python-troveclient's columns (and Fault, which only the detail list has)."""
    store = instance.get("datastore") or {}
    access = instance.get("access") or {}
    fault = instance.get("fault")
    volume = instance.get("volume")
    return {
        "id": instance.get("id"),
        "name": instance.get("name"),
        "datastore": store.get("type"),
        "datastore_version": store.get("version"),
        "status": instance.get("status"),
        "operating_status": instance.get("operating_status", ""),
        "public": bool(access.get("is_public")),
        "addresses": Addresses(instance.get("addresses") or ""),
        "flavor_id": (instance.get("flavor") or {}).get("id"),
        "size": volume.get("size") if isinstance(volume, dict) else "-",
        "role": role(instance),
        "fault": Fault(fault or None),
        "server_id": instance.get("server_id"),
        "tenant_id": instance.get("tenant_id"),
        "project_id": instance.get("tenant_id"),
        "deleted_at": instance.get("deleted_at"),
    }


OUTDATED_KEYS = ("id", "name", "datastore", "version", "reason", "upgrade_to")


def table(instances, admin=False, deleted=False):
    """A Lister answer; `admin` adds Server ID, Tenant ID and its OSC name, Project
    ID; `deleted` (deleted instances, an admin's) adds Deleted At."""
    keys = ADMIN_LIST_KEYS if admin or deleted else LIST_KEYS
    keys += ("deleted_at",) if deleted else ()
    columns = tuple(output.title(k) for k in keys)
    return columns, (tuple(summary(item)[k] for k in keys) for item in instances)
