"""What search engines may index: only the public information pages. Everything else (personal pages, staff
pages, login steps, error pages, the mocks) says `noindex` twice: an X-Robots-Tag header on every response
(also downloads and redirects) and a robots meta tag in the page; /robots.txt keeps crawlers out of it too."""

from __future__ import annotations

from flask import Flask, request

NOINDEX = ("X-Robots-Tag", "noindex, nofollow")
INDEXABLE_ENDPOINTS = frozenset({"pages.start", "pages.accessibility", "pages.privacy", "pages.contact"})

# Personal pages, staff pages, login and logout, the development pages and the embedded mocks.
DISALLOWED_PREFIXES = (
    "/mijn-",
    "/medewerker/",
    "/inloggen",
    "/uitloggen",
    "/uitgelogd",
    "/sessie/",
    "/taal/",
    "/ontwikkel/",
    "/mock-digid/",
    "/mock-brp/",
    "/afspraak",
)  # appointments: personal


def indexable() -> bool:
    """The current page may appear in search results (a public information page that exists)."""
    return request.endpoint in INDEXABLE_ENDPOINTS


def robots_txt() -> str:
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in DISALLOWED_PREFIXES), "Allow: /", ""]
    return "\n".join(lines)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["indexable"] = indexable

    @app.after_request
    def _noindex(response):
        if not indexable() or response.status_code >= 400:
            response.headers[NOINDEX[0]] = NOINDEX[1]
        return response
