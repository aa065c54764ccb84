"""Log in through the real OIDC round trip: portal → mock DigiD (over HTTP) → portal callback."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import requests

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def choose_at_mock_digid(authorize_url: str, **form) -> requests.Response:
    """Open the mock DigiD login page and submit it; returns the provider's redirect (not followed)."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=5)
    assert page.status_code == 200, page.text[:300]
    token = _CSRF.search(page.text).group(1)
    return browser.post(authorize_url, data={"csrf_token": token, **form}, allow_redirects=False, timeout=5)


def oidc_login(client, mock_services, bsn: str = "999993653", level: str = "midden"):
    """Log `client` in as `bsn` at `level` through the mock DigiD running in `mock_services`.

    Returns the portal's response to the callback: a redirect to the page asked for, or a refusal.
    """
    start = client.get("/inloggen")
    assert start.status_code == 302, start.status_code
    authorize_url = start.headers["Location"]
    assert authorize_url.startswith(f"{mock_services.url}/mock-digid/authorize?"), authorize_url
    answer = choose_at_mock_digid(authorize_url, bsn=bsn, niveau=level, actie="inloggen")
    assert answer.status_code == 302, answer.text[:300]
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/inloggen/terug", answer.headers["Location"]
    return client.get(f"{back.path}?{back.query}")
