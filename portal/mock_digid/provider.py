"""The mock DigiD's OpenID Connect machinery, on Authlib's authorization server and resource protector.

Authorization code flow with PKCE S256 required, `nonce` carried into an RS256-signed ID token with a
`kid`, single-use codes that expire after 10 minutes, and the DigiD level of assurance as `acr`. The BSN
travels in its own claim; `sub` is a pairwise pseudonym, never the BSN.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from authlib.common.security import generate_token
from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import InvalidRequestError, TokenMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenGenerator, BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, current_app, request
from sqlalchemy import delete, select

from portal.auth.loa import ACR_BY_LEVEL
from portal.db import own_transaction, utcnow
from portal.mock_digid.clients import query_client
from portal.mock_digid.keys import signing_key
from portal.mock_digid.persons import STAFF_BY_ID
from portal.models.mock_digid import MockDigidCode, MockDigidToken

CODE_LIFETIME = timedelta(minutes=10)
ID_TOKEN_LIFETIME_SECONDS = 600
ACCESS_TOKEN_LIFETIME_SECONDS = 600


def issuer() -> str:
    """Derived from the request, so the provider works on whatever host and port it is reached."""
    return request.url_root.rstrip("/") + "/mock-digid"


def pseudonym(bsn: str) -> str:
    """A stable pairwise `sub` for a BSN, so the portal never needs the BSN as an identifier."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"mock-digid:{bsn}".encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class DigidUser:
    """The person who logged in at the mock, at the level they chose: a resident (BSN) or a staff member."""

    bsn: str
    level: str
    staff_id: str | None = None
    client_id: str = ""  # the client the login is for: a staff member's roles are limited to what it may get

    def get_user_id(self) -> str:
        return pseudonym(f"staff:{self.staff_id}" if self.staff_id else self.bsn)

    def claims(self) -> dict:
        """A resident's BSN, or a staff member's name and the roles this client may receive."""
        if not self.staff_id:
            return {"bsn": self.bsn}
        name, roles = STAFF_BY_ID[self.staff_id]
        client = query_client(self.client_id)
        return {"name": name, "roles": [role for role in roles if client and role in client.roles]}

    @property
    def acr(self) -> str:
        return ACR_BY_LEVEL[self.level]


class S256Challenge(CodeChallenge):
    """PKCE is required for every client, and only with S256 (NL GOV assurance profile)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge'", redirect_uri=redirect_uri)
        # Authlib would take a missing method as "plain"; the profile allows S256 only.
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256", redirect_uri=redirect_uri)
        super().validate_code_challenge(grant, redirect_uri)


@dataclass(frozen=True)
class IssuedCode:
    """Authlib's view of an authorization code, taken out of the database when it was redeemed."""

    client_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    bsn: str
    level: str
    staff_id: str | None
    auth_time: int
    expires_at: datetime

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return ACR_BY_LEVEL[self.level]

    def get_amr(self):
        return None


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code, request):
        data, user = request.payload.data, request.user
        with own_transaction() as db:
            db.execute(delete(MockDigidCode).where(MockDigidCode.expires_at <= utcnow()))
            db.add(
                MockDigidCode(
                    code=code,
                    client_id=request.client.get_client_id(),
                    redirect_uri=request.payload.redirect_uri,
                    scope=request.payload.scope or "",
                    nonce=data.get("nonce"),
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                    bsn=user.bsn,
                    level=user.level,
                    staff_id=user.staff_id,
                    auth_time=int(time.time()),
                    expires_at=utcnow() + CODE_LIFETIME,
                )
            )

    def query_authorization_code(self, code, client):
        """Redeem the code: it is deleted in the same statement that reads it, so of two requests racing
        with one code only one gets it. A failed check after this (PKCE, redirect_uri) still spends it."""
        table = MockDigidCode.__table__
        with own_transaction() as db:
            row = (
                db.execute(
                    delete(table)
                    .where(table.c.code == (code or ""), table.c.client_id == client.get_client_id())
                    .returning(*(table.c[name] for name in IssuedCode.__dataclass_fields__))
                )
                .mappings()
                .first()
            )
        if row is None or row["expires_at"] <= utcnow():
            return None
        return IssuedCode(**row)

    def delete_authorization_code(self, authorization_code):
        """Nothing left to do: query_authorization_code already took the code out."""

    def authenticate_user(self, authorization_code):
        return DigidUser(
            bsn=authorization_code.bsn,
            level=authorization_code.level,
            staff_id=authorization_code.staff_id,
            client_id=authorization_code.client_id,
        )


class DigidOpenIDCode(OpenIDCode):
    def exists_nonce(self, nonce, request):
        with own_transaction(read_only=True) as db:
            return db.scalar(select(MockDigidCode.code).where(MockDigidCode.nonce == nonce)) is not None

    def resolve_client_private_key(self, client):
        return signing_key()

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "typ": "JWT", "kid": signing_key().kid}

    def get_client_claims(self, client):
        now = int(time.time())
        return {"iss": issuer(), "aud": [client.get_client_id()], "iat": now, "exp": now + ID_TOKEN_LIFETIME_SECONDS}

    def generate_user_info(self, user, scope):
        return UserInfo(sub=user.get_user_id(), **user.claims())


def save_token(token: dict, request) -> None:
    with own_transaction() as db:
        db.execute(delete(MockDigidToken).where(MockDigidToken.expires_at <= utcnow()))
        db.add(
            MockDigidToken(
                access_token=token["access_token"],
                client_id=request.client.get_client_id(),
                scope=token.get("scope", ""),
                bsn=request.user.bsn,
                level=request.user.level,
                staff_id=request.user.staff_id,
                expires_at=utcnow() + timedelta(seconds=token["expires_in"]),
            )
        )


@dataclass(frozen=True)
class IssuedToken(TokenMixin):
    """Authlib's view of a stored access token, for the userinfo endpoint."""

    client_id: str
    scope: str
    user: DigidUser
    expires_at: datetime

    def check_client(self, client):
        return client.get_client_id() == self.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return max(0, int((self.expires_at - utcnow()).total_seconds()))

    def is_expired(self):
        return self.expires_at <= utcnow()

    def is_revoked(self):
        return False


class AccessTokenValidator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        with own_transaction(read_only=True) as db:
            row = db.get(MockDigidToken, token_string or "")
        if row is None:
            return None
        user = DigidUser(bsn=row.bsn, level=row.level, staff_id=row.staff_id, client_id=row.client_id)
        return IssuedToken(client_id=row.client_id, scope=row.scope, user=user, expires_at=row.expires_at)


def build_server(app: Flask) -> AuthorizationServer:
    server = AuthorizationServer()
    server.init_app(app, query_client=query_client, save_token=save_token)
    # DigiD sessions are short; Authlib's default for a code grant's access token is ten days.
    server.register_token_generator(
        "default",
        BearerTokenGenerator(
            lambda **_: generate_token(42), expires_generator=lambda client, grant_type: ACCESS_TOKEN_LIFETIME_SECONDS
        ),
    )
    server.register_grant(CodeGrant, [DigidOpenIDCode(require_nonce=True), S256Challenge(required=True)])
    return server


def build_resource_protector() -> ResourceProtector:
    protector = ResourceProtector()
    protector.register_token_validator(AccessTokenValidator())
    return protector
