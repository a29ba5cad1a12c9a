"""One list of commands: entry points, each command's `aliases` and docs/commands.md agree,
and every command class is named after its command's words."""

import pathlib
import re

import pytest

from tests.unit.helpers import COMMANDS

REFERENCE = pathlib.Path(__file__).resolve().parents[2] / "docs" / "commands.md"


def command_name(usage):
    """`database set --root <x> [--y]` -> `database set`: the words before any argument."""
    words = []
    for word in usage.split():
        if word.startswith(("<", "[", "-")):
            break
        words.append(word)
    return " ".join(words)


def reference_rows():
    """{documented command: set of its documented alias names}, from the reference's tables."""
    rows = {}
    for line in REFERENCE.read_text().splitlines():
        if not line.startswith("| `"):
            continue
        cells = re.split(r"(?<!\\)\|", line)[1:-1]
        command = command_name(re.findall(r"`([^`]*)`", cells[0])[0])
        assert command not in rows, f"{command} has two rows in {REFERENCE.name}"
        rows[command] = {command_name(alias) for alias in re.findall(r"`([^`]*)`", cells[1])}
    return rows


def is_alias(cls):
    """Hidden and running a visible command's code (a withdrawn command is hidden, but
    runs no other command's code: it has its own row)."""
    return getattr(cls, "deprecated", False) and not getattr(cls, "withdrawn", False)


def canonical_of(alias_cls, commands):
    """The name of the visible command an alias class runs the code of."""
    names = [
        name for name, cls in commands.items()
        if not is_alias(cls) and issubclass(alias_cls, cls)
    ]
    assert len(names) == 1, f"{alias_cls.__name__} derives from {names or 'no command'}"
    return names[0]


# How a command's words give its class name (one pattern for every command):
# the verb first, then the other words in their order, without the leading
# "database"; "force delete" is one verb; a command without a verb word lists
# ("cluster modules": ListClusterModules); a list's last word is plural. An
# alias's class is its command's class name + "Alias".
VERBS = {"add", "attach", "clone", "connect", "copy", "count", "create", "default", "delete",
         "detach", "diff", "disable", "export", "migrate", "ping", "prune", "restore", "stop",
         "eject", "enable", "grant", "grow", "list", "promote", "query", "reapply", "reboot",
         "rebuild", "remove", "reset", "resize", "restart", "revoke", "rollback", "save", "set",
         "show", "shrink", "tail", "unset", "update", "upgrade"}
SPELLING = {"db": "Database"}
UNCOUNTED = {"access", "status"}


def plural(word):
    if word.endswith("s") or word.lower() in UNCOUNTED:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def class_name(command, lists):
    """`database instance show module` (a list) -> `ShowInstanceModules`."""
    words = command.split()
    if words[0] == "database":
        words = words[1:]
    at = next((i for i, word in enumerate(words) if word in VERBS), None)
    if at is None:
        verb, objects = "List", words
    elif at > 0 and words[at - 1] == "force":
        verb, objects = "ForceDelete", words[: at - 1] + words[at + 1 :]
    else:
        verb, objects = words[at].capitalize(), words[:at] + words[at + 1 :]
    objects = [SPELLING.get(word, word.capitalize()) for word in objects]
    if lists and objects:
        objects[-1] = plural(objects[-1])
    return verb + "".join(objects)


def test_class_names_follow_the_command_words():
    from osc_lib.command import command

    wrong = {}
    for name, cls in COMMANDS.items():
        if is_alias(cls):
            expected = COMMANDS[canonical_of(cls, COMMANDS)].__name__ + "Alias"
        else:
            expected = class_name(name, issubclass(cls, command.Lister))
        if cls.__name__ != expected:
            wrong[name] = f"{cls.__name__}, not {expected}"
    assert wrong == {}


def test_the_reference_parses_into_rows_and_the_commands_are_found():
    assert "database instance create" in COMMANDS  # the entry point group is the right one
    rows = reference_rows()
    assert "database instance create" in rows
    assert rows["database limit list"] == {"database limits list"}
    assert rows["database root enable"] == {"database set"}


@pytest.mark.parametrize("name", sorted(n for n, c in COMMANDS.items() if not is_alias(c)))
def test_every_command_has_its_row_with_its_aliases(name):
    rows = reference_rows()
    assert name in rows, f"'openstack {name}' has no row in docs/commands.md"
    declared = {command_name(alias) for alias in COMMANDS[name].aliases}
    assert rows[name] == declared, (
        f"docs/commands.md lists {sorted(rows[name])} as aliases of '{name}'; "
        f"its class names {sorted(declared)}"
    )


@pytest.mark.parametrize("name", sorted(n for n, c in COMMANDS.items() if is_alias(c)))
def test_every_alias_is_named_by_its_command_and_in_its_row(name):
    canonical = canonical_of(COMMANDS[name], COMMANDS)
    assert name in [command_name(a) for a in COMMANDS[canonical].aliases]
    assert name in reference_rows()[canonical]
    epilog = " ".join(COMMANDS[canonical](None, None).get_epilog().split())
    assert "Also available as:" in epilog and f"'{name}" in epilog, epilog


def test_every_documented_command_is_registered():
    rows = reference_rows()
    documented = set(rows) | set().union(*rows.values())
    assert documented - set(COMMANDS) == set()


def test_every_name_in_aliases_is_registered():
    named = {command_name(a) for cls in COMMANDS.values() for a in cls.aliases}
    assert named - set(COMMANDS) == set()
