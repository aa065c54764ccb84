"""The mock DigiD's OpenID Connect machinery, on Authlib's authorization server.

Authorization code flow with PKCE S256 required, `nonce` carried into an RS256-signed ID token with a
`kid`, single-use codes that expire, and the DigiD level of assurance as `acr`. The BSN travels in its
own claim; `sub` is a pairwise pseudonym, never the BSN.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, current_app, request
from joserfc.jwk import RSAKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.auth.loa import ACR_BY_LEVEL
from portal.db import get_session, utcnow
from portal.models.mock_digid import MockDigidCode, MockDigidKey, MockDigidToken

CODE_LIFETIME = timedelta(minutes=10)
ID_TOKEN_LIFETIME_SECONDS = 600
LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}


def issuer() -> str:
    return request.url_root.rstrip("/") + "/mock-digid"


def pseudonym(bsn: str) -> str:
    """A stable pairwise `sub` for a BSN, so the portal never needs the BSN as an identifier."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"mock-digid:{bsn}".encode(), hashlib.sha256).hexdigest()[:32]


@dataclass
class Resident:
    bsn: str
    level: str

    def get_user_id(self) -> str:
        return pseudonym(self.bsn)


@dataclass
class MockClient(ClientMixin):
    """A registered relying party. Redirects go only to `redirect_path` on an allowed host."""

    client_id: str
    client_secret: str
    redirect_path: str = "/inloggen/terug"
    logout_path: str = "/uitgelogd"
    roles: tuple[str, ...] = field(default_factory=tuple)  # for staff clients (a later issue)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return " ".join(item for item in (scope or "").split() if item in {"openid"})

    def check_redirect_uri(self, redirect_uri):
        return _allowed_url(redirect_uri, self.redirect_path)

    def check_logout_uri(self, uri):
        return _allowed_url(uri, self.logout_path)

    def check_client_secret(self, client_secret):
        return bool(self.client_secret) and hmac.compare_digest(client_secret or "", self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        if endpoint != "token":
            return True
        return method == "none" if not self.client_secret else method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


def _allowed_url(url: str, path: str) -> bool:
    parts = urlsplit(url or "")
    hosts = set(LOOPBACK_HOSTS)
    public = current_app.config.get("PUBLIC_BASE_URL")
    if public:
        hosts.add(urlsplit(public).hostname)
    return parts.scheme in {"http", "https"} and parts.hostname in hosts and parts.path == path and not parts.fragment


def clients() -> dict[str, MockClient]:
    config = current_app.config
    portal = MockClient(config["OIDC_CLIENT_ID"], config["OIDC_CLIENT_SECRET"])
    return {portal.client_id: portal}


def query_client(client_id: str) -> MockClient | None:
    return clients().get(client_id)


def signing_key() -> RSAKey:
    """One RSA key for all workers, made on first use. A race between workers ends with one key."""
    db = get_session()
    row = db.scalars(select(MockDigidKey).order_by(MockDigidKey.id)).first()
    if row is None:
        key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "use": "sig", "alg": "RS256"})
        db.add(MockDigidKey(id=1, kid=key.kid, private_jwk=json.dumps(key.as_dict(private=True))))
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
        row = db.get(MockDigidKey, 1)
    return RSAKey.import_key(json.loads(row.private_jwk))


class S256Challenge(CodeChallenge):
    """PKCE is required for every client, and only with S256 (NL GOV profile)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge'", redirect_uri=redirect_uri)
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256", redirect_uri=redirect_uri)
        super().validate_code_challenge(grant, redirect_uri)

    def validate_code_verifier(self, grant, result):
        if not grant.request.form.get("code_verifier"):
            raise InvalidRequestError("Missing 'code_verifier'")
        super().validate_code_verifier(grant, result)


class StoredCode:
    """Authlib's view of a stored authorization code."""

    def __init__(self, row: MockDigidCode):
        self.row = row
        self.code_challenge = row.code_challenge
        self.code_challenge_method = row.code_challenge_method

    def get_redirect_uri(self):
        return self.row.redirect_uri

    def get_scope(self):
        return self.row.scope

    def get_nonce(self):
        return self.row.nonce

    def get_auth_time(self):
        return self.row.auth_time

    def get_acr(self):
        return ACR_BY_LEVEL[self.row.level]

    def get_amr(self):
        return None


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        db = get_session()
        db.add(MockDigidCode(
            code=code, client_id=request.client.get_client_id(), redirect_uri=request.payload.redirect_uri,
            scope=request.payload.scope or "", nonce=data.get("nonce"), code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"), bsn=request.user.bsn, level=request.user.level,
            auth_time=int(time.time()), expires_at=utcnow() + CODE_LIFETIME,
        ))
        db.commit()

    def query_authorization_code(self, code, client):
        row = get_session().get(MockDigidCode, code)
        if row and row.client_id == client.get_client_id() and row.expires_at > utcnow():
            return StoredCode(row)
        return None

    def delete_authorization_code(self, authorization_code):
        db = get_session()
        db.delete(authorization_code.row)
        db.commit()

    def authenticate_user(self, authorization_code):
        return Resident(bsn=authorization_code.row.bsn, level=authorization_code.row.level)


class DigidOpenIDCode(OpenIDCode):
    def exists_nonce(self, nonce, request):
        return get_session().scalar(select(MockDigidCode.code).where(MockDigidCode.nonce == nonce)) is not None

    def resolve_client_private_key(self, client):
        return signing_key()

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": signing_key().kid}

    def get_client_claims(self, client):
        return {"iss": issuer(), "aud": [client.get_client_id()], "exp": int(time.time()) + ID_TOKEN_LIFETIME_SECONDS}

    def generate_user_info(self, user, scope):
        return UserInfo(sub=user.get_user_id(), bsn=user.bsn)


def save_token(token: dict, request) -> None:
    db = get_session()
    db.add(MockDigidToken(
        access_token=token["access_token"], client_id=request.client.get_client_id(), scope=token.get("scope", ""),
        bsn=request.user.bsn, level=request.user.level,
        expires_at=utcnow() + timedelta(seconds=token.get("expires_in", 3600)),
    ))
    db.commit()


def build_server(app: Flask) -> AuthorizationServer:
    server = AuthorizationServer()
    server.init_app(app, query_client=query_client, save_token=save_token)
    server.register_grant(CodeGrant, [DigidOpenIDCode(require_nonce=True), S256Challenge(required=True)])
    return server


def token_owner(access_token: str) -> MockDigidToken | None:
    row = get_session().get(MockDigidToken, access_token)
    return row if row and row.expires_at > utcnow() else None
