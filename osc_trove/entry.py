"""What osc-trove's entry points in `openstack.extension` name, all cheap to load.

cliff (through stevedore) loads every entry point of that group on every
`openstack` run, whatever the command, `openstack server list` included.

- Each command's entry point names `osc_trove.entry:<module>.<Class>` rather
  than `osc_trove.commands.<module>:<Class>`: loading it imports only this
  module and makes one small class. The command's own module is imported when
  cliff builds the command, to run it, show its help, complete it or document it.
- `help` and `complete` replace cliff's own, to leave hidden commands out (see
  HelpCommand). They are here, not in a module of their own, because every
  `openstack <any command> --help` runs `help`.
"""

import argparse
import importlib

# Imported by cliff.app already; private names, as every other name here is a
# module of osc_trove.commands.
from cliff import complete as _complete
from cliff import help as _help

PACKAGE = "osc_trove.commands"
# Where the commands are registered (osc_trove.plugin says why); other packages
# may add to it too.
COMMAND_GROUP = "openstack.extension"
# The first word of every osc-trove command (a unit test checks it against the
# entry points).
COMMAND_FAMILIES = ("database", "datastore")


def may_name_our_command(words):
    """Whether command-line `words` may name an osc-trove command (cliff takes
    abbreviated words too)."""
    return any(w and family.startswith(w) for w in words for family in COMMAND_FAMILIES)


class LazyCommand:
    """Stands in for a command class: cliff calls it as it would the class, and
    gets the real command."""

    target = ""  # "osc_trove.commands.<module>:<Class>"

    # Never runs (__new__ returns another class's object); cliff reads its
    # arguments to know that it may pass cmd_name.
    def __init__(self, app, app_args, cmd_name=None):
        pass

    def __new__(cls, app, app_args, cmd_name=None):
        return cls.command_class()(app, app_args, cmd_name=cmd_name)

    @classmethod
    def command_class(cls):
        module, _, name = cls.target.partition(":")
        return getattr(importlib.import_module(module), name)


class _Module:
    """`osc_trove.entry.<module>`: each attribute is the stand-in of that class of
    `osc_trove.commands.<module>`, made on first use."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        stand_in = type(name, (LazyCommand,), {
            "target": f"{PACKAGE}.{self._name}:{name}", "__module__": __name__})
        setattr(self, name, stand_in)
        return stand_in


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    module = globals()[name] = _Module(name)
    return module


# cliff's `help <words>` and `complete` list every registered name: osc-trove's
# aliases and withdrawn commands (hidden from `openstack help`'s list, as
# `deprecated`) and the option spellings kept only for older scripts
# (`help=SUPPRESS`) would be offered to users who should type the visible ones.
# The rule is cliff's own (a deprecated command is hidden), so it holds for
# every plugin's commands.


def _visible(app, names):
    """The commands named `names` that `openstack help` lists: {name: command},
    None for one that cannot be built (help names it, as cliff's list does)."""
    commands = dict(app.command_manager)
    shown = {}
    for name in names:
        try:
            command = commands[name].load()(app, None)
        except Exception:
            shown[name] = None
            continue
        if not command.deprecated:
            shown[name] = command
    return shown


def _words_then_options(word):
    # Command words sorted; options in their parser's order.
    return (True, "") if word.startswith("-") else (False, word)


class HelpCommand(_help.HelpCommand):
    """print detailed help for another command"""

    def take_action(self, parsed_args):
        if parsed_args.cmd:
            try:
                self.app.command_manager.find_command(parsed_args.cmd)
            except ValueError:
                # Words that name no command: the visible ones they begin.
                first = parsed_args.cmd[0]
                names = [name for name, _ in self.app.command_manager if name.startswith(first)]
                matches = sorted(_visible(self.app, names))
                if not matches:
                    raise
                self.app.stdout.write(f'Command "{first}" matches:\n')
                self.app.stdout.writelines(f"  {name}\n" for name in matches)
                return 0
        return super().take_action(parsed_args)


class CompleteCommand(_complete.CompleteCommand):
    """print bash completion command"""

    def take_action(self, parsed_args):
        shell = self._formatters[parsed_args.shell].plugin(
            parsed_args.name or self.app.NAME, self.app.stdout)
        following = {}  # "a_b": the words that may follow `a b`, options last
        names = [name for name, _ in self.app.command_manager]
        for name, command in _visible(self.app, names).items():
            if command is None:
                continue  # another plugin's command that cannot be built
            words = name.split()
            for i, word in enumerate(words[1:], 1):
                following.setdefault("_".join(words[:i]), {})[word] = None
            parser = command.get_parser(f"{self.app.NAME} {name}")
            options = following.setdefault("_".join(words), {})
            for action in parser._get_optional_actions():
                if action.help != argparse.SUPPRESS:
                    options.update(dict.fromkeys(action.option_strings))
        firsts = sorted({key.split("_")[0] for key in following})
        # A command that also begins longer ones (`instance list`, `instance list
        # module`) offers those words first: bash completes options only after "-".
        data = [(key, " ".join(sorted(words, key=_words_then_options)))
                for key, words in sorted(following.items())]
        shell.write(" ".join(firsts), data)
        return 0
