"""NIC keys python-troveclient took that Trove's API no longer does."""

from osc_lib import exceptions

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
