"""Staff login over OpenID Connect (the municipality's own identity provider), with roles from a claim.

Staff and residents never share a login: a staff session holds `session["staff"]` and no resident, and
the resident pages do not accept it. Each staff page names the roles that may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import Flask, abort, current_app, g, redirect, request, session, url_for

from portal.auth import oidc
from portal.security import mark_personal

ROLE_CASE_WORKER = "zaakbehandelaar"
ROLE_KCC = "kcc"
ROLE_FORM_PUBLISHER = "formulierbeheerder"
# Functional administrators (functioneel beheer): they look after the portal's running, such as emails that
# could not be sent. Case workers and KCC staff work for one resident at a time and need no view of them.
ROLE_ADMIN = "beheerder"
ROLES = (ROLE_CASE_WORKER, ROLE_KCC, ROLE_FORM_PUBLISHER, ROLE_ADMIN)


class StaffLoginRefused(oidc.LoginRefused):
    """A refused staff login; `cause` is one of oidc's causes or NO_ROLE."""


NO_ROLE = "no_role"


@dataclass(frozen=True)
class StaffMember:
    sub: str
    name: str
    roles: tuple[str, ...]

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)


def init_oidc(app: Flask) -> None:
    if app.config["STAFF_OIDC_DISCOVERY_URL"]:
        oidc.register_client(app, "staff", "STAFF_OIDC")


def oidc_client():
    return current_app.extensions["digid_oauth"].create_client("staff")


def finish_login() -> StaffMember:
    try:
        claims = oidc.verified_claims(oidc_client(), require_acr=False)
    except oidc.LoginRefused as refused:
        raise StaffLoginRefused(refused.reason, refused.cause) from refused
    roles = claims.get(current_app.config["STAFF_ROLES_CLAIM"]) or []
    roles = roles.split() if isinstance(roles, str) else list(roles)
    known = tuple(role for role in ROLES if role in roles)
    if not known:
        raise StaffLoginRefused("no known role", NO_ROLE)
    return StaffMember(sub=claims["sub"], name=str(claims.get("name") or claims["sub"])[:120], roles=known)


def current_staff() -> StaffMember | None:
    data = session.get("staff")
    if not data:
        return None
    return StaffMember(sub=data["sub"], name=data["name"], roles=tuple(data["roles"]))


def staff_required(*roles: str):
    """Only for a logged-in staff member with one of these roles; others get 403, anonymous visitors log in."""

    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            staff = current_staff()
            if staff is None:
                session["staff_next"] = request.full_path if request.method == "GET" else None
                return redirect(url_for("staff.login"))
            if roles and not staff.has(*roles):
                abort(403)
            mark_personal()
            g.staff = staff
            return func(*args, **kwargs)

        wrapper.login_required = True
        wrapper.staff_only = True
        return wrapper

    return decorator
