"""Helpers of the e-form runner tests: publish the shipped forms, walk a form through the test client."""

from __future__ import annotations

import re

from portal.db import get_session
from portal.formdefs.publish import publish_files

STEP = re.compile(r"/formulier/(?P<slug>[^/]+)/(?P<draft>[^/?]+)(?:/(?P<rest>[^?]*))?")


def publish_shipped(app) -> None:
    with app.app_context():
        publish_files(get_session(), published_by="tests")
        get_session().commit()  # inside the test's outer transaction, which is rolled back afterwards


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def once_of(html: str) -> str | None:
    found = re.search(r'name="once_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="once_token"', html
    )
    return found.group(1) if found else None


def begin(client, slug: str) -> str:
    """POST the start page; returns the first step's path."""
    page = client.get(f"/formulier/{slug}")
    response = client.post(f"/formulier/{slug}", data={"csrf_token": csrf_of(page.text)})
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def post_step(client, path: str, data: dict, files=None):
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    payload = {"csrf_token": csrf_of(page.text), **data}
    return client.post(path, data=payload, content_type="multipart/form-data" if files else None)


def draft_of(path: str) -> str:
    return STEP.search(path).group("draft")
