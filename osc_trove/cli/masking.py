"""Keeping the command line's secrets out of logs and usage errors.

What the API logs (request and response bodies) is masked by
osc_trove.api.redact, which this module re-exports for the commands
(`masked_logger`, `PasswordFilter`, `mask`); what is here knows the command line.

Commands mark the arguments that take a secret where they declare them
(`secret(parser.add_argument(...))`). `ArgumentsFilter` masks their values in
the parsed arguments a command logs (osc-lib's `run(Namespace(...))`).
osc-lib also logs the whole command line (`START with options: ...`, INFO,
logger `osc_lib.shell`) before any command runs, masking only `password=`
forms: `CommandLineFilter` masks the values of `openstack`'s own secret
options (`--os-password X`, `--os-token X`: those keystoneauth's plugins call
secret), then finds the osc-trove command named there, parses its words with
that command's own parser and masks those its secret arguments took. It must
be attached before that line is logged: `osc_trove.plugin.build_option_parser`
does it.

A command taking a password masks its usage errors (`mask_usage_errors`):
argparse quotes back the words it could not place, and in such a command a
word it could not place is most likely the password (`user create i bob
-SeKr1t`: `-SeKr1t` read as an option). The rule: a word quoted back stays
only where it reads as an option's name (`-x`, or `--` then lowercase
letters, digits and dashes: `--bogus`), with any value after its `=` masked;
every other word reads ***. A password spelled like a long option's name
(`--hunter`) still shows.
"""

import argparse
import copy
import itertools
import logging
import re

from osc_trove.api.redact import (
    HTTP_LOGGER,
    MASK,
    PasswordFilter,
    mask,
    masked_logger,
    would_emit,
)
from osc_trove.entry import COMMAND_GROUP, may_name_our_command

# What the commands take from here though the API's module defines it.
__all__ = ["HTTP_LOGGER", "MASK", "PasswordFilter", "mask", "masked_logger"]


# --- secret arguments ----------------------------------------------------------
# A command declares which of its arguments take a secret where it adds them
# (`secret(parser.add_argument(...))`); the logged command line is masked by
# asking that command's own parser which words those arguments took.

WHOLE = "whole"  # the value is the secret, and so are the words after it up to an option
AFTER_COLON = "after-colon"  # `name:secret` pairs: the name stays readable
ONE_WORD = "one-word"  # the value is the secret; the words after it may be the command

DISTRIBUTION = "osc-trove"


def secret(action, kind=WHOLE):
    """Mark an argparse action (what add_argument returns) as taking a secret.

    Every argument sharing its dest (an older spelling) is secret too."""
    action.osc_trove_secret = kind
    return action


def secret_dests(parser):
    """{dest: kind} of the parser's secret arguments."""
    return {
        action.dest: action.osc_trove_secret
        for action in parser._actions
        if getattr(action, "osc_trove_secret", None)
    }


def masked_value(value, kind):
    if kind == AFTER_COLON:
        name, sep, _ = value.partition(":")
        return f"{name}:{MASK}" if sep else MASK
    return MASK


class ArgumentsFilter(logging.Filter):
    """Masks a command's secret arguments, as its parser marks them, where its
    parsed arguments are logged (osc-lib's `run(Namespace(...))`, at DEBUG)."""

    def __init__(self, parser, parsed_args):
        super().__init__()
        self.replacements = []
        for dest, kind in secret_dests(parser).items():
            value = getattr(parsed_args, dest, None)
            if value:
                masked = [masked_value(v, kind) for v in value] if isinstance(value, list) \
                    else masked_value(value, kind)
                self.replacements.append((f"{dest}={value!r}", f"{dest}={masked!r}"))

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:
            return True
        masked = message
        for shown, hidden in self.replacements:
            masked = masked.replace(shown, hidden)
        if masked != message:
            record.msg, record.args = masked, None
        return True


# --- usage errors (the rule: see the module docstring) --------------------------

_OPTION_NAME = re.compile(r"-[a-zA-Z]|--[a-z][a-z0-9-]*")
_QUOTED_BACK = (
    re.compile(r"(?P<head>unrecognized arguments: )(?P<words>.*)", re.DOTALL),
    re.compile(r"(?P<head>ambiguous option: )(?P<words>\S+)"),
    re.compile(r"(?P<head>ignored explicit argument )(?P<words>.*)", re.DOTALL),
)


def _masked_word(word):
    name, equals, _ = word.partition("=")
    if not _OPTION_NAME.fullmatch(name):
        return MASK
    return f"{name}={MASK}" if equals else name


def mask_usage_error(message):
    """An argparse error message with the words it quotes back masked (see above)."""
    for pattern in _QUOTED_BACK:
        found = pattern.search(message)
        if found is not None:
            words = " ".join(_masked_word(w) for w in found["words"].split(" "))
            return message[: found.start("words")] + words + message[found.end("words"):]
    return message


def mask_usage_errors(parser):
    """Make `parser`'s usage errors mask the words they quote back (once)."""
    if getattr(parser.error, "masks_usage", False):
        return
    error = parser.error

    def masked_error(message):
        error(mask_usage_error(message))

    masked_error.masks_usage = True
    parser.error = masked_error


class _Word(str):
    """A word of the command line that knows its place: argparse stores the
    very object, and for `--option=value` the value piece (split/partition)."""

    def __new__(cls, text, index, start=0):
        word = super().__new__(cls, text)
        word.index, word.start = index, start
        return word

    def split(self, sep=None, maxsplit=-1):
        if sep != "=" or "=" not in self:
            return super().split(sep, maxsplit)
        head, _, tail = str(self).partition("=")
        return [head, _Word(tail, self.index, self.start + len(head) + 1)]

    def partition(self, sep):
        head, found, tail = str(self).partition(sep)
        return head, found, _Word(tail, self.index, self.start + len(head) + len(found))


