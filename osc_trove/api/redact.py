"""Keeping secrets out of what the API logs and raises.

keystoneauth1 logs every request body (`-d '{...}'`) and response body at
DEBUG through the logger its Adapter is given (HTTP_LOGGER). `mask` rewrites
the value of every secret key to ***: a key whose name contains "password",
and a module's `contents` (licence keys, certificates, in base64). It knows
JSON (`"password": "x"`), Python reprs (`'new_password': 'x'`), keyword forms
(`password='x'`) and Trove's validation messages (`['password'] 'x' does not
match ...`, also as they read inside a JSON string: `\\"x\\"`).

Trove may echo a password it refuses in another spelling: `mask` also
replaces the exact values it is given (the request's passwords, see
`sent_passwords`), in the forms a message or log can show them. Values
shorter than MIN_EXACT characters are masked only in the forms above:
replacing every occurrence of one or two characters would garble the line,
and protect nothing.

Masking is linear in the text's length (an atomic key, possessive value
scans: no backtracking), and `PasswordFilter` does none for a record that no
handler would emit: OpenStackClient sets the root logger to DEBUG, so
keystoneauth builds every body's record, --debug or not.

This module imports nothing of osc_trove: the API uses it, and the command
line's masking (osc_trove.cli.masking) builds on it.
"""

import json
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

MASK = "***"
HTTP_LOGGER = "osc_trove.http"
MIN_EXACT = 4

# A key is the whole run of word characters holding "password" or "contents"
# (the atomic group takes the run's first occurrence and never retries another).
_SECRET_WORDS = "password|contents"
_KEY = re.compile(
    rf"""(?<![\w-])(?P<key>(?>[\w-]*?(?:{_SECRET_WORDS}))[\w-]*+)"""
    r"""(?P<sep>\\?["']?\s*+(?:[:=]|\])\s*+)(?P<quote>\\?["'])""",
    re.IGNORECASE,
)
# A quoted value's text, up to its closing quote (or the end of the text).
_VALUE = {
    '"': re.compile(r'[^"\\]*+(?:\\.[^"\\]*+)*+', re.DOTALL),
    "'": re.compile(r"[^'\\]*+(?:\\.[^'\\]*+)*+", re.DOTALL),
    # Inside a JSON string, a quote reads \" or \': the value ends at the first.
    '\\"': re.compile(r'(?:[^\\]++|\\(?!"))*+', re.DOTALL),
    "\\'": re.compile(r"(?:[^\\]++|\\(?!'))*+", re.DOTALL),
}


def _is_password(name: str) -> bool:
    return "password" in name.lower()


def mask(text: str, values: Iterable[str] = (), found: list[str] | None = None) -> str:
    """`text` with every secret key's value, and every one of `values`, as ***.

    The values of password keys are appended to `found` (as the text spells them)."""
    parts = []
    position = 0
    while (key := _KEY.search(text, position)) is not None:
        quote = key["quote"]
        start = key.end()
        value = _VALUE[quote].match(text, start)
        end = value.end() if value else start
        if not text.startswith(quote, end):
            end = len(text)  # never closed: the rest may all be the secret
        if found is not None and _is_password(key["key"]):
            found.append(text[start:end])
        parts += [text[position:start], MASK]
        position = end
    parts.append(text[position:])
    return replace_spellings("".join(parts), spellings(values))


def spellings(values: Iterable[str]) -> list[str]:
    """How each value may read in a message or log: as given, in a repr, in JSON
    (longest first, so that no shorter one breaks a longer one up)."""
    found = {
        spelling
        for value in values if len(value) >= MIN_EXACT
        for spelling in (value, repr(value)[1:-1], json.dumps(value)[1:-1])
    }
    return sorted(found, key=len, reverse=True)


def replace_spellings(text: str, spelled: list[str]) -> str:
    for spelling in spelled:
        text = text.replace(spelling, MASK)
    return text


def sent_passwords(body: Any) -> list[str]:
    """The values of password keys in a request body (JSON text or bytes), at
    any depth; none if it is not JSON. (A module's contents are not looked for:
    Trove quotes them, if ever, in its forms, and they may be megabytes.)"""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if not isinstance(body, str) or not _is_password(body):
        return []
    try:
        return list(_passwords_in(json.loads(body)))
    except ValueError:
        return []


def _passwords_in(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and _is_password(str(key)):
                yield value
            else:
                yield from _passwords_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from _passwords_in(item)


def would_emit(record: logging.LogRecord) -> bool:
    """Whether a handler of the record's logger or its ancestors takes its level
    (logging's own walk, as Logger.callHandlers does it)."""
    logger: logging.Logger | None = logging.getLogger(record.name)
    seen_handler = False
    while logger is not None:
        for handler in logger.handlers:
            seen_handler = True
            if record.levelno >= handler.level:
                return True
        logger = logger.parent if logger.propagate else None
    last_resort = logging.lastResort
    return not seen_handler and last_resort is not None and record.levelno >= last_resort.level


class PasswordFilter(logging.Filter):
    """Masks secrets in a record's final message (after %-formatting).

    A record no handler would emit is dropped unread. The passwords masked in
    a request's record are masked in the records that follow it (its answer
    may echo them in a spelling of Trove's own) until the next request's."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []  # the last request's passwords, as spellings()

    def filter(self, record: logging.LogRecord) -> bool:
        if not would_emit(record):
            return False
        try:
            message = record.getMessage()
        except Exception:  # a broken record is logging's to report, not ours
            return True
        if message.startswith("REQ:"):
            found: list[str] = []
            masked = mask(message, found=found)
            self.sent = spellings(_unescaped(found))
        else:
            masked = replace_spellings(mask(message), self.sent)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def _unescaped(logged: list[str]) -> Iterator[str]:
    """Values as a request body's JSON spelled them, as they were."""
    for spelling in logged:
        try:
            yield json.loads(f'"{spelling}"')
        except ValueError:
            yield spelling


def masked_logger(name: str) -> logging.Logger:
    """The logger `name`, with a PasswordFilter attached (once)."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, PasswordFilter) for f in logger.filters):
        logger.addFilter(PasswordFilter())
    return logger
