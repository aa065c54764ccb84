"""Security headers: CSP with a per-request nonce, HSTS over HTTPS, no-store on personal pages."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, g, request


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def safe_local_path(target: str | None) -> str | None:
    """A redirect target only when it is a path on this site, never another site ("//x", "/\\x")."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def mark_personal() -> None:
    """Call from a view that shows personal data: the response must not be stored anywhere."""
    g.personal_page = True


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    # Logout is a form POST that redirects to the provider's end-session endpoint.
    form_targets = _origin(app.config["OIDC_DISCOVERY_URL"])

    @app.after_request
    def _headers(response):
        nonce = csp_nonce()
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            f"style-src 'self' 'nonce-{nonce}'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            f"form-action 'self' {form_targets}"
        ).strip()
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if g.get("personal_page") or g.get("resident_sub"):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response
