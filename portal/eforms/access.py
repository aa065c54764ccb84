"""Who may open which draft, and the login a form needs.

A draft belongs to a logged-in resident (`resident:<sub>`, the pseudonymous OIDC sub, never the BSN) or to
the anonymous visitor's session (`visitor:<random key>`). Someone else's draft id is answered with the same
"not found" page as an unknown id (nothing tells whether it exists); the log names the precise reason.
"""

from __future__ import annotations

import logging
import secrets

from flask import g, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.auth.loa import satisfies
from portal.security import mark_personal

log = logging.getLogger("portal.eforms")
VISITOR = "eform_visitor"
NO_LOGIN = "geen"


def visitor_key() -> str:
    if VISITOR not in session:
        session[VISITOR] = secrets.token_urlsafe(16)
    return session[VISITOR]


def owner_key() -> str:
    if current_user.is_authenticated:
        return f"resident:{current_user.sub}"
    return f"visitor:{visitor_key()}"


def resident_owner() -> str | None:
    return f"resident:{current_user.sub}" if current_user.is_authenticated else None


def needed_level(definition: dict) -> str | None:
    """The DigiD level the form asks (`inloggen`), or None for a form without login."""
    level = definition.get("inloggen", NO_LOGIN)
    return None if level == NO_LOGIN else level


def login_gate(definition: dict, back_to: str):
    """None when the visitor may go on; otherwise the redirect to DigiD at the form's level and back."""
    level = needed_level(definition)
    if level is None:
        if current_user.is_authenticated:  # a logged-in resident's draft is hers: it is on her Mijn overzicht
            mark_personal()
            g.resident_sub = current_user.sub
        return None
    if current_user.is_authenticated and satisfies(current_user.level, level):
        mark_personal()
        g.resident_sub = current_user.sub
        return None
    session["login_next"] = back_to
    if g.get("session_expired"):  # say why first (a clear, accessible page), then log in and come back here
        return redirect(url_for("auth.login_required_page", reden="verlopen"))
    return redirect(url_for("auth.login", niveau=level))


def refuse(reason: str, slug: str):
    """The "not found" page for a draft this visitor may not open, with the reason in the log."""
    log.warning("eform draft refused: %s", reason, extra={"form": slug})
    mark_personal()
    return render_template("eforms/not_found.html", logged_in=current_user.is_authenticated), 404


def check_owner(slug: str, draft):
    """None when this is the visitor's own draft of this form; otherwise the refusal page."""
    if draft is None:
        return refuse("unknown draft id", slug)
    if draft.slug != slug:
        return refuse("draft of another form", slug)
    if draft.owner != owner_key():
        reason = "draft of another resident" if draft.owner.startswith("resident:") else "draft of another visitor"
        return refuse(reason, slug)
    mark_personal()
    return None


def back_here() -> str:
    return request.full_path if request.method == "GET" else request.path
