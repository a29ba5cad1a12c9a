"""The one NIC grammar of instance create (--nic) and cluster members (nic=).

Trove's `nics` schema (every release from 12.0.0 to 26.0.0) takes one NIC of
net-id or network_id, subnet_id and ip_address. Both spellings of each key
are taken here (python-troveclient's dashed ones and Trove's own) and sent in
Trove's spelling; names of networks and subnets are resolved later.
"""

from osc_lib import exceptions

KEYS = {
    "net-id": "network_id", "network_id": "network_id",
    "subnet-id": "subnet_id", "subnet_id": "subnet_id",
    "ip-address": "ip_address", "ip_address": "ip_address",
}
SYNTAX = "net-id=<network>,subnet-id=<subnet>,ip-address=<ip>"
HELP = ("net-id and/or subnet-id (names or IDs), optionally ip-address; Trove's spellings "
        "network_id, subnet_id and ip_address are taken too")

# Trove 12.0.0 rewrote its `nics` schema (network_id, subnet_id, ip_address):
# these keys are refused there, with what takes their place here.
DROPPED = {
    "port-id": "net-id=<network>[,subnet-id=<subnet>][,ip-address=<ip>]",
    "v4-fixed-ip": "ip-address=<ip> (with net-id or subnet-id)",
}


def refuse_dropped(key, where):
    """One line for a dropped key (`where` names the option, e.g. --nic), before any request."""
    if key in DROPPED:
        raise exceptions.CommandError(
            f"{where} key '{key}': Trove 12.0.0 dropped {key} from its NIC schema; "
            f"give {DROPPED[key]} instead."
        )


def parse(text, where):
    """`net-id=..,subnet-id=..,ip-address=..` -> Trove's NIC dict; `where` names the
    option in errors (--nic, or nic inside --instance)."""
    nic = {}
    for part in text.split(","):
        key, sep, value = (piece.strip() for piece in part.partition("="))
        refuse_dropped(key, where)
        if not sep or key not in KEYS or not value:
            raise exceptions.CommandError(
                f"{where} takes {SYNTAX} (at least net-id or subnet-id); '{text}' is not that."
            )
        nic[KEYS[key]] = value
    if "network_id" not in nic and "subnet_id" not in nic:
        raise exceptions.CommandError(f"{where} '{text}' needs net-id or subnet-id.")
    return nic
