"""What a name from the server may do once printed: nothing but read as text.

Trove takes almost any string as a name or description, so output is the one
place where a hostile name meets a terminal, a spreadsheet or a shell. osc-trove
decides per output format (docs/reliability.md, "Adversarial input"):

- json and yaml carry every value exactly (their encoders escape what needs it):
  scripts that need a name as it is read these;
- table, value and csv show control characters (ESC and the rest of C0 and C1,
  DEL, the bidirectional overrides) as escapes such as `\\x1b`, `\\n`, `\\u202e`,
  so a name cannot move the cursor, recolour the terminal, split a row of
  `-f value` in two or reorder what is shown; tabs stay;
- csv also puts a `'` before a text cell that starts with `=`, `+`, `-` or `@`
  (and is no number), which spreadsheets would run as a formula;
- shell quotes `\\`, `$` and backticks as cliff quotes `"`, so that
  `eval "$(openstack ... -f shell)"` assigns the value and runs nothing.

Values are cleaned before cliff formats them, in the server's data (nested
dicts and lists too), so osc-trove's own layout (line breaks between list
items in a table) is kept. A nested value (addresses, a user's databases)
prints in `value`, `csv` and `shell` as the text a table shows, not as a Python repr.
"""

import unicodedata

from osc_trove.cli.output import DataColumn

EXACT = ("json", "yaml")
# Formats whose nested values are osc-trove's text (as in a table), not data.
TEXT = ("value", "csv", "shell")
# Unicode's bidirectional embeddings, overrides and isolates (format characters).
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_NAMED = {"\n": "\\n", "\r": "\\r"}
_FORMULA = ("=", "+", "-", "@")
_SHELL = str.maketrans({"\\": "\\\\", "$": "\\$", "`": "\\`"})


def visible(text):
    """`text` with its control characters written as escapes (tabs kept)."""
    if text.isprintable():  # the common case costs one pass in C
        return text
    return "".join(_escape(c) for c in text)


def _escape(char):
    if char == "\t" or not (unicodedata.category(char) == "Cc" or char in _BIDI):
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _clean(value, formatter):
    if isinstance(value, str):
        return value.translate(_SHELL) if formatter == "shell" else visible(value)
    if isinstance(value, dict):
        return {k: _clean(v, formatter) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, formatter) for v in value]
    return value


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def cell(value, formatter):
    """One cell of a row, safe to print in `formatter`'s output."""
    if formatter in EXACT:
        return value
    if isinstance(value, DataColumn):
        value = type(value)(_clean(value._value, formatter))
        # cliff's value, csv and shell formats would print the data's Python repr.
        return value.human_readable() if formatter in TEXT else value
    value = _clean(value, formatter)
    if formatter == "csv" and isinstance(value, str) and value.startswith(_FORMULA) \
            and not _is_number(value):
        return "'" + value
    return value


def row(values, formatter):
    return tuple(cell(value, formatter) for value in values)
