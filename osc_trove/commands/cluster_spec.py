"""`--instance key=value,...` of cluster create and grow, and `--extended-properties`.

The values are parsed while the command line is read (so that bad input is
refused before any request) into plain dicts; `member_request` later turns
one into the request's member entry, resolving names to IDs.
"""

import argparse

from osc_lib import exceptions
from osc_lib.cli import parseractions

from osc_trove.cli import arguments, other_services
from osc_trove.commands import cluster_view, nic_keys

CREATE_KEYS = ["flavor", "volume", "volume_type", "nic", "availability_zone", "module",
               "type", "region"]
GROW_KEYS = CREATE_KEYS + ["name", "related_to"]
REPEATABLE = ("module", "type")

METAVAR = "<flavor=<flavor>,volume=<GB>[,key=value...]>"


def help_text(grow=False):
    extra = ", name=<member name>, related_to=<attribute>" if grow else ""
    return (
        "A member to add; repeat for each member. Keys: flavor=<flavor> (name or ID, "
        "required), volume=<GB> (required unless the flavor has an ephemeral disk), "
        f"volume_type=<type>, nic='{nic_keys.SYNTAX}' (one NIC, the value quoted: "
        f"{nic_keys.HELP}), "
        "availability_zone=<zone>, module=<module> (name or ID; repeatable), "
        "type=<member type> (repeatable), region=<region>" + extra
    )


def split_pairs(text):
    """`a=1,b='x=1,y=2'` -> [("a", "1"), ("b", "x=1,y=2")]: commas inside quotes stay."""
    pairs, current, quote = [], "", None
    for char in text + ",":
        if quote:
            if char == quote:
                quote = None
            else:
                current += char
        elif char in "'\"":
            quote = char
        elif char == ",":
            if current.strip():
                key, sep, value = current.partition("=")
                if not sep or not key.strip() or not value.strip():
                    raise exceptions.CommandError(
                        f"'{current.strip()}' is not a key=value pair (in '{text}')."
                    )
                pairs.append((key.strip(), value.strip()))
            current = ""
        else:
            current += char
    if quote:
        raise exceptions.CommandError(f"Unbalanced {quote} quote in '{text}'.")
    return pairs


class InstanceOption(parseractions.MultiKeyValueAction):
    """osc-lib's key=value action, for cluster members: quoted values (a NIC) may
    hold commas, `module` and `type` may repeat, and every problem is one line
    (exit 1) naming the key, as the command's other errors are."""

    def validate_keys(self, keys):
        valid = self.required_keys | self.optional_keys
        for key in keys:
            if key in nic_keys.KEYS or key in nic_keys.DROPPED:
                raise exceptions.CommandError(
                    f"--instance key '{key}' belongs inside the nic value: "
                    f"nic='{key}=...' (quoted, with the rest of the NIC)."
                )
            if key not in valid:
                raise exceptions.CommandError(
                    f"Unknown --instance key '{key}'; valid keys: {', '.join(self.keys)}."
                )
        missing = [key for key in sorted(self.required_keys) if key not in keys]
        if missing:
            raise exceptions.CommandError(
                f"--instance needs {', '.join(missing)}=<value>; got '{self.current}'."
            )

    @property
    def keys(self):
        return sorted(self.required_keys | self.optional_keys)

    def __call__(self, parser, namespace, values, option_string=None):
        self.current = values
        pairs = split_pairs(values)
        self.validate_keys([key for key, _ in pairs])
        member = {}
        for key, value in pairs:
            if key in REPEATABLE:
                member.setdefault(key, []).append(value)
            elif key in member:
                what = "one NIC per member" if key == "nic" else "once per member"
                raise exceptions.CommandError(f"--instance key '{key}' may be given {what}.")
            else:
                member[key] = value
        check_member(member)
        if getattr(namespace, self.dest, None) is None:
            setattr(namespace, self.dest, [])
        getattr(namespace, self.dest).append(member)


def check_member(member):
    """Values that can be checked without the cloud: sizes and the NIC."""
    if "volume" in member:
        try:
            member["volume"] = arguments.positive_int(member["volume"])
        except argparse.ArgumentTypeError as err:
            raise exceptions.CommandError(f"--instance volume: {err}.") from None
    elif "volume_type" in member:
        raise exceptions.CommandError("--instance volume_type needs volume=<GB>.")
    if "nic" in member:
        member["nic"] = nic_keys.parse(member["nic"], "nic")


def add_instance_option(parser, grow=False):
    parser.add_argument(
        "--instance",
        metavar=METAVAR,
        dest="instances",
        action=InstanceOption,
        required_keys=["flavor"],
        optional_keys=[key for key in (GROW_KEYS if grow else CREATE_KEYS) if key != "flavor"],
        help=help_text(grow),
    )


def parse_extended_properties(text):
    """`num_mongos=2,mongos_volume_type=ssd` -> a dict; whole numbers sent as numbers."""
    return {key: int(value) if value.isdigit() else value for key, value in split_pairs(text)}


def member_request(trove, app, member):
    """The request's entry for one parsed member; flavors, modules and networks by name."""
    flavor = trove.flavors.find(member["flavor"])
    if "volume" not in member and not flavor.get("ephemeral"):
        # Trove would refuse it too, but only after recording a cluster that
        # then stays BUILDING with no members.
        raise exceptions.CommandError(
            f"--instance needs volume=<GB>: flavor '{member['flavor']}' has no local "
            "(ephemeral) disk for the data."
        )
    entry = {"flavorRef": trove.flavors.id_of(flavor)}
    if "volume" in member:
        entry["volume"] = {"size": member["volume"]}
        if "volume_type" in member:
            entry["volume"]["type"] = member["volume_type"]
    if "nic" in member:
        entry["nics"] = [other_services.resolve_nic(app, member["nic"])]
    if "module" in member:
        entry["modules"] = [{"id": trove.modules.resolve(m)} for m in member["module"]]
    if "type" in member:
        entry["type"] = ",".join(member["type"])
    for key, field in (("availability_zone", "availability_zone"), ("region", "region_name"),
                       ("name", "name"), ("related_to", "related_to")):
        if key in member:
            entry[field] = member[key]
    return entry


def name_new_members(cluster, members):
    """`members` with each unnamed one called `<cluster>-member-<n>`, n past every name
    in use. Trove would name them itself, but its Redis (and older) strategies count
    from 1 again on every grow: a second `<cluster>-member-1` that shrink by name can
    then no longer tell apart."""
    existing = cluster_view.members(cluster)
    taken = {m.get("name") for m in existing} | {m["name"] for m in members if m.get("name")}
    count = len(existing)
    named = []
    for member in members:
        if not member.get("name"):
            count += 1
            while f"{cluster['name']}-member-{count}" in taken:
                count += 1
            member = {**member, "name": f"{cluster['name']}-member-{count}"}
            taken.add(member["name"])
        named.append(member)
    return named
