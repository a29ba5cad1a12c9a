"""A proxy on 127.0.0.1 that sits in front of the local cloud and misbehaves on demand.

One port serves both services: paths under /v1.0 go to Trove, the rest to
Keystone. Every answer has the servers' own addresses rewritten to the
proxy's, so that a client logging in through the proxy finds Trove behind it
too. A test sets `proxy.fault` (a Fault, or None to pass requests through);
the proxy stops by itself after `max_requests` requests or `lifetime` seconds.
"""

import http.client
import http.server
import os
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

LOCAL = "127.0.0.1"


@dataclass
class Fault:
    """How to spoil the Trove requests that `matches(method, path)` accepts.

    kind: "status" (answer `status`, `headers`, `body` without asking Trove),
    "reset" (send half of Trove's answer, then reset the connection),
    "slow" (wait `delay` seconds before answering), "body" (Trove's status
    with `body` and `headers` instead of its own), "refused" (the catalog
    points Trove at a port where nothing listens), "expire" (the token in use
    is refused with 401 from then on, as an expired one).
    `after`: how many matching requests pass first; `times`: how many to
    spoil then (None: all).
    """

    kind: str
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    after: int = 0
    times: int | None = None
    methods: tuple = ("GET", "POST", "PUT", "PATCH", "DELETE")

    def matches(self, method):
        return method in self.methods and (self.times is None or self.times > 0)


class FaultProxy:
    def __init__(self, keystone_port, trove_port, max_requests=400, lifetime=240):
        self.upstream = {"keystone": keystone_port, "trove": trove_port}
        self.max_requests = max_requests
        self.fault = None
        self.seen = []  # (service, method, path, what happened)
        self.expired_tokens = set()
        self._trove_requests = 0
        self._lock = threading.Lock()
        self.server = _Server((LOCAL, 0), _Handler)
        self.server.proxy = self
        self.port = self.server.server_address[1]
        self.dead_port = _unused_port()
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True

    @property
    def auth_url(self):
        return f"http://{LOCAL}:{self.port}/v3"

    def start(self):
        self._thread.start()
        self._timer.start()
        return self

    def stop(self):
        self._timer.cancel()
        self.server.shutdown()
        self.server.server_close()

    def inject(self, fault):
        with self._lock:
            self.fault = fault
            self.seen = []
            self.expired_tokens = set()
            self._trove_requests = 0

    def trove_requests(self, method=None):
        return [s for s in self.seen if s[0] == "trove" and method in (None, s[1])]

    def logins(self):
        return [s for s in self.seen if s[0] == "keystone" and s[2].endswith("/auth/tokens")
                and s[1] == "POST"]

    # --- what the handler asks -----------------------------------------------------------

    def take_fault(self, service, method, token):
        """The fault to apply to this request, counting it; None to pass it through."""
        with self._lock:
            if len(self.seen) >= self.max_requests:
                threading.Thread(target=self.stop, daemon=True).start()
                return Fault("status", status=503, body=b"fault proxy: request budget spent")
            fault = self.fault
            if service != "trove" or fault is None or not fault.matches(method):
                return None
            self._trove_requests += 1
            if fault.kind == "expire" and token in self.expired_tokens:
                return fault
            if self._trove_requests <= fault.after:
                return None
            if fault.kind == "expire":
                if self.expired_tokens:
                    return None  # one token expires; its successor lives on
                self.expired_tokens.add(token)
                return fault
            if fault.times is not None:
                fault.times -= 1
            return fault

    def rewrite(self, body):
        """Point the servers' addresses in an answer at the proxy."""
        trove_port = self.dead_port if self.fault and self.fault.kind == "refused" else self.port
        for service, port in self.upstream.items():
            to = trove_port if service == "trove" else self.port
            body = body.replace(f"{LOCAL}:{port}".encode(), f"{LOCAL}:{to}".encode())
        return body


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (timeout, reset) is what the tests cause


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the test reads `seen` instead
        pass

    def do_any(self):
        proxy = self.server.proxy
        service = "trove" if self.path.startswith("/v1.0") else "keystone"
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = proxy.take_fault(service, self.command, self.headers.get("X-Auth-Token"))
        what = fault.kind if fault else "passed"
        proxy.seen.append((service, self.command, self.path, what))
        if fault and fault.kind == "status":
            return self.answer(fault.status, fault.headers, fault.body)
        if fault and fault.kind == "expire":
            expired = b'{"error": {"code": 401, "title": "Unauthorized", "message": ' \
                      b'"The request you have made requires authentication."}}'
            return self.answer(401, {"Content-Type": "application/json"}, expired)
        if fault and fault.kind == "slow":
            time.sleep(fault.delay)
        status, headers, answer = self.forward(service, body)
        if fault and fault.kind == "body":
            headers.update(fault.headers)
            answer = fault.body
        if fault and fault.kind == "reset":
            return self.reset_midway(status, headers, answer)
        self.answer(status, headers, proxy.rewrite(answer))

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_any

    def forward(self, service, body):
        conn = http.client.HTTPConnection(LOCAL, self.server.proxy.upstream[service], timeout=60)
        skip = {"host", "content-length", "connection", "accept-encoding"}
        headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
        try:
            conn.request(self.command, self.path, body=body or None, headers=headers)
            response = conn.getresponse()
            answer = response.read()
            kept = {k: v for k, v in response.getheaders()
                    if k.lower() not in {"content-length", "transfer-encoding", "connection"}}
            return response.status, kept, answer
        finally:
            conn.close()

    def answer(self, status, headers, body):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reset_midway(self, status, headers, body):
        """Promise more than half the body (even an empty one), send half, then reset the
        connection (RST, not FIN)."""
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body) + 1))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # Closing the descriptor now (not via the server's shutdown, which sends FIN first).
        os.close(self.connection.detach())
        self.close_connection = True


def _unused_port():
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind((LOCAL, 0))
        return s.getsockname()[1]
