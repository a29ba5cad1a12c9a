"""A slow list or lookup says how far it has got on stderr, on a terminal only (issue 19)."""

import io

import pytest
import requests_mock as rm
from keystoneauth1 import session

from osc_trove.api import TroveClient
from osc_trove.cli import progress
from tests.unit.conftest import FakeTime

BASE = "http://trove.test/v1.0/p1"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def page(ids, marker=None):
    body = {"instances": [{"id": f"i{n}", "name": f"db{n}"} for n in ids]}
    if marker is not None:
        body["links"] = [{"rel": "next", "href": f"https://x/v1.0/p1/instances?marker={marker}"}]
    return body


@pytest.fixture
def client():
    with rm.Mocker() as mocker:
        mocker.get(BASE + "/instances", [{"json": page(range(0, 20), marker="i19")},
                                         {"json": page(range(20, 25))}])
        yield TroveClient(session.Session(), endpoint_override=BASE)


def test_the_client_tells_its_hook_every_row_and_the_end(client):
    told = []
    client.on_progress = lambda *call: told.append(call)
    assert len(list(client.instances.list())) == 25
    assert told[0] == ("instances", 1, False)
    assert told[-2:] == [("instances", 25, False), ("instances", 25, True)]


def test_a_lookup_by_name_left_early_still_ends_its_listing(client):
    told = []
    client.on_progress = lambda *call: told.append(call)
    assert client.instances.find("i3")["name"] == "db3"  # an exact ID among the rows
    assert told[-1] == ("instances", 4, True)


def test_a_slow_listing_writes_one_line_it_rewrites_then_clears():
    clock, stream = FakeTime(), Terminal()
    hook = progress.Progress(stream, clock=clock.clock)
    hook("instances", 1, False)
    clock.sleep(1)
    hook("instances", 20, False)
    assert stream.getvalue() == ""  # quick so far: nothing said
    clock.sleep(2.5)
    hook("instances", 240, False)
    hook("instances", 241, False)  # too soon after the last line
    clock.sleep(1)
    hook("instances", 260, False)
    hook("instances", 260, True)
    assert stream.getvalue() == (
        "\r\033[Kinstances: 240 so far\r\033[Kinstances: 260 so far\r\033[K")


def test_a_quick_listing_writes_nothing():
    stream = Terminal()
    hook = progress.Progress(stream, clock=FakeTime().clock)
    for n in range(1, 500):
        hook("backups", n, False)
    hook("backups", 499, True)
    assert stream.getvalue() == ""


def test_only_a_terminal_gets_a_hook():
    assert progress.on_terminal(io.StringIO()) is None
    assert progress.on_terminal(None) is None
    assert isinstance(progress.on_terminal(Terminal()), progress.Progress)
    # Rows printed to a file as they are read: the terminal still gets the line.
    assert isinstance(progress.on_terminal(Terminal(), io.StringIO()), progress.Progress)


def test_no_line_among_rows_printed_to_the_terminal_as_they_are_read():
    assert progress.on_terminal(Terminal(), Terminal()) is None


@pytest.mark.parametrize("formatter, streams", [("value", True), ("csv", True),
                                                ("table", False), ("json", False)])
def test_which_formats_print_rows_as_they_are_read(trove, monkeypatch, formatter, streams):
    told = []
    monkeypatch.setattr(progress, "on_terminal", lambda stream, rows_to=None: told.append(
        rows_to is not None))
    trove.on("GET", "/instances", page(range(3)))
    code, _, _ = trove.run("database", "instance", "list", "-f", formatter)
    assert code == 0 and told == [streams]


def test_commands_in_a_pipe_write_no_progress(trove):
    trove.on("GET", "/instances", page(range(3)))
    code, out, err = trove.run("database", "instance", "list", "-f", "value", "-c", "ID")
    assert (code, err) == (0, "")
