"""Helpers to post forms the way a browser would (with the CSRF token from the page)."""

from __future__ import annotations

import re

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    match = _CSRF.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client, path: str, data: dict, *, from_page: str | None = None, **kwargs):
    token = csrf_token(client, from_page or path)
    return client.post(path, data={"csrf_token": token, **data}, **kwargs)
