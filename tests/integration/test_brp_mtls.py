"""The BRP client presents a client certificate (mTLS) to a gateway that requires one: a real local TLS
server, with throwaway certificates made here (a CA, the server's, a client's)."""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import json
import logging
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from portal.config import ConfigError
from portal.integrations.brp import HttpBrpClient, Tls, tls_settings

PERSON = {"naam": {"voornamen": "Suzanne", "geslachtsnaam": "Moulin"}}


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, issuer=None, *, ca=False, usage=ExtendedKeyUsageOID.SERVER_AUTH):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    issuer_cert, issuer_key = issuer or (None, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_cert.subject if issuer_cert else _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False).add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256()), key


def _write(directory, name, cert, key=None):
    (directory / f"{name}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        (directory / f"{name}.key").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("mtls")
    ca = _certificate("Test BRP CA", ca=True)
    _write(directory, "ca", ca[0])
    _write(directory, "server", *_certificate("localhost", ca))
    _write(directory, "client", *_certificate("mijngemeente", ca, usage=ExtendedKeyUsageOID.CLIENT_AUTH))
    _write(
        directory,
        "stranger",
        *_certificate("stranger", _certificate("Other CA", ca=True), usage=ExtendedKeyUsageOID.CLIENT_AUTH),
    )
    return directory


class _Gateway(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        subject = dict(item[0] for item in self.connection.getpeercert()["subject"])
        body = json.dumps(
            {"type": "RaadpleegMetBurgerservicenummer", "personen": [PERSON], "client": subject["commonName"]}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def gateway(certs):
    """An HTTPS server that only talks to clients with a certificate signed by the test CA."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certs / "server.pem", certs / "server.key")
    context.load_verify_locations(certs / "ca.pem")
    context.verify_mode = ssl.CERT_REQUIRED
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_port}"
    server.shutdown()


def fetch(app, url, tls):
    with app.test_request_context():
        return HttpBrpClient(url, "key", 3, tls).get_person("999993653", fields=["naam"], purpose="t", actor="a")


def test_with_the_client_certificate_the_gateway_answers(app, gateway, certs):
    tls = Tls(str(certs / "client.pem"), str(certs / "client.key"), str(certs / "ca.pem"))
    result = fetch(app, gateway, tls)
    assert result.status == "found" and result.person == PERSON


def test_certificate_and_key_in_one_file_work_too(app, gateway, certs, tmp_path):
    both = tmp_path / "both.pem"
    both.write_bytes((certs / "client.pem").read_bytes() + (certs / "client.key").read_bytes())
    assert fetch(app, gateway, Tls(str(both), "", str(certs / "ca.pem"))).status == "found"


@pytest.mark.parametrize("client", ["none", "stranger"])
def test_without_a_trusted_client_certificate_it_is_unavailable(app, gateway, certs, caplog, client):
    tls = Tls(ca_bundle=str(certs / "ca.pem"))
    if client == "stranger":
        tls = Tls(str(certs / "stranger.pem"), str(certs / "stranger.key"), str(certs / "ca.pem"))
    with caplog.at_level(logging.WARNING, logger="portal.brp"):
        assert fetch(app, gateway, tls).status == "unavailable"
    reasons = [entry.reason for entry in caplog.records if entry.name == "portal.brp"]
    assert len(reasons) == 1 and reasons[0] in {"tls", "connection"}  # the server's alert ends the handshake


def test_a_gateway_we_do_not_trust_is_unavailable(app, gateway, certs, caplog):
    tls = Tls(str(certs / "client.pem"), str(certs / "client.key"))  # the system's CAs do not know the test CA
    with caplog.at_level(logging.WARNING, logger="portal.brp"):
        assert fetch(app, gateway, tls).status == "unavailable"
    assert [entry.reason for entry in caplog.records if entry.name == "portal.brp"] == ["tls"]


def test_settings_are_checked_at_start(certs):
    assert tls_settings(
        {
            "BRP_CLIENT_CERT": str(certs / "client.pem"),
            "BRP_CLIENT_KEY": str(certs / "client.key"),
            "BRP_CA_BUNDLE": str(certs / "ca.pem"),
        }
    ).client_cert.endswith("client.pem")
    with pytest.raises(ConfigError, match="BRP_CLIENT_KEY is set without BRP_CLIENT_CERT"):
        tls_settings({"BRP_CLIENT_KEY": str(certs / "client.key")})
    with pytest.raises(ConfigError, match="BRP_CA_BUNDLE names a file that does not exist"):
        tls_settings({"BRP_CA_BUNDLE": str(certs / "missing.pem")})
