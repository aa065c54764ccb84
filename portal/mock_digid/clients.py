"""The relying parties the mock DigiD knows. A registry of plain data, so another client is one more entry.

Redirects are allowed only to a client's own path, on the host of PUBLIC_BASE_URL or on the loopback
host (any port), so `make run` works on any port while nothing else can receive a code.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin
from flask import current_app

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost"})


@dataclass(frozen=True)
class MockClient(ClientMixin):
    """A registered relying party. Without a secret it is a public client that proves itself with PKCE."""

    client_id: str
    client_secret: str = ""
    redirect_path: str = "/inloggen/terug"
    logout_path: str = "/uitgelogd"
    hosts: frozenset[str] = LOOPBACK_HOSTS
    # Roles a staff client may receive; a client with roles logs in staff members, not residents.
    roles: tuple[str, ...] = field(default_factory=tuple)

    @property
    def token_endpoint_auth_methods(self) -> frozenset[str]:
        if self.client_secret:
            return frozenset({"client_secret_basic", "client_secret_post"})
        return frozenset({"none"})

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None  # OpenID Connect: the request must name its redirect_uri

    def get_allowed_scope(self, scope):
        allowed = {"openid", "profile"} if self.roles else {"openid"}
        return " ".join(item for item in (scope or "").split() if item in allowed)

    def check_redirect_uri(self, redirect_uri):
        return self._allowed(redirect_uri, self.redirect_path)

    def check_logout_uri(self, uri: str) -> bool:
        return self._allowed(uri, self.logout_path)

    def check_client_secret(self, client_secret):
        return bool(self.client_secret) and hmac.compare_digest(client_secret or "", self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return endpoint != "token" or method in self.token_endpoint_auth_methods

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"

    def _allowed(self, url: str | None, path: str) -> bool:
        parts = urlsplit(url or "")
        return (
            parts.scheme in {"http", "https"}
            and parts.hostname in self.hosts
            and parts.path == path
            and not parts.username
            and not parts.fragment
        )


def build_registry(config: dict) -> dict[str, MockClient]:
    """The clients for this app's configuration: the portal for residents, and the staff workbench."""
    hosts = set(LOOPBACK_HOSTS)
    if config.get("PUBLIC_BASE_URL"):
        hosts.add(urlsplit(config["PUBLIC_BASE_URL"]).hostname)
    portal = MockClient(
        client_id=config["OIDC_CLIENT_ID"], client_secret=config["OIDC_CLIENT_SECRET"] or "", hosts=frozenset(hosts)
    )
    staff = MockClient(
        client_id=config["STAFF_OIDC_CLIENT_ID"],
        client_secret=config["STAFF_OIDC_CLIENT_SECRET"] or "",
        redirect_path="/medewerker/inloggen/terug",
        logout_path="/medewerker/uitgelogd",
        hosts=frozenset(hosts),
        roles=("zaakbehandelaar", "kcc", "formulierbeheerder", "beheerder"),
    )
    return {client.client_id: client for client in (portal, staff)}


def clients() -> dict[str, MockClient]:
    return current_app.extensions["mock_digid_clients"]


def query_client(client_id: str | None) -> MockClient | None:
    return clients().get(client_id or "")
