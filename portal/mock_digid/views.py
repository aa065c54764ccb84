"""The mock DigiD's endpoints under /mock-digid: discovery, JWKS, authorize, token, userinfo, logout."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from authlib.oauth2 import OAuth2Error
from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request
from joserfc import jwt
from joserfc.errors import JoseError

from portal.auth.loa import ACR_BY_LEVEL, level_of
from portal.mock_digid.clients import MockClient, clients
from portal.mock_digid.forms import MockLoginForm, MockStaffLoginForm
from portal.mock_digid.keys import public_jwks, signing_key
from portal.mock_digid.provider import DigidUser, issuer
from portal.security import mark_personal

bp = Blueprint("mock_digid", __name__, url_prefix="/mock-digid")

CLAIMS_SUPPORTED = ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr", "bsn", "name", "roles"]


def _server():
    return current_app.extensions["mock_digid_server"]


@bp.before_request
def _refuse_nul() -> None:
    """Authlib reads the token and userinfo requests' form itself, not through a WTForms form, and a NUL
    would reach PostgreSQL in the code lookup."""
    if any("\x00" in key or "\x00" in value for key, value in request.form.items(multi=True)):
        abort(400)


@bp.get("/.well-known/openid-configuration")
def discovery():
    base = issuer()
    return jsonify(
        issuer=base,
        authorization_endpoint=f"{base}/authorize",
        token_endpoint=f"{base}/token",
        userinfo_endpoint=f"{base}/userinfo",
        jwks_uri=f"{base}/jwks",
        end_session_endpoint=f"{base}/logout",
        response_types_supported=["code"],
        response_modes_supported=["query"],
        grant_types_supported=["authorization_code"],
        code_challenge_methods_supported=["S256"],
        id_token_signing_alg_values_supported=["RS256"],
        subject_types_supported=["pairwise"],
        scopes_supported=["openid", "profile"],
        acr_values_supported=list(ACR_BY_LEVEL.values()),
        claims_supported=CLAIMS_SUPPORTED,
        token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post", "none"],
    )


@bp.get("/jwks")
def jwks():
    return jsonify(public_jwks())


@bp.route("/authorize", methods=["GET", "POST"])
def authorize():
    """The login page. Errors go back to the client only when its redirect_uri checked out."""
    mark_personal()
    server = _server()
    try:
        grant = server.get_consent_grant(end_user=None)
    except OAuth2Error as error:
        if getattr(error, "redirect_uri", None):
            return server.handle_error_response(None, error)
        return render_template("mock_digid/error.html", error=error.error), 400
    if request.method == "POST" and request.form.get("actie") == "annuleren":
        return server.create_authorization_response(grant=grant, grant_user=None)
    if grant.client.roles:
        return _staff_login(server, grant)
    form = MockLoginForm()
    if form.validate_on_submit():
        user = DigidUser(bsn=form.chosen_bsn(), level=form.niveau.data)
        return server.create_authorization_response(grant=grant, grant_user=user)
    if request.method == "GET":
        form.niveau.data = _requested_level() or "midden"
    return render_template("mock_digid/login.html", form=form, has_errors=bool(form.errors))


def _staff_login(server, grant):
    """The staff client: a staff member logs in with their roles (the municipality's own provider in production)."""
    form = MockStaffLoginForm()
    if form.validate_on_submit():
        user = DigidUser(bsn="", level="midden", staff_id=form.medewerker.data, client_id=grant.client.client_id)
        return server.create_authorization_response(grant=grant, grant_user=user)
    return render_template("mock_digid/staff_login.html", form=form, has_errors=bool(form.errors))


def _requested_level() -> str | None:
    """The first DigiD level the client asked for in acr_values, to preselect on the page."""
    for value in request.args.get("acr_values", "").split():
        if level := level_of(value):
            return level
    return None


@bp.post("/token")
def token():
    return _server().create_token_response()


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo():
    try:
        access = current_app.extensions["mock_digid_protector"].acquire_token()
    except OAuth2Error as error:
        # A JSON answer with WWW-Authenticate, not the portal's HTML error page.
        return jsonify(dict(error.get_body())), error.status_code, error.get_headers()
    user: DigidUser = access.user
    return jsonify(sub=user.get_user_id(), acr=user.acr, **user.claims())


@bp.get("/logout")
def logout():
    """RP-initiated logout: back to the client if the address is registered for it, else a page of our own."""
    target = request.args.get("post_logout_redirect_uri", "")
    allowed = _logout_clients()
    if target and any(client.check_logout_uri(target) for client in allowed):
        return redirect(_with_state(target, request.args.get("state")))
    return render_template("mock_digid/logged_out.html")


def _logout_clients() -> list[MockClient]:
    """The clients this logout may be for: the id_token_hint's audience, else client_id, else any."""
    hint, client_id = request.args.get("id_token_hint"), request.args.get("client_id")
    candidates = list(clients().values())
    if hint:
        try:
            claims = jwt.decode(hint, signing_key(), algorithms=["RS256"]).claims
        except (JoseError, ValueError):
            return []  # not a token of ours: nobody gets redirected
        # An expired hint is fine (the spec allows it), but it must be ours.
        if claims.get("iss") != issuer():
            return []
        audience = claims.get("aud")
        audience = {audience} if isinstance(audience, str) else set(audience or ())
        candidates = [client for client in candidates if client.client_id in audience]
    if client_id:
        candidates = [client for client in candidates if client.client_id == client_id]
    return candidates


def _with_state(url: str, state: str | None) -> str:
    if not state:
        return url
    parts = urlsplit(url)
    query = f"{parts.query}&{urlencode({'state': state})}" if parts.query else urlencode({"state": state})
    return urlunsplit(parts._replace(query=query))
