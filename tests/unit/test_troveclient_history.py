"""Every command name and argument python-troveclient's OSC plugin ever shipped
(tests/fixtures/troveclient-history.json, made by tools/troveclient-history)
is taken by osc-trove with the same meaning, except what the data marks as a
gap (`"gap": true`, or `"order_gap": true` where only options between the
positional arguments fail): that must still fail, so that whoever closes a gap
is told to unmark it (and to rerun `tools/troveclient-history --docs`).

Meaning is checked at the parser: a value given to troveclient's spelling must
land in osc-trove's dest for it (troveclient's dest unless `osc_dest` or
`osc_dests` says otherwise), a flag must set it as troveclient's did, and names
and spellings troveclient retired must be hidden. What Trove itself dropped
(`trove_removed`) is run through the shell: one line that says so, exit 1.
"""

import argparse
import contextlib
import functools
import importlib.machinery
import importlib.util
import io
import json
import pathlib

import pytest

from osc_trove import plugin
from tests.unit.conftest import FIXTURES
from tests.unit.helpers import COMMANDS

HISTORY = json.loads((FIXTURES / "troveclient-history.json").read_text())
TOOL = pathlib.Path(__file__).resolve().parents[2] / "tools" / "troveclient-history"
NEWEST = HISTORY["releases"][-1]

