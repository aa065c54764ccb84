"""Security headers: CSP with a per-request nonce, HSTS over HTTPS, no-store on personal pages."""

from __future__ import annotations

import re
import secrets
from urllib.parse import unquote, urlsplit

from flask import Flask, g, request


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# What a local target may hold: RFC 3986 path and query characters, ASCII only. Everything else is refused rather
# than cleaned: whitespace, tabs and newlines (browsers strip them, so "/\t/x" becomes "//x"), backslashes (read as
# "/"), control characters, and look-alike or fullwidth letters (NFKC folds "／" into "/"; ASCII cannot be folded).
_TARGET = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@/?%#]*")
_MAX_TARGET = 2048
_DECODE_ROUNDS = 3


def _local_path(text: str | None) -> bool:
    return text is not None and bool(_TARGET.fullmatch(text)) and not text.startswith("//")


def _decoded(text: str) -> str | None:
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        return None


def safe_local_path(target: object) -> str | None:
    """The one check for every return target: the target itself when it is a path on this site, else None.

    Nothing that a browser, a proxy or a framework decoding once more could read as another host passes:
    "//x", "/\\x", "/%2F/x", "/%252F/x", "/%09/x", "https://x", "javascript:x", "／／x", "http:/\\x" are refused.
    The path part is checked again after each round of percent-decoding; still encoded after three rounds is refused.
    """
    if not isinstance(target, str) or len(target) > _MAX_TARGET or not _local_path(target):
        return None
    path = re.split(r"[?#]", target, maxsplit=1)[0]
    for _ in range(_DECODE_ROUNDS):
        decoded = _decoded(path)
        if not _local_path(decoded):
            return None
        if decoded == path:
            return target
        path = decoded
    return None


def mark_personal() -> None:
    """Call from a view that shows personal data: the response must not be stored anywhere."""
    g.personal_page = True


def security_headers(nonce: str, form_targets: str, secure: bool) -> list[tuple[str, str]]:
    """The headers every response gets, in order; also sent by the fast path for public pages
    (portal/publiccopy.py), which has no Flask request."""
    headers = [
        (
            "Content-Security-Policy",
            (
                "default-src 'self'; "
                f"script-src 'self' 'nonce-{nonce}'; "
                f"style-src 'self' 'nonce-{nonce}'; "
                "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                f"form-action 'self' {form_targets}"
            ).strip(),
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    if secure:
        headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return headers


def form_targets(app: Flask) -> str:
    """Logout is a form POST that redirects to the provider's end-session endpoint: the DigiD broker's for
    residents, the municipality's identity provider's for staff (two origins in production)."""
    return app.extensions["csp_form_targets"]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    origins = (_origin(app.config["OIDC_DISCOVERY_URL"]), _origin(app.config["STAFF_OIDC_DISCOVERY_URL"]))
    app.extensions["csp_form_targets"] = " ".join(dict.fromkeys(origin for origin in origins if origin))

    @app.after_request
    def _headers(response):
        for name, value in security_headers(csp_nonce(), form_targets(app), request.is_secure):
            response.headers[name] = value
        if g.get("personal_page") or g.get("resident_sub"):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response
