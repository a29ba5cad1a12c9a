"""Every path segment built from a name reaches the server as that one segment.

requests-mock sees a request before urllib3 resolves `.` and `..` in its path,
so these tests send through the real HTTP stack to a server on 127.0.0.1 that
records each request line as it arrived, and assert on that.
"""

import http.server
import threading
from urllib.parse import unquote

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from keystoneauth1 import session

from osc_trove.api.databases import database_segment
from osc_trove.api.errors import UnaddressableName
from osc_trove.api.http import Http, segment
from osc_trove.api.users import user_segment

NAMES = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
DOTS = ("", ".", "..")


class Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes
    paths: list[str] = []

    def _answer(self):
        Recorder.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_PUT = do_DELETE = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def http_client(server):
    base = f"http://127.0.0.1:{server.server_address[1]}/v1.0/p"
    return Http(session.Session(), endpoint_override=base)


def received(http_client, method, path):
    """The path (below /v1.0/p) of the one request the server got for `path`."""
    Recorder.paths.clear()
    http_client.request(method, path)
    (got,) = Recorder.paths
    assert got.startswith("/v1.0/p/"), got
    return got[len("/v1.0/p"):]


@settings(max_examples=150, deadline=None)
@given(NAMES)
@example("..")
@example(".")
@example("")
@example("a/../b")
def test_a_segment_reaches_the_server_as_one_segment_or_is_refused(http_client, name):
    if name in DOTS:
        with pytest.raises(UnaddressableName):
            segment(name)
        return
    got = received(http_client, "DELETE", f"/instances/i1/databases/{segment(name)}")
    parts = got.split("/")
    assert parts[:4] == ["", "instances", "i1", "databases"]
    assert len(parts) == 5 and unquote(parts[4]) == name


@settings(max_examples=100, deadline=None)
@given(NAMES.filter(lambda n: n not in DOTS))
@example("keep.me")
@example("..@%")
def test_a_user_segment_keeps_the_database_after_it(http_client, name):
    # The request of `user revoke access <i> <user> keepdb`.
    path = f"/instances/i1/users/{user_segment(name)}/databases/keepdb"
    got = received(http_client, "DELETE", path).split("/")
    assert got[:4] == ["", "instances", "i1", "users"] and got[5:] == ["databases", "keepdb"]


@pytest.mark.parametrize("name", [".", ".."])
def test_dot_names_are_refused_naming_what_they_were_for(name):
    with pytest.raises(UnaddressableName) as user:
        user_segment(name)
    assert str(user.value).startswith(f"Trove's API cannot address user '{name}': ")
    with pytest.raises(UnaddressableName) as database:
        database_segment(name)
    assert f"database '{name}'" in str(database.value)


def test_a_path_with_a_dot_segment_is_never_sent(http_client):
    # Whatever builds a path, the HTTP layer refuses one that would be resolved.
    Recorder.paths.clear()
    with pytest.raises(UnaddressableName):
        http_client.request("DELETE", "/instances/i1/users/../databases/keepdb")
    assert Recorder.paths == []
