from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user

from portal import sessions
from portal.auth import oidc
from portal.auth.loa import LEVELS
from portal.auth.resident import Resident
from portal.config import public_url
from portal.db import utcnow
from portal.limits import login_limit
from portal.logs import security_event
from portal.security import mark_personal, safe_local_path

bp = Blueprint("auth", __name__)

PUBLIC_ENDPOINTS = {
    "auth.login",
    "auth.callback",
    "auth.login_required_page",
    "auth.logged_out",
    "auth.session_status",
    "auth.logout",
    "auth.stay_logged_in",
}


@bp.get("/inloggen")
@login_limit
def login():
    level = request.args.get("niveau", current_app.config["MIN_LOA"])
    if level not in LEVELS:
        level = current_app.config["MIN_LOA"]
    session["login_level"] = level
    try:
        return oidc.start(public_url(url_for("auth.callback")), level)
    except Exception as error:  # provider down or its discovery document broken
        security_event("login.provider_unavailable", type(error).__name__)
        return render_template("auth/login_failed.html", cause=oidc.UNAVAILABLE), 503


@bp.get("/inloggen/terug")
@login_limit
def callback():
    level = session.get("login_level", current_app.config["MIN_LOA"])
    try:
        identity = oidc.finish(level)
    except oidc.LoginRefused as refused:
        return refusal_page(refused)
    next_url = safe_local_path(session.pop("login_next", None))
    sessions.start_fresh(resident=identity)
    login_user(Resident(sub=identity["sub"], bsn=identity["bsn"], level=identity["level"]))
    return redirect(next_url or url_for("pages.overview"))


def refusal_page(refused: oidc.LoginRefused):
    """Why the login did not work, and what to do now: one page per cause, the precise reason in the log."""
    session.pop("resident", None)
    logout_user()
    security_event("login.refused", refused.reason, cause=refused.cause)
    if refused.cancelled:
        return render_template("auth/login_cancelled.html"), 200
    status = 503 if refused.cause == oidc.UNAVAILABLE else 401
    return render_template(
        "auth/login_failed.html", cause=refused.cause, used=refused.level, needed=refused.needed
    ), status


@bp.get("/inloggen-nodig")
def login_required_page():
    return render_template("auth/login_required.html", expired=request.args.get("reden") == "verlopen")


@bp.post("/uitloggen")
def logout():
    was_logged_in = "resident" in session
    logout_user()
    sessions.end()
    target = public_url(url_for("auth.logged_out"))
    if was_logged_in:
        provider_url = oidc.logout_url(target)
        if provider_url:
            return redirect(provider_url)
    return redirect(target)


@bp.get("/uitgelogd")
def logged_out():
    mark_personal()  # the page after a logout must not be cached either
    return render_template("auth/logged_out.html")


@bp.post("/sessie/verlengen")
def stay_logged_in():
    if not sessions.logged_in(session):
        return redirect(url_for("auth.login_required_page", reden="verlopen"))
    session.modified = True  # saving the session moves its idle deadline
    session.last_seen_at = utcnow()
    return redirect(safe_local_path(request.form.get("terug")) or url_for("pages.overview"))


@bp.get("/sessie/status")
def session_status():
    mark_personal()
    if not sessions.logged_in(session):
        return jsonify(logged_in=False)
    remaining = (sessions.expires_at(session) - utcnow()).total_seconds()
    return jsonify(logged_in=True, seconds_left=max(0, int(remaining)))


@bp.before_app_request
def _expired_session_redirect():
    """A resident whose session ran out on a personal page is told why, not just sent to the start."""
    from flask import g

    if g.get("session_expired") and request.endpoint not in PUBLIC_ENDPOINTS and request.method == "GET":
        view = current_app.view_functions.get(request.endpoint or "")
        if getattr(view, "login_required", False):
            return redirect(url_for("auth.login_required_page", reden="verlopen"))
    return None
