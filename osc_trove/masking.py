"""Keeping passwords out of logs.

keystoneauth1 logs every request body (`-d '{...}'`) and response body at
DEBUG through the logger its Adapter was given, and osc-lib logs each
command's parsed arguments (`run(Namespace(...))`). `PasswordFilter` rewrites
such records so that the value of any key whose name contains "password"
reads `***`: JSON (`"password": "x"`), Python reprs (`'new_password': 'x'`)
and keyword forms (`password='x'`) alike.

osc-lib also logs the whole command line (`START with options: ...`, INFO,
logger `osc_lib.shell`) before any command runs, masking only `password=`
forms: `CommandLineFilter` masks the values of `--*password*` options and the
legacy positional password of `database user create`. It must be attached
before that line is logged: `osc_trove.plugin.build_option_parser` does it.
"""

import logging
import re

MASK = "***"

# A (possibly quoted) key containing "password", then ":" or "=", then a
# quoted value: JSON strings, or Python reprs in single or double quotes.
_SECRET = re.compile(
    r"""(?P<key>["']?[\w-]*password[\w-]*["']?\s*[:=]\s*)"""
    r"""(?P<quote>["'])(?:\\.|(?!(?P=quote))[^\\])*(?P=quote)""",
    re.IGNORECASE,
)

HTTP_LOGGER = "osc_trove.http"


# `instance create --users name:password ...` as osc-lib logs the parsed
# arguments: users=['bob:pw', ...].
_USER_PAIRS = re.compile(r"(?P<key>\busers=\[)(?P<items>[^\]]*)\]")
_QUOTED_PAIR = re.compile(
    r"""(?P<quote>["'])(?P<name>[^"':]*):(?:\\.|(?!(?P=quote)).)*(?P=quote)"""
)


def mask(text):
    """`text` with the value of every password-like key replaced by ***."""
    text = _SECRET.sub(lambda m: f"{m['key']}{m['quote']}{MASK}{m['quote']}", text)
    return _USER_PAIRS.sub(
        lambda m: m["key"]
        + _QUOTED_PAIR.sub(lambda p: f"{p['quote']}{p['name']}:{MASK}{p['quote']}", m["items"])
        + "]",
        text,
    )


def _mask_user_pair(word):
    """`name:password` -> `name:***`."""
    name, sep, _ = word.partition(":")
    return f"{name}:{MASK}" if sep else word


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


# Commands taking a password as a positional argument: the position of the
# password among the positionals, and how many words their options take.
_POSITIONAL_SECRETS = {
    ("database", "user", "create"): (2, {"--host": 1, "--databases": "+"}),
}
_SHELL_LOGGER = "osc_lib.shell"
_START = "START with options:"


def _is_option(word):
    return word.startswith("-") and word != "-"


def _is_secret_option(word):
    name = word.split("=", 1)[0].lower()
    return (
        name.startswith("--")
        and "password" in name
        and not name.endswith(("-prompt", "-stdin"))
    )


def _mask_run(words, start):
    """Mask words from `start` up to the next option (a secret holding spaces
    arrives here split into words); return the index after the run."""
    end = start
    while end < len(words) and not _is_option(words[end]):
        words[end] = MASK
        end += 1
    return end


def _mask_positional_secret(words):
    for first in range(len(words)):
        spec = _POSITIONAL_SECRETS.get(tuple(words[first : first + 3]))
        if spec:
            break
    else:
        return
    wanted, value_counts = spec
    seen, i, options_end = 0, first + 3, False
    while i < len(words):
        word = words[i]
        if not options_end and word == "--":
            options_end, i = True, i + 1
        elif not options_end and _is_option(word):
            i += 1
            if value_counts.get(word) == "+":
                while i < len(words) and not _is_option(words[i]):
                    i += 1
            else:
                i += value_counts.get(word, 0)
        elif seen == wanted:
            _mask_run(words, i)
            return
        else:
            seen, i = seen + 1, i + 1


def mask_command_line(text):
    """A logged command line with password option values and positionals as ***."""
    words = text.split(" ")
    i = 0
    while i < len(words):
        word = words[i]
        if _is_secret_option(word):
            if "=" in word:
                words[i] = word.split("=", 1)[0] + "=" + MASK
            i = _mask_run(words, i + 1)
        elif word.split("=", 1)[0] == "--users":
            if "=" in word:
                words[i] = "--users=" + _mask_user_pair(word.split("=", 1)[1])
            i += 1
            while i < len(words) and not _is_option(words[i]):
                words[i] = _mask_user_pair(words[i])
                i += 1
        else:
            i += 1
    _mask_positional_secret(words)
    return " ".join(words)


class CommandLineFilter(logging.Filter):
    """Masks passwords in osc-lib's `START with options: <command line>` record."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:
            return True
        if message.startswith(_START):
            masked = _START + mask_command_line(message[len(_START) :])
            if masked != message:
                record.msg, record.args = masked, None
        return True

