"""Keeping passwords out of logs.

keystoneauth1 logs every request body (`-d '{...}'`) and response body at
DEBUG through the logger its Adapter was given, and osc-lib logs each
command's parsed arguments (`run(Namespace(...))`). `PasswordFilter` rewrites
such records so that the value of any key whose name contains "password"
reads `***`: JSON (`"password": "x"`), Python reprs (`'new_password': 'x'`)
and keyword forms (`password='x'`) alike.
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