class _Unparsable(Exception):
    pass


def _refuse(*args, **kwargs):
    raise _Unparsable()


def _is_option(word):
    return word.startswith("-") and word != "-"


def _our_commands():
    """{command words: entry point} of osc-trove's commands (its own metadata only)."""
    from importlib.metadata import distribution

    return {
        tuple(ep.name.split("_")): ep
        for ep in distribution(DISTRIBUTION).entry_points
        if ep.group == COMMAND_GROUP
    }


def _abbreviates(given, name):
    return len(given) == len(name) and all(
        word.startswith(part) for part, word in zip(given, name, strict=True)
    )


def _find_command(words):
    """(index after the command's words, its entry point) of the first osc-trove
    command named in `words`, matched as cliff does (whole or unique partial words)."""
    commands = _our_commands()
    for start, first in enumerate(words):
        if _is_option(first) or not first:
            continue
        names = list(itertools.takewhile(lambda w: not _is_option(w), words[start:]))
        for length in range(len(names), 0, -1):
            given = tuple(names[:length])
            found = [given] if given in commands else [
                name for name in commands if _abbreviates(given, name)
            ]
            if len(found) == 1:
                return start + length, commands[found[0]]
    return None


def _parse(parser, words):
    """The namespace and extra words of `words` as the command will parse them."""
    for name in ("error", "exit", "print_help", "print_usage", "_print_message"):
        setattr(parser, name, _refuse)  # parse only: no output, no exit
    intermixed = getattr(parser.parse_args, "__func__", None) is \
        argparse.ArgumentParser.parse_intermixed_args
    parse = parser.parse_known_intermixed_args if intermixed else parser.parse_known_args
    try:
        return parse(words)
    except (_Unparsable, argparse.ArgumentError, TypeError):
        return None


def _secret_words(parser, words):
    """[(word, kind)] of the words holding a secret, plus the words the parser
    could not place (part of a secret holding spaces, maybe); None if unparsable."""
    parsed = _parse(parser, words)
    if parsed is None:
        return None
    namespace, extras = parsed
    found = [(w, WHOLE) for w in extras if isinstance(w, _Word) and not _is_option(w)]
    for dest, kind in secret_dests(parser).items():
        value = getattr(namespace, dest, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, _Word):
                found.append((item, kind))
            elif item:  # changed by a type: where it stood is unknown
                return None
    return found


def _global_options(global_parser, words):
    """([(word, ONE_WORD)] of the secrets `openstack`'s own options took, `words`
    without those options, as cliff leaves them for the command)."""
    parser = copy.copy(global_parser)
    for name in ("error", "exit", "_print_message"):
        setattr(parser, name, _refuse)
    try:
        namespace, rest = parser.parse_known_args(words)
    except (_Unparsable, argparse.ArgumentError):
        return [], words
    # A default from the environment is no word of the line: only _Words are.
    found = [(getattr(namespace, dest, None), ONE_WORD) for dest in _global_secret_dests(parser)]
    return [(word, kind) for word, kind in found if isinstance(word, _Word)], rest


def _global_secret_dests(global_parser):
    """The dests of `openstack`'s options that keystoneauth's plugins call secret
    (--os-password, --os-token, --os-application-credential-secret...)."""
    from keystoneauth1.loading import base as loading
    from osc_lib.api import auth

    names = set()
    for plugin_name in auth.get_plugin_list():
        try:
            options = loading.get_plugin_options(plugin_name)
        except Exception:  # a plugin that does not load offers no option either
            continue
        names.update(o.name.lower().replace("_", "-") for o in options if o.secret)
    return {
        action.dest
        for action in global_parser._actions
        if any(option[len("--os-"):] in names for option in action.option_strings)
    }


def mask_command_line(text, global_parser=None):
    """A logged command line with its secrets as ***: those of `openstack`'s own
    options, and those of an osc-trove command.

    `global_parser` (openstack's own) tells its options from the command's. A
    secret of the command holding spaces arrives split into words: the words
    after one, up to the next option, are masked too. A line that does not
    parse has every value after the command masked.
    """
    words = text.split(" ")
    tagged = [_Word(word, i) for i, word in enumerate(words)]
    secrets = []
    if global_parser is not None:
        secrets, tagged = _global_options(global_parser, tagged)
    # Another service's command: no parsing, no metadata read.
    found = _find_command(tagged) if may_name_our_command(words) else None
    if found is not None:
        end, entry_point = found
        command = entry_point.load()(None, None)
        arguments = tagged[end:]
        ours = _secret_words(command.get_parser(" ".join(tagged[:end])), arguments)
        if ours is None:  # every value: the option's after "=", every other word
            values = (w.partition("=")[2] if _is_option(w) else w for w in arguments)
            ours = [(value, WHOLE) for value in values if value]
        secrets += ours
    for word, kind in secrets:
        original = words[word.index]
        words[word.index] = original[: word.start] + masked_value(original[word.start :], kind)
        if kind == WHOLE:
            following = word.index + 1
            while following < len(words) and not _is_option(words[following]):
                words[following] = MASK
                following += 1
    return " ".join(words)


_START = "START with options:"


class CommandLineFilter(logging.Filter):
    """Masks passwords in osc-lib's `START with options: <command line>` record."""

    def __init__(self, global_parser=None):
        super().__init__()
        self.global_parser = global_parser

    def filter(self, record):
        if not would_emit(record):
            return False  # not printed: no parsing
        try:
            message = record.getMessage()
        except Exception:
            return True
        if message.startswith(_START):
            masked = _START + mask_command_line(message[len(_START) :], self.global_parser)
            if masked != message:
                record.msg, record.args = masked, None
        return True

