"""Every command name and argument python-troveclient's OSC plugin ever shipped
(tests/fixtures/troveclient-history.json, made by tools/troveclient-history):
osc-trove's parser takes each with the same meaning, except the ones the data
marks `"gap": true`, which it must still refuse, so that whoever closes a gap
is told to unmark it.

Meaning is checked at the parser: a value given to troveclient's spelling must
land in osc-trove's dest for it (troveclient's dest unless `osc_dest` says
otherwise), and a flag must set it as troveclient's did.
"""

import contextlib
import functools
import io
import json

import pytest

from tests.unit.conftest import FIXTURES
from tests.unit.test_command_list import COMMANDS

HISTORY = json.loads((FIXTURES / "troveclient-history.json").read_text())

# Values troveclient took in a format a plain word does not fit (the rest get `v-<dest>`).
SAMPLES = {
    ("database instance create", "--nic"): "net-id=v-nic",
    ("database cluster create", "--instance"): "flavor=v-flavor,volume=1",
    ("database cluster grow", "--instance"): "flavor=v-flavor,volume=1",
    ("database cluster create", "--extended-properties"): "num_mongos=17",
    ("database instance create", "--allowed-cidr"): "10.17.0.0/16",
    ("database instance update", "--allowed-cidr"): "10.17.0.0/16",
    ("database backup create", "--restore-size"): "17",
    ("database backup list", "--limit"): "17",
    ("database backup list instance", "--limit"): "17",
    ("database instance list", "--limit"): "17",
    ("database ssl enable", "--mode"): "enforced",
}


class Refused(Exception):
    """osc-trove's parser exits on this command line (argparse's usage error)."""


@functools.cache
def parser_of(name):
    return COMMANDS[name](None, None).get_parser(f"openstack {name}")


def parse(name, argv):
    with contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            return parser_of(name).parse_args(argv)
        except SystemExit:
            raise Refused(err.getvalue().strip().splitlines()[-1]) from None


def value_of(arg, command, index=0):
    """A value for `arg` that can be told apart from every other in the namespace."""
    if (command, arg.get("option")) in SAMPLES:
        return SAMPLES[command, arg["option"]]
    if arg.get("type") == "int":
        return str(17 + index)
    return f"v-{arg.get('dest') or arg['positional']}-{index}"


def lands(value, found):
    """Whether `value` is what the parser stored, or in it (a list; key=value pairs parsed)."""
    if found is None:
        return False
    if isinstance(found, (dict, list)) and "=" in value:
        return all(pair.split("=", 1)[1] in repr(found) for pair in value.split(","))
    return value in repr(found)


def as_flag(value):
    return {"true": True, "false": False}.get(value, value)


def base_signature(command, release):
    """The positional arguments and required options `command` had in `release`, or, where
    osc-trove lacks that form (a gap), the newest form it takes."""
    order = HISTORY["releases"]
    signatures = HISTORY["commands"][command]["signatures"]
    for signature in signatures:
        if order.index(signature["first"]) <= order.index(release) <= order.index(
                signature["last"]) and release not in signature.get("missing", ()):
            if not signature.get("gap"):
                return signature
    return [s for s in signatures if not s.get("gap")][-1]


def argv_of(command, signature):
    """A command line with every positional argument and required option of `signature`,
    and what each value must be found as: [(dest, value)]."""
    argv, expect = [], []
    dests = signature.get("osc_dests") or [p["positional"] for p in signature["positionals"]]
    for positional, dest in zip(signature["positionals"], dests, strict=True):
        count = 2 if positional.get("nargs") in ("+", "*") else 1
        values = [value_of(positional, command, i) for i in range(count)]
        argv += values
        expect += [(dest, v) for v in values]
    for option in signature.get("osc_requires", {}):  # Trove needs it; troveclient let it be
        argv += [option, f"v-required{option}"]
    options = {o["option"]: o for o in HISTORY["commands"][command]["options"]}
    for option in signature["required"]:
        value = value_of(options[option], command)
        argv += [option, value]
        expect.append((options[option].get("osc_dest", options[option]["dest"]), value))
    return argv, expect


def check_signature(command, signature):
    argv, expect = argv_of(command, signature)
    parsed = parse(command, argv)
    for dest, value in expect:
        if not lands(value, getattr(parsed, dest, None)):
            raise Refused(f"{value!r} is not in {dest} ({getattr(parsed, dest, None)!r})")


def option_lines(command, option, base):
    """[(command line, [(check, value)])] that exercise one spelling after `base`."""
    spelling = option["option"]
    if not option["takes_value"]:
        return [(base + [spelling], [("sets", option.get("osc_sets", option["sets"]))])]
    if "choices" in option:
        return [(base + [spelling, choice], [("has", choice)]) for choice in option["choices"]]
    count = 2 if option.get("nargs") in ("+", "*") else 1
    values = [value_of(option, command, i) for i in range(count)]
    return [(base + [spelling, *values], [("has", value) for value in values])]


