"""Keeping passwords out of logs.

keystoneauth1 logs every request body (`-d '{...}'`) and response body at
DEBUG through the logger its Adapter was given, and osc-lib logs each
command's parsed arguments (`run(Namespace(...))`). `PasswordFilter` rewrites
such records so that the value of any key whose name contains "password"
reads `***`: JSON (`"password": "x"`), Python reprs (`'new_password': 'x'`)
and keyword forms (`password='x'`) alike.

Commands mark the arguments that take a secret where they declare them
(`secret(parser.add_argument(...))`). `ArgumentsFilter` masks their values in
the parsed arguments a command logs. osc-lib also logs the whole command line
(`START with options: ...`, INFO, logger `osc_lib.shell`) before any command
runs, masking only `password=` forms: `CommandLineFilter` finds the osc-trove
command named there, parses its words with that command's own parser and
masks those its secret arguments took. It must be attached before that line
is logged: `osc_trove.plugin.build_option_parser` does it.
"""

import argparse
import copy
import itertools
import logging
import re

from osc_trove import plugin

MASK = "***"

# A (possibly quoted) key containing "password", then ":" or "=", then a
# quoted value: JSON strings, or Python reprs in single or double quotes.
_SECRET = re.compile(
    r"""(?P<key>["']?[\w-]*password[\w-]*["']?\s*[:=]\s*)"""
    r"""(?P<quote>["'])(?:\\.|(?!(?P=quote))[^\\])*(?P=quote)""",
    re.IGNORECASE,
)

HTTP_LOGGER = "osc_trove.http"



def mask(text):
    """`text` with the value of every password-like key replaced by ***."""
    return _SECRET.sub(lambda m: f"{m['key']}{m['quote']}{MASK}{m['quote']}", text)


class PasswordFilter(logging.Filter):
    """Masks passwords in a record's final message (after %-formatting)."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a broken record is logging's to report, not ours
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def masked_logger(name):
    """The logger `name`, with a PasswordFilter attached (once)."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, PasswordFilter) for f in logger.filters):
        logger.addFilter(PasswordFilter())
    return logger


# --- secret arguments ----------------------------------------------------------
# A command declares which of its arguments take a secret where it adds them
# (`secret(parser.add_argument(...))`); the logged command line is masked by
# asking that command's own parser which words those arguments took.

WHOLE = "whole"  # the value is the secret
AFTER_COLON = "after-colon"  # `name:secret` pairs: the name stays readable

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
        if ep.group == plugin.COMMAND_GROUP
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


def _without_global_options(global_parser, words):
    """`words` without `openstack`'s own options, as cliff leaves them for the command."""
    parser = copy.copy(global_parser)
    for name in ("error", "exit", "_print_message"):
        setattr(parser, name, _refuse)
    try:
        return parser.parse_known_args(words)[1]
    except (_Unparsable, argparse.ArgumentError):
        return words


def mask_command_line(text, global_parser=None):
    """A logged command line with the secrets of an osc-trove command as ***.

    `global_parser` (openstack's own) tells its options from the command's. A
    secret holding spaces arrives split into words: the words after one, up to
    the next option, are masked too. A line that does not parse has every
    value after the command masked.
    """
    words = text.split(" ")
    if not plugin.may_name_our_command(words):
        return text  # another service's command: no parsing, no metadata read
    tagged = [_Word(word, i) for i, word in enumerate(words)]
    if global_parser is not None:
        tagged = _without_global_options(global_parser, tagged)
    found = _find_command(tagged)
    if found is None:
        return text
    end, entry_point = found
    command = entry_point.load()(None, None)
    arguments = tagged[end:]
    secrets = _secret_words(command.get_parser(" ".join(tagged[:end])), arguments)
    if secrets is None:  # every value: the option's after "=", every other word
        values = (w.partition("=")[2] if _is_option(w) else w for w in arguments)
        secrets = [(value, WHOLE) for value in values if value]
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
        try:
            message = record.getMessage()
        except Exception:
            return True
        if message.startswith(_START):
            masked = _START + mask_command_line(message[len(_START) :], self.global_parser)
            if masked != message:
                record.msg, record.args = masked, None
        return True

