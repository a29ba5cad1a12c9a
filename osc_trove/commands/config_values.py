"""Configuration values as users give them, typed the way Trove checks them.

Trove accepts a value only if it is a JSON value of the parameter's type
(integer, float, boolean or string: a JSON `true`, never "true" or 1) within
the parameter's min and max. Users type `max_connections=200` or a JSON
object; these functions turn either into what Trove accepts, or refuse with
one line naming the parameter and what it allows, before any request.
"""

import json

from osc_lib import exceptions

_TRUE = {"true", "on", "yes", "1"}
_FALSE = {"false", "off", "no", "0"}


def from_json(text):
    """The legacy positional: a JSON object of name -> value."""
    try:
        values = json.loads(text)
    except ValueError as err:
        raise exceptions.CommandError(
            f"The values are not valid JSON ({err}); give an object such as "
            "'{\"max_connections\": 200}'."
        ) from None
    if not isinstance(values, dict):
        raise exceptions.CommandError(
            "The values must be a JSON object such as '{\"max_connections\": 200}'."
        )
    return values


def from_pairs(pairs):
    """Repeated `--value name=value`: the values as text, typed later."""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise exceptions.CommandError(
                f"--value '{pair}' is not name=value (e.g. --value max_connections=200)."
            )
        values[name.strip()] = value
    return values


def given(json_text, pairs):
    """The values of a command: the JSON positional or --value, never both at once."""
    if json_text is not None and pairs:
        raise exceptions.CommandError(
            "Give the values either as a JSON object or with --value, not both."
        )
    if json_text is not None:
        return from_json(json_text)
    return from_pairs(pairs or [])


def typed(values, parameters, where):
    """`values` converted to each parameter's type and checked against its range.

    `parameters` is the datastore version's parameter list (the server's
    dicts); `where` names the version in messages ("mysql 8.0").
    """
    by_name = {param["name"].lower(): param for param in parameters}
    result = {}
    for name, value in values.items():
        param = by_name.get(name.lower())
        if param is None:
            raise exceptions.CommandError(
                f"Unknown configuration parameter '{name}' for {where}; "
                "'openstack database configuration parameter list' shows the allowed ones."
            )
        result[name] = typed_value(name, value, param)
    return result


def typed_value(name, value, param):
    """One value as the type `param["type"]` wants, within its min and max."""
    kind = param.get("type")
    convert = _CONVERTERS.get(kind)
    if convert is None:  # a type this client does not know: the server decides
        return value
    converted = convert(value)
    if converted is None and kind == "integer" and is_switch(param):
        # MySQL's on/off settings (autocommit) are integers from 0 to 1 in Trove
        switched = _boolean(value)
        converted = None if switched is None else int(switched)
    if converted is None:
        raise exceptions.CommandError(
            f"Configuration parameter '{name}' takes {allowed(param)}, not {value!r}."
        )
    low, high = param.get("min"), param.get("max")
    if kind in ("integer", "float") and (
        (low is not None and converted < low) or (high is not None and converted > high)
    ):
        raise exceptions.CommandError(
            f"Configuration parameter '{name}' takes {allowed(param)}, not {value!r}."
        )
    return converted


def is_switch(param):
    """An integer parameter that is really on/off: its range is 0 to 1."""
    return param.get("min") in (None, 0) and param.get("max") == 1


def allowed(param):
    """What a parameter takes, in words: 'an integer from 1 to 100000'."""
    kind = param.get("type")
    words = {
        "integer": "an integer",
        "float": "a number",
        "boolean": "true or false",
        "string": "a string",
    }.get(kind, kind)
    low, high = param.get("min"), param.get("max")
    if kind == "integer" and is_switch(param):
        return "0 or 1 (or true or false)"
    if kind in ("integer", "float"):
        if low is not None and high is not None:
            return f"{words} from {low} to {high}"
        if low is not None:
            return f"{words} of at least {low}"
        if high is not None:
            return f"{words} of at most {high}"
    return words


def _integer(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _float(value):
    if isinstance(value, bool):
        return None
    try:
        return float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        return None


def _boolean(value):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, str | int) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _string(value):
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


_CONVERTERS = {"integer": _integer, "float": _float, "boolean": _boolean, "string": _string}
