"""How instances look: short text in tables, the server's own data in json/yaml."""

from osc_trove.commands import output

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


class Datastore(output.DataColumn):
    def human_readable(self):
        store = self._value or {}
        text = " ".join(str(store[k]) for k in ("type", "version") if store.get(k))
        number = store.get("version_number")
        if number and number != store.get("version"):
            text += f" ({number})"
        return text


class Flavor(output.DataColumn):
    def human_readable(self):
        return str((self._value or {}).get("id") or "")


class Volume(output.DataColumn):
    def human_readable(self):
        volume = dict(self._value or {})
        if "size" not in volume:
            return output.readable(volume)
        text = f"{volume.pop('size')} GB"
        if volume.get("used") is not None:
            text += f", {volume.pop('used')} GB used"
            percent = volume.pop("used_percent", None)
            if percent is not None:
                text += f" ({percent}%)"
        rest = output.readable(volume)
        return f"{text}, {rest}" if rest else text


class Addresses(output.DataColumn):
    def human_readable(self):
        parts = []
        for address in self._value or []:
            if isinstance(address, dict):
                kind = address.get("type")
                parts.append(f"{address.get('address')} ({kind})" if kind else address["address"])
            else:
                parts.append(str(address))
        return ", ".join(parts)


class Access(output.DataColumn):
    def human_readable(self):
        access = self._value or {}
        text = "public" if access.get("is_public") else "private"
        cidrs = access.get("allowed_cidrs")
        return f"{text}, allowed from {', '.join(cidrs)}" if cidrs else text


class Fault(output.DataColumn):
    """The fault's message in tables ("" when there is none); the whole fault in json."""

    def human_readable(self):
        fault = self._value or {}
        return str(fault.get("message") or fault.get("details") or "")


class Linked(output.DataColumn):
    """A reference ({id, links, name?}) or a list of them: names or IDs in tables."""

    def human_readable(self):
        refs = self._value if isinstance(self._value, list) else [self._value]
        return ", ".join(_ref_text(ref) for ref in refs if ref)


def _ref_text(ref):
    if not isinstance(ref, dict):
        return str(ref)
    if ref.get("name"):
        return f"{ref['name']} ({ref.get('id')})"
    return str(ref.get("id"))


SHOW_COLUMNS = {
    "datastore": Datastore,
    "flavor": Flavor,
    "volume": Volume,
    "addresses": Addresses,
    "access": Access,
    "fault": Fault,
    "replica_of": Linked,
    "replicas": Linked,
    "configuration": Linked,
}


def show(instance):
    """A ShowOne answer: every key the server sent, nested ones summarised for tables."""
    data = dict(instance)
    if "addresses" in data:
        data.pop("ip", None)  # Trove's deprecated copy of the addresses
    for key, column in SHOW_COLUMNS.items():
        if data.get(key) is not None:
            data[key] = column(data[key])
    return output.show(data)


def role(instance):
    if instance.get("replica_of"):
        return "replica"
    if instance.get("replicas"):
        return "primary"
    return ""


def _address_list(instance):
    if instance.get("addresses"):
        return instance["addresses"]
    if instance.get("hostname"):
        return [instance["hostname"]]
    return instance.get("ip") or []


def summary(instance):
    """One list row: flat values, nested ones (addresses, fault) as data columns."""
    store = instance.get("datastore") or {}
    access = instance.get("access") or {}
    fault = instance.get("fault")
    return {
        "id": instance.get("id"),
        "name": instance.get("name"),
        "datastore": store.get("type"),
        "datastore_version": store.get("version"),
        "status": instance.get("status"),
        "operating_status": instance.get("operating_status"),
        "public": bool(access.get("is_public")),
        "addresses": Addresses(_address_list(instance)),
        "flavor_id": (instance.get("flavor") or {}).get("id"),
        "size": (instance.get("volume") or {}).get("size"),
        "role": role(instance),
        "fault": Fault(fault or None),
        "project_id": instance.get("tenant_id"),
    }


def table(instances, with_project=False):
    """A Lister answer; `with_project` adds the Project ID column (admin listings)."""
    keys = LIST_KEYS + (("project_id",) if with_project else ())
    columns = tuple(output.title(k) for k in keys)
    return columns, (_row(summary(item), keys) for item in instances)


def _row(values, keys):
    return tuple(values[k] for k in keys)
