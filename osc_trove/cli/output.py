"""Shaping server data for cliff: Title Case columns, readable tables, data in json."""

from cliff import columns

_WORDS = {"id": "ID", "ram": "RAM", "vcpus": "vCPUs", "ip": "IP", "uri": "URI", "cidrs": "CIDRs"}
_HIDDEN = ("links",)


def title(key):
    """`datastore_version` -> `Datastore Version`, `id` -> `ID`."""
    return " ".join(_WORDS.get(word, word.capitalize()) for word in key.split("_"))


def readable(value):
    """Nested data as text: dicts as k=v pairs, lists one item per line or comma-joined."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={readable(v)}" for k, v in value.items() if k not in _HIDDEN)
    if isinstance(value, list):
        parts = [readable(item) for item in value]
        joiner = "\n" if any(isinstance(item, dict | list) for item in value) else ", "
        return joiner.join(parts)
    return "" if value is None else str(value)


class DataColumn(columns.FormattableColumn):
    """A nested value: text in tables, the server's data in json and yaml."""

    def human_readable(self):
        return readable(self._value)

    def machine_readable(self):
        return strip_links(self._value)


def strip_links(value):
    if isinstance(value, dict):
        return {k: strip_links(v) for k, v in value.items() if k not in _HIDDEN}
    if isinstance(value, list):
        return [strip_links(item) for item in value]
    return value


def cell(value):
    return DataColumn(value) if isinstance(value, dict | list) else value


def show(data, first=("id", "name")):
    """A ShowOne answer for a server dict: `first` keys first, the rest sorted.

    Fields are named by their attribute (`id`, `datastore_version`), as OSC's
    own show commands and python-troveclient's do, so `-c` and `-f json` keys
    are the API's names.
    """
    keys = [k for k in data if k not in _HIDDEN]
    keys.sort(key=lambda k: (first.index(k) if k in first else len(first), k))
    return tuple(keys), tuple(cell(data[k]) for k in keys)


def table(items, keys):
    """A Lister answer: the `keys` of every item, rows streamed as they come."""
    return (
        tuple(title(k) for k in keys),
        (tuple(cell(item.get(k)) for k in keys) for item in items),
    )