def check_option(command, option):
    spelling, dest = option["option"], option.get("osc_dest", option["dest"])
    action = parser_of(command)._option_string_actions.get(spelling)
    if action is None:
        raise Refused(f"no {spelling}")  # an abbreviation of a longer option does not count
    if (action.nargs != 0) != option["takes_value"]:
        raise Refused(f"{spelling} {'takes a' if action.nargs != 0 else 'takes no'} value")
    if action.dest != dest:
        raise Refused(f"{spelling} goes to {action.dest}, not {dest}")
    base, _ = argv_of(command, base_signature(command, option["last"]))
    unset = getattr(parse(command, base), dest)
    for argv, checks in option_lines(command, option, base):
        found = getattr(parse(command, argv), dest)
        for kind, expected in checks:
            if kind == "has" and not lands(expected, found):
                raise Refused(f"{expected!r} is not in {dest} ({found!r})")
            if kind == "sets" and (found == unset or as_flag(found) != as_flag(expected)):
                raise Refused(f"{spelling} sets {dest} to {found!r}")


def cases(kind):
    for command, facts in HISTORY["commands"].items():
        if kind == "command":
            yield pytest.param(command, facts, id=command)
        elif not facts.get("gap"):
            for entry in facts[kind]:
                label = entry.get("option") or " ".join(
                    f"<{p['positional']}>" for p in entry["positionals"]) or "(none)"
                yield pytest.param(command, entry, id=f"{command} {label} {entry['first']}")


def expect_gap(entry, check, *args):
    """Run `check`: it must pass, or fail where (and only where) the data says gap."""
    try:
        check(*args)
    except Refused as refused:
        assert entry.get("gap"), f"osc-trove refuses it: {refused}"
        assert entry.get("reason"), "a gap says in one line why"
        return
    assert not entry.get("gap"), "osc-trove takes it now: unmark the gap in the data"


def test_the_history_covers_every_release_and_the_known_spellings():
    releases = HISTORY["releases"]
    assert releases[0] == "2.8.0" and releases[-1] == "8.11.0"
    create = HISTORY["commands"]["database instance create"]
    assert {"--flavor", "--datastore_version", "--replica_of"} <= {
        o["option"] for o in create["options"]}
    assert any(p["positional"] == "flavor" for s in create["signatures"]
               for p in s["positionals"])
    assert "database log enable" in HISTORY["commands"]


@pytest.mark.parametrize("command, facts", cases("command"))
def test_the_command_exists(command, facts):
    def check():
        if command not in COMMANDS:
            raise Refused(f"'{command}' is no osc-trove command")
    expect_gap(facts, check)


@pytest.mark.parametrize("command, signature", cases("signatures"))
def test_the_positional_arguments_keep_their_meaning(command, signature):
    expect_gap(signature, check_signature, command, signature)


@pytest.mark.parametrize("command, option", cases("options"))
def test_the_option_keeps_its_meaning(command, option):
    expect_gap(option, check_option, command, option)


def test_a_gap_that_is_closed_fails():
    """The checker can fail: a spelling osc-trove takes, marked as a gap, is reported."""
    option = {"option": "--size", "dest": "size", "takes_value": True, "type": "int",
              "first": "2.14.0", "last": "8.11.0", "gap": True, "reason": "-"}
    with pytest.raises(AssertionError, match="unmark"):
        expect_gap(option, check_option, "database instance create", option)
    option = {**option, "option": "--no-such-size", "gap": False}
    with pytest.raises(AssertionError, match="refuses it"):
        expect_gap(option, check_option, "database instance create", option)


UUID = "4b1f0c1e-8e36-4c35-9a0e-5c0ffee0cafe"


@pytest.mark.parametrize("removed", HISTORY["trove_removed"],
                         ids=lambda r: f"{r['command']} {r['removed']}")
def test_what_trove_no_longer_takes_is_refused_saying_why(trove, removed):
    """Exit 1 before any request, with one line that names the thing and Trove."""
    def check():
        if removed["command"] not in COMMANDS:
            raise Refused(f"'{removed['command']}' is no osc-trove command")
        argv = [word.replace("<uuid>", UUID) for word in removed["argv"]]
        code, out, err = trove.run(*removed["command"].split(), *argv)
        line = err.strip()
        if (code, out, trove.requests) != (1, "", []) or "\n" in line:
            raise Refused(f"exit {code}, {len(trove.requests)} requests, stderr {err!r}")
        if removed["removed"] not in line or "Trove" not in line:
            raise Refused(f"the line does not say Trove dropped {removed['removed']}: {line}")
    expect_gap(removed, check)
