"""Texts of a form definition: a plain string (Dutch) or a map of languages `{nl: …, en: …}`."""

from __future__ import annotations

from collections.abc import Mapping


def loc(text: object, lang: str) -> str:
    """The text in `lang`, else in Dutch (the source language), else empty."""
    if isinstance(text, Mapping):
        return str(text.get(lang) or text.get("nl") or "")
    return "" if text is None else str(text)
