"""Login as an OpenID Connect relying party (NL GOV profile: code flow, PKCE S256, state, nonce, acr).

Authlib does the protocol: discovery, state, nonce, PKCE, the token request, and the ID token's
signature (JWKS), issuer, audience and expiry. This module adds what DigiD asks of us on top:
a level of assurance high enough for the page, and a BSN that passes the 11-check.
"""

from __future__ import annotations

import re

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, request
from joserfc.errors import JoseError
from requests import RequestException
from stdnum.nl import bsn as bsn_check

from portal.auth.loa import ACR_BY_LEVEL, level_of, satisfies

# Why a login was refused, as the resident can act on it (each has its own page text).
CANCELLED = "cancelled"  # the resident stopped at DigiD
LEVEL_TOO_LOW = "level"  # logged in, but at a lower level of assurance than the page needs
INVALID = "invalid"  # state, code or ID token not acceptable: start again
BSN_INVALID = "bsn"  # no BSN, or one that fails the 11-check
UNAVAILABLE = "unavailable"  # the provider could not be reached

_ERROR_CODE = re.compile(r"[a-z_]{1,40}")


class LoginRefused(Exception):
    """The provider's answer cannot be accepted. `reason` goes to the security log, never to the resident;
    `cause` picks the page that tells the resident what to do."""

    def __init__(self, reason: str, cause: str = INVALID, level: str | None = None, needed: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.cause = cause
        self.level = level
        self.needed = needed

    @property
    def cancelled(self) -> bool:
        return self.cause == CANCELLED


def init_app(app: Flask) -> None:
    # One OAuth registry per app: Authlib caches clients (and their metadata) on the registry.
    app.extensions["digid_oauth"] = OAuth(app)
    register_client(app, "digid", "OIDC")


def register_client(app: Flask, name: str, prefix: str) -> None:
    """Register an OIDC client from the `{prefix}_DISCOVERY_URL`, `_CLIENT_ID`, `_CLIENT_SECRET` and `_SCOPE`
    settings (`OIDC` for residents, `STAFF_OIDC` for staff): code flow with PKCE S256."""
    secret = app.config[f"{prefix}_CLIENT_SECRET"]
    app.extensions["digid_oauth"].register(
        name=name,
        server_metadata_url=app.config[f"{prefix}_DISCOVERY_URL"],
        client_id=app.config[f"{prefix}_CLIENT_ID"],
        client_secret=secret or None,
        client_kwargs={
            "scope": app.config[f"{prefix}_SCOPE"],
            "code_challenge_method": "S256",
            "default_timeout": app.config["OIDC_TIMEOUT_SECONDS"],
            # A public client (no secret) proves itself with PKCE alone.
            "token_endpoint_auth_method": "client_secret_basic" if secret else "none",
        },
    )


def client():
    return current_app.extensions["digid_oauth"].create_client("digid")


def start(redirect_uri: str, minimum_level: str):
    """The redirect to the provider. Authlib stores state, nonce and the PKCE verifier in our session."""
    return client().authorize_redirect(redirect_uri, acr_values=ACR_BY_LEVEL[minimum_level])


def finish(minimum_level: str) -> dict:
    """Check the provider's answer and return the resident's identity, or raise LoginRefused."""
    claims = verified_claims(client(), require_acr=True)
    level = level_of(claims.get("acr"))
    if not satisfies(level, minimum_level):
        raise LoginRefused(
            f"acr too low: {level or 'unknown'} < {minimum_level}", LEVEL_TOO_LOW, level=level, needed=minimum_level
        )
    value = claims.get(current_app.config["OIDC_BSN_CLAIM"])
    if value is None:
        raise LoginRefused("bsn claim missing", BSN_INVALID)
    bsn = str(value)
    # Exactly nine ASCII digits: the 11-check alone would also pass " 999993653" or "999.993.653".
    if not (len(bsn) == 9 and bsn.isascii() and bsn.isdigit() and bsn_check.is_valid(bsn)):
        raise LoginRefused("bsn fails the 11-check", BSN_INVALID)
    return {"sub": claims["sub"], "bsn": bsn, "level": level}


def verified_claims(app_client, *, require_acr: bool) -> dict:
    """The callback's ID-token claims, checked by Authlib against our claims options (for residents and staff),
    or LoginRefused with the precise reason."""
    provider_error = request.args.get("error")
    if provider_error is not None:
        code = provider_error if _ERROR_CODE.fullmatch(provider_error) else "other"
        raise LoginRefused(f"provider error: {code}", CANCELLED if code == "access_denied" else INVALID)
    try:
        token = app_client.authorize_access_token(claims_options=claims_options(app_client, require_acr=require_acr))
    except MismatchingStateError as error:
        raise LoginRefused("state: mismatching or missing") from error
    except OAuthError as error:  # the token endpoint said no (invalid_grant, ...)
        raise LoginRefused(f"token endpoint: {error.error}") from error
    except (AuthlibBaseError, JoseError) as error:  # the ID token's signature or claims
        raise LoginRefused(f"id_token: {error.error}: {error.description or type(error).__name__}") from error
    except RequestException as error:
        raise LoginRefused(f"provider unreachable: {type(error).__name__}", UNAVAILABLE) from error
    except (ValueError, KeyError) as error:
        raise LoginRefused(f"id_token: {type(error).__name__}") from error
    claims = token.get("userinfo")
    if not claims:
        raise LoginRefused("no id_token")
    return claims


def claims_options(app_client, *, require_acr: bool = True) -> dict:
    """The ID-token claims Authlib must check: issuer, our client as the audience (Authlib then also checks that
    `azp`, when present or when there are more audiences, is our client), subject, expiry, issue time (and acr for
    DigiD)."""
    metadata = app_client.load_server_metadata()
    options = {
        "iss": {"essential": True, "values": [metadata["issuer"]]},
        "aud": {"essential": True, "values": [app_client.client_id]},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "iat": {"essential": True},
    }
    if require_acr:
        options["acr"] = {"essential": True}
    return options


def logout_url(
    post_logout_redirect_uri: str, name: str = "digid", client_id_setting: str = "OIDC_CLIENT_ID"
) -> str | None:
    """The provider's end-session URL, or None if the provider has none or cannot be reached."""
    try:
        result = (
            current_app.extensions["digid_oauth"]
            .create_client(name)
            .create_logout_url(
                # `client_id`, not `id_token_hint`: the ID token carries the BSN and must not travel in a URL.
                post_logout_redirect_uri=post_logout_redirect_uri,
                client_id=current_app.config[client_id_setting],
            )
        )
    except (RuntimeError, RequestException, ValueError):
        return None
    return result["url"] if isinstance(result, dict) else result
