"""openstack database limit list."""

from osc_trove.cli import base, output

_COLUMNS = ("verb", "limit", "value", "remaining", "unit", "next_available")


def _rows(limits):
    """One row per absolute limit (max_instances, ...) and per rate limit."""
    for entry in limits:
        if entry.get("verb") == "ABSOLUTE":
            for name, value in sorted(entry.items()):
                if name != "verb":
                    yield {"verb": "ABSOLUTE", "limit": name, "value": value}
        else:
            yield {
                "verb": entry.get("verb"),
                "limit": entry.get("uri"),
                "value": entry.get("value"),
                "remaining": entry.get("remaining"),
                "unit": entry.get("unit"),
                "next_available": entry.get("nextAvailable"),
            }


class ListLimits(base.Lister):
    """List the project's absolute limits (quotas) and API rate limits."""

    aliases = ("database limits list",)

    def take_action(self, parsed_args):
        return output.table(_rows(self.trove.limits.list()), _COLUMNS)


ListLimitsAlias = base.alias_of(ListLimits)
