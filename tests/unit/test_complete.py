"""`openstack complete`: every osc-trove command and option, with no request sent."""

import argparse
import re

import pytest

from osc_trove.plugin import command_entry_points


@pytest.fixture
def completion(trove):
    """{'database instance create': ['--flavor', ...], 'database instance': ['create', ...]}."""
    code, out, err = trove.run("complete")
    assert code == 0, err
    assert trove.mocker.request_history == []  # building the parsers asks nothing of any server
    return {
        key.replace("_", " "): words.split()
        for key, words in re.findall(r"^\s*cmds_(\w+)='([^']*)'", out, re.MULTILINE)
    }


def _options(ep, hidden=False):
    """The options `--help` shows, or (`hidden`) the older spellings it does not."""
    parser = ep.load()(None, None).get_parser("openstack " + ep.name.replace("_", " "))
    return {option for action in parser._actions
            if (action.help == argparse.SUPPRESS) == hidden for option in action.option_strings}


def test_a_few_commands_and_options_are_offered(completion):
    assert {"list", "show", "version"} <= set(completion["datastore"])
    assert {"create", "delete", "resize", "ssl"} <= set(completion["database instance"])
    assert {"--flavor", "--size", "--wait", "--wait-timeout"} <= set(
        completion["database instance create"]
    )
    assert {"--password-prompt", "--host", "--databases"} <= set(
        completion["database user create"]
    )
    assert {"--limit", "--marker"} <= set(completion["database backup list"])


def test_every_visible_command_and_option_is_offered(completion):
    missing = []
    for ep in command_entry_points():
        if ep.load().deprecated:
            continue
        *parent, last = ep.name.split("_")
        if last not in completion[" ".join(parent)]:
            missing.append(ep.name)
        missing += sorted(_options(ep) - set(completion[ep.name.replace("_", " ")]))
    assert missing == []


def test_hidden_names_and_spellings_are_not_offered(completion):
    names = {ep.name.replace("_", " "): ep.load().deprecated for ep in command_entry_points()}
    hidden = [name for name, deprecated in names.items() if deprecated]
    assert "database instance detach replica" in hidden
    offered = {f"{key} {word}" for key, words in completion.items() for word in words}
    for name in hidden:
        if any(other.startswith(name + " ") and not names[other] for other in names):
            # `instance resize`: only the words of the visible commands it begins.
            assert [w for w in completion[name] if w.startswith("-")] == [], name
        else:
            assert name not in offered and name not in completion, name
    # Nor cliff's joined words for a name longer than a command's (`detach_replica`).
    assert [w for words in completion.values() for w in words
            if "_" in w and not w.startswith("-")] == []
    # Nor the option spellings kept only for older scripts.
    for ep in command_entry_points():
        name = ep.name.replace("_", " ")
        if not names[name]:
            offered_options = set(completion[name])
            assert _options(ep, hidden=True) & offered_options == set(), name
    assert "--volume_type" not in completion["database instance create"]
    assert "--volume-type" in completion["database instance create"]
    assert "ssl" not in completion["database"]  # only aliases begin so
    assert completion["database replica"] == ["list"]  # not the alias replica unset
    assert "to" not in completion["database instance promote"]


def test_a_word_that_begins_commands_offers_them_before_options(completion):
    # bash completes a word list that starts with an option only after a "-".
    assert completion["database instance resize"] == ["flavor", "volume"]
    listing = completion["database instance list"]
    assert listing[0] == "module" and "--long" in listing
