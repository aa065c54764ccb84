from __future__ import annotations

from urllib.parse import urlencode

from authlib.oauth2 import OAuth2Error
from flask import Blueprint, current_app, jsonify, redirect, render_template, request

from portal.auth.loa import ACR_BY_LEVEL, level_of
from portal.mock_digid.forms import MockLoginForm
from portal.mock_digid.provider import Resident, clients, issuer, query_client, signing_key, token_owner
from portal.security import mark_personal

bp = Blueprint("mock_digid", __name__, url_prefix="/mock-digid", template_folder=None)


def _server():
    return current_app.extensions["mock_digid_server"]


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
        scopes_supported=["openid"],
        acr_values_supported=list(ACR_BY_LEVEL.values()),
        claims_supported=["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "bsn"],
        token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post", "none"],
    )


@bp.get("/jwks")
def jwks():
    return jsonify(keys=[signing_key().as_dict(private=False)])


@bp.route("/authorize", methods=["GET", "POST"])
def authorize():
    mark_personal()
    server = _server()
    try:
        grant = server.get_consent_grant(end_user=None)
    except OAuth2Error as error:
        if getattr(error, "redirect_uri", None):
            return server.handle_error_response(None, error)
        return render_template("mock_digid/error.html", error=error.error), 400
    form = MockLoginForm()
    if request.method == "GET":
        form.niveau.data = _requested_level() or "midden"
    if request.method == "POST" and request.form.get("actie") == "annuleren":
        return server.create_authorization_response(grant=grant, grant_user=None)
    if form.validate_on_submit():
        resident = Resident(bsn=form.chosen_bsn(), level=form.niveau.data)
        return server.create_authorization_response(grant=grant, grant_user=resident)
    client = query_client(request.args.get("client_id", ""))
    return render_template("mock_digid/login.html", form=form, client=client, has_errors=bool(form.errors))


def _requested_level() -> str | None:
    for value in request.args.get("acr_values", "").split():
        level = level_of(value)
        if level:
            return level
    return None


@bp.post("/token")
def token():
    return _server().create_token_response()


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo():
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    owner = token_owner(value) if scheme.lower() == "bearer" and value else None
    if owner is None:
        response = jsonify(error="invalid_token")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    resident = Resident(bsn=owner.bsn, level=owner.level)
    return jsonify(sub=resident.get_user_id(), bsn=owner.bsn, acr=ACR_BY_LEVEL[owner.level])


@bp.get("/logout")
def logout():
    """RP-initiated logout: back to the portal if the address is registered, else a page of our own."""
    target = request.args.get("post_logout_redirect_uri", "")
    if target and any(client.check_logout_uri(target) for client in clients().values()):
        state = request.args.get("state")
        return redirect(f"{target}?{urlencode({'state': state})}" if state else target)
    return render_template("mock_digid/logged_out.html")