# Values troveclient took in a format a plain word does not fit (the rest get `v-<dest>-<i>`);
# {i} tells the values of a repeated option apart.
SAMPLES = {
    ("database instance create", "--nic"): "net-id=v-nic-{i}",
    ("database cluster create", "--instance"): "flavor=v-flavor-{i},volume=1",
    ("database cluster grow", "--instance"): "flavor=v-flavor-{i},volume=1",
    ("database cluster create", "--extended-properties"): "num_mongos=17",
    ("database instance create", "--allowed-cidr"): "10.17.{i}.0/24",
    ("database instance update", "--allowed-cidr"): "10.17.{i}.0/24",
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
        return SAMPLES[command, arg["option"]].format(i=index)
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


def words_of(command, signature):
    """The words of each positional argument of `signature`, the words of its required
    options, and where each value must be found: [(dest, value)]."""
    groups, options, expect = [], [], []
    dests = signature.get("osc_dests") or [p["positional"] for p in signature["positionals"]]
    for positional, dest in zip(signature["positionals"], dests, strict=True):
        count = 2 if positional.get("nargs") in ("+", "*") else 1
        groups.append([value_of(positional, command, i) for i in range(count)])
        expect += [(dest, value) for value in groups[-1]]
    for option in signature.get("osc_requires", {}):  # Trove needs it; troveclient let it be
        options += [option, f"v-required{option}"]
    known = {o["option"]: o for o in HISTORY["commands"][command]["options"]}
    for option in signature["required"]:
        value = value_of(known[option], command)
        options += [option, value]
        expect.append((known[option].get("osc_dest", known[option]["dest"]), value))
    return groups, options, expect


def argv_of(command, signature):
    """A command line with every positional argument and required option of `signature`."""
    groups, options, expect = words_of(command, signature)
    return [word for group in groups for word in group] + options, expect


def check_parsed(parsed, expect):
    for dest, value in expect:
        if not lands(value, getattr(parsed, dest, None)):
            raise Refused(f"{value!r} is not in {dest} ({getattr(parsed, dest, None)!r})")


def check_signature(command, signature):
    argv, expect = argv_of(command, signature)
    check_parsed(parse(command, argv), expect)


def filler(command, signature):
    """An option of the command that takes one plain value when `signature` was current."""
    order = HISTORY["releases"]
    for option in HISTORY["commands"][command]["options"]:
        if (option["takes_value"] and not option.get("gap") and "nargs" not in option
                and option.get("action") != "append"
                and order.index(option["first"]) <= order.index(signature["last"])
                <= order.index(option["last"])):
            return option
    return None


def check_order(command, signature):
    """troveclient took options before and between the positional arguments too."""
    groups, options, expect = words_of(command, signature)
    option = filler(command, signature)
    extra = [option["option"], option.get("choices", [value_of(option, command)])[0]]
    expect = expect + [(option.get("osc_dest", option["dest"]), extra[1])]
    for at in range(len(groups)):
        words = [w for group in groups[:at] for w in group] + extra + [
            w for group in groups[at:] for w in group] + options
        try:
            check_parsed(parse(command, words), expect)
        except Refused as refused:
            raise Refused(f"{' '.join(words)}: {refused}") from None


def option_lines(command, option, base):
    """[(command line, [(check, value)])] that exercise one spelling after `base`."""
    spelling = option["option"]
    if not option["takes_value"]:
        return [(base + [spelling], [("sets", option.get("osc_sets", option["sets"]))])]
    if "choices" in option:
        return [(base + [spelling, choice], [("has", choice)]) for choice in option["choices"]]
    if option.get("action") == "append":  # troveclient kept every one given
        values = [value_of(option, command, i) for i in range(2)]
        words = [word for value in values for word in (spelling, value)]
        return [(base + words, [("has", value) for value in values])]
    count = 2 if option.get("nargs") in ("+", "*") else 1
    values = [value_of(option, command, i) for i in range(count)]
    return [(base + [spelling, *values], [("has", value) for value in values])]


def retired(command, spelling):
    """Whether the newest troveclient release no longer has `spelling` for `command`."""
    return all(o["last"] != NEWEST for o in HISTORY["commands"][command]["options"]
               if o["option"] == spelling)


def check_option(command, option):
    spelling, dest = option["option"], option.get("osc_dest", option["dest"])
    action = parser_of(command)._option_string_actions.get(spelling)
    if action is None:
        raise Refused(f"no {spelling}")  # an abbreviation of a longer option does not count
    if (action.nargs != 0) != option["takes_value"]:
        raise Refused(f"{spelling} {'takes a' if action.nargs != 0 else 'takes no'} value")
    if action.dest != dest:
        raise Refused(f"{spelling} goes to {action.dest}, not {dest}")
    if retired(command, spelling) and action.help != argparse.SUPPRESS:
        raise Refused(f"{spelling} shows in the usage; troveclient {NEWEST} no longer has it")
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


def expect_gap(entry, check, *args, kind=""):
    """Run `check`: it must pass, or fail where (and only where) the data says
    `<kind>gap` (with a one-line `<kind>reason`)."""
    try:
        check(*args)
    except Refused as refused:
        assert entry.get(f"{kind}gap"), f"osc-trove refuses it: {refused}"
        assert entry.get(f"{kind}reason"), "a gap says why"
        return
    assert not entry.get(f"{kind}gap"), f"osc-trove takes it now: unmark {kind}gap in the data"


def test_the_history_covers_every_release_and_the_known_spellings():
    releases = HISTORY["releases"]
    assert releases[0] == "2.8.0" and releases[-1] == "8.11.0"
    create = HISTORY["commands"]["database instance create"]
    assert {"--flavor", "--datastore_version", "--replica_of"} <= {
        o["option"] for o in create["options"]}
    assert any(p["positional"] == "flavor" for s in create["signatures"]
               for p in s["positionals"])
    assert "database log enable" in HISTORY["commands"]


@pytest.mark.parametrize("command, facts", list(cases("command")))
def test_the_command_exists(command, facts):
    def check():
        if command not in COMMANDS:
            raise Refused(f"'{command}' is no osc-trove command")
        if facts["last"] != NEWEST and not getattr(COMMANDS[command], "deprecated", False):
            raise Refused(f"'{command}' is listed in help; troveclient {NEWEST} no longer has it")
    expect_gap(facts, check)


@pytest.mark.parametrize("command, signature", list(cases("signatures")))
def test_the_positional_arguments_keep_their_meaning(command, signature):
    expect_gap(signature, check_signature, command, signature)


@pytest.mark.parametrize("command, signature", [
    case for case in cases("signatures")
    if case.values[1]["positionals"] and not case.values[1].get("gap")
    and filler(*case.values)])
def test_the_positional_arguments_may_follow_options(command, signature):
    expect_gap(signature, check_order, command, signature, kind="order_")


@pytest.mark.parametrize("command, option", list(cases("options")))
def test_the_option_keeps_its_meaning(command, option):
    expect_gap(option, check_option, command, option)


@pytest.mark.parametrize("option", HISTORY["global_options"], ids=lambda o: o["option"])
def test_the_option_of_openstack_itself_is_added(option):
    def check():
        parser = argparse.ArgumentParser()
        plugin.build_option_parser(parser)
        action = parser._option_string_actions.get(option["option"])
        if action is None or action.dest != option.get("osc_dest", option["dest"]):
            raise Refused(f"osc-trove's plugin adds no {option['option']}")
        if (action.nargs != 0) != option["takes_value"]:
            raise Refused(f"{option['option']} differs in taking a value")
    expect_gap(option, check)


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


@pytest.mark.parametrize("removed", [  # a missing command is a gap of its own
    r for r in HISTORY["trove_removed"] if not HISTORY["commands"][r["command"]].get("gap")],
    ids=lambda r: f"{r['command']} {r['removed']}")
def test_what_trove_no_longer_takes_is_refused_saying_why(trove, removed):
    """Exit 1 before any request, with one line that names the thing and Trove."""
    def check():
        argv = [word.replace("<uuid>", UUID) for word in removed["argv"]]
        code, out, err = trove.run(*removed["command"].split(), *argv)
        line = err.strip()
        if (code, out, trove.requests) != (1, "", []) or "\n" in line:
            raise Refused(f"exit {code}, {len(trove.requests)} requests, stderr {err!r}")
        if removed["removed"] not in line or "Trove" not in line:
            raise Refused(f"the line does not say Trove dropped {removed['removed']}: {line}")
    expect_gap(removed, check)


def test_the_parity_page_lists_every_gap():
    loader = importlib.machinery.SourceFileLoader("troveclient_history", str(TOOL))
    tool = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(tool)
    assert tool.docs_section(HISTORY) in tool.PARITY.read_text(), (
        f"{tool.PARITY.name} is behind the data: run tools/troveclient-history --docs")
