"""The logged-in resident. Their id is the pseudonymous OIDC `sub`, never the BSN."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import g, redirect, session, url_for
from flask_login import UserMixin, current_user

from portal.auth.loa import satisfies
from portal.security import mark_personal


@dataclass
class Resident(UserMixin):
    sub: str
    bsn: str
    level: str

    def get_id(self) -> str:
        return self.sub


def load_resident(user_id: str) -> Resident | None:
    data = session.get("resident")
    if not data or data.get("sub") != user_id:
        return None
    return Resident(sub=data["sub"], bsn=data["bsn"], level=data["level"])


def current_resident() -> Resident:
    return current_user._get_current_object()


def resident_required(view=None, *, min_loa: str | None = None):
    """Require a logged-in resident at a level of assurance of at least `min_loa`
    (default: the MIN_LOA setting). A resident at too low a level logs in again at the needed level."""

    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            from flask import current_app, request

            needed = min_loa or current_app.config["MIN_LOA"]
            if not current_user.is_authenticated:
                session["login_next"] = request.full_path if request.method == "GET" else None
                return redirect(url_for("auth.login_required_page"))
            if not satisfies(current_user.level, needed):
                return redirect(url_for("auth.login", niveau=needed))
            mark_personal()
            g.resident_sub = current_user.sub
            return func(*args, **kwargs)

        wrapper.login_required = True
        return wrapper

    return decorator(view) if view is not None else decorator
