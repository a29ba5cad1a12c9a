"""Each TLS problem is named in its one line, from real handshakes on 127.0.0.1."""

import datetime
import http.server
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from keystoneauth1 import session

from osc_trove.api.errors import RequestFailed
from osc_trove.api.http import Http


def certificate(tmp_path, host):
    """A self-signed certificate for `host` (a DNS name), its key beside it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def serve():
    servers = []

    def start(cert=None):
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                http.server.BaseHTTPRequestHandler)
        if cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*cert)
            httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        httpd.RequestHandlerClass.log_message = lambda *args: None
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return httpd.server_address[1]

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def failure(port, verify):
    trove = Http(session.Session(verify=verify), endpoint_override=f"https://127.0.0.1:{port}")
    with pytest.raises(RequestFailed) as err:
        trove.get("/flavors")
    return str(err.value)


def test_plain_http_on_an_https_url(serve):
    assert "TLS failure: the server does not speak TLS there (plain HTTP on an https URL?)" \
        in failure(serve(), True)


def test_a_ca_file_with_no_certificate(serve, tmp_path):
    port = serve(certificate(tmp_path, "localhost"))
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    assert "TLS failure: the CA file holds no certificate (--os-cacert)" in failure(port, str(junk))


def test_an_untrusted_certificate(serve, tmp_path):
    port = serve(certificate(tmp_path, "localhost"))
    assert "TLS failure: the server's certificate is not signed by a trusted CA" \
        in failure(port, True)


def test_a_certificate_for_another_host(serve, tmp_path):
    cert = certificate(tmp_path, "trove.example")
    port = serve(cert)
    assert "TLS failure: the server's certificate is not valid for its host name" \
        in failure(port, str(cert[0]))
