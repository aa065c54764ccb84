"""Helpers for the staff publishing tests: post a form of a page with its hidden fields (CSRF, one-time token,
revision), as a browser would, and arrange published forms."""

from __future__ import annotations

import html
import re

from portal.formadmin.concepts import TEMPLATE_PATH, TEMPLATE_SLUG, with_slug
from portal.formdefs import validate_text
from portal.formdefs.publish import publish

_FORM = re.compile(r'<form\b[^>]*action="(?P<action>[^"]*)"[^>]*>(?P<body>.*?)</form>', re.S)
_HIDDEN = re.compile(r'<input\b(?=[^>]*type="hidden")[^>]*>')
_ATTR = re.compile(r'(name|value)="([^"]*)"')


def hidden_fields(page_html: str, action: str) -> dict:
    for match in _FORM.finditer(page_html):
        if html.unescape(match.group("action")) == action:
            fields = {}
            for tag in _HIDDEN.findall(match.group("body")):
                attributes = dict(_ATTR.findall(tag))
                fields[attributes["name"]] = html.unescape(attributes.get("value", ""))
            return fields
    raise AssertionError(f"no form with action {action} on the page")


def submit(client, page: str, action: str, data: dict | None = None, **kwargs):
    """Open `page`, then post its form whose action is `action` with its hidden fields and `data`."""
    fields = hidden_fields(client.get(page).get_data(as_text=True), action)
    return client.post(action, data={**fields, **(data or {})}, **kwargs)


def template_text(slug: str) -> str:
    return with_slug(TEMPLATE_PATH.read_text(encoding="utf-8"), TEMPLATE_SLUG, slug)


def published_form(db, slug: str, text: str | None = None, by: str = "flask forms publish"):
    result = validate_text(text or template_text(slug), f"{slug}.yaml")
    assert result.ok, result.problems
    return publish(db, result, published_by=by, change_note="test")
