"""config_values: every type's conversions and refusals, without the shell."""

import pytest
from osc_lib import exceptions

from osc_trove.commands import config_values

INTEGER = {"name": "n", "type": "integer", "min": 1, "max": 10}
FLOAT = {"name": "f", "type": "float", "max": 2}
BOOLEAN = {"name": "b", "type": "boolean"}
SWITCH = {"name": "autocommit", "type": "integer", "min": 0, "max": 1}
STRING = {"name": "s", "type": "string"}


@pytest.mark.parametrize(
    "param, given, sent",
    [
        (INTEGER, "7", 7), (INTEGER, 7, 7), (INTEGER, 7.0, 7), (INTEGER, " 10 ", 10),
        (FLOAT, "1.5", 1.5), (FLOAT, 1, 1.0), (FLOAT, "-3", -3.0),
        (BOOLEAN, "true", True), (BOOLEAN, "ON", True), (BOOLEAN, "1", True), (BOOLEAN, 1, True),
        (BOOLEAN, "false", False), (BOOLEAN, "off", False), (BOOLEAN, 0, False),
        (BOOLEAN, False, False),
        (SWITCH, "on", 1), (SWITCH, "false", 0), (SWITCH, True, 1), (SWITCH, "1", 1),
        (STRING, "utf8mb4", "utf8mb4"), (STRING, 5, "5"), (STRING, "", ""),
        ({"name": "x", "type": "list"}, "a,b", "a,b"),  # unknown type: the server decides
    ],
)
def test_typed_value(param, given, sent):
    value = config_values.typed_value(param["name"], given, param)
    assert value == sent and type(value) is type(sent)


@pytest.mark.parametrize(
    "param, given",
    [
        (INTEGER, "0"), (INTEGER, 11), (INTEGER, True), (INTEGER, "7.5"), (INTEGER, 7.5),
        (INTEGER, None), (FLOAT, "x"), (FLOAT, 2.5), (FLOAT, False), (BOOLEAN, "2"),
        (BOOLEAN, 2), (BOOLEAN, None), (SWITCH, "2"), (SWITCH, "maybe"),
        (STRING, True), (STRING, {"a": 1}), (STRING, None),
    ],
)
def test_refused(param, given):
    with pytest.raises(exceptions.CommandError) as caught:
        config_values.typed_value(param["name"], given, param)
    assert f"'{param['name']}' takes {config_values.allowed(param)}, not {given!r}." in str(
        caught.value)


def test_allowed_words():
    assert config_values.allowed(INTEGER) == "an integer from 1 to 10"
    assert config_values.allowed(FLOAT) == "a number of at most 2"
    assert config_values.allowed({"type": "integer", "min": 3}) == "an integer of at least 3"
    assert config_values.allowed(BOOLEAN) == "true or false"
    assert config_values.allowed(SWITCH) == "0 or 1 (or true or false)"


def test_names_match_without_case_and_keep_the_users_spelling():
    typed = config_values.typed({"MAX_Connections": "5"}, [dict(INTEGER, name="max_connections")],
                                "mysql 8.0")
    assert typed == {"MAX_Connections": 5}


def test_pairs_keep_everything_after_the_first_equals_sign():
    assert config_values.from_pairs(["init_connect=SET a=1", "x="]) == {
        "init_connect": "SET a=1", "x": ""}
