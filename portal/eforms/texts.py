"""Texts of a form definition: a plain string (Dutch) or a map of languages `{nl: …, en: …}`."""

from __future__ import annotations

from collections.abc import Mapping


def loc(text: object, lang: str) -> str:
    """The text in `lang`, else in Dutch (the source language), else empty."""
    if isinstance(text, Mapping):
        return str(text.get(lang) or text.get("nl") or "")
    return "" if text is None else str(text)


def options(item: Mapping, definition: Mapping | None = None) -> list[Mapping]:
    """A field's options: inline, or a named list of the definition (`options: {list: name}`)."""
    given = item.get("options") or []
    if isinstance(given, Mapping):
        lists = (definition or {}).get("lists") or {}
        return list(lists.get(given.get("list"), []))
    return list(given)


def option_label(item: Mapping, value: object, lang: str) -> str:
    for option in options(item):
        if option.get("value") == value:
            return loc(option.get("label"), lang)
    return str(value)


def resolve_lists(definition: Mapping) -> dict:
    """A copy of the definition where every `options: {list: name}` holds the list itself, so a field can
    be parsed and shown without the rest of the definition."""
    lists = definition.get("lists") or {}

    def resolve(fields: list) -> list:
        out = []
        for item in fields:
            item = dict(item)
            if isinstance(item.get("options"), Mapping):
                item["options"] = list(lists.get(item["options"].get("list"), []))
            if item.get("fields"):
                item["fields"] = resolve(item["fields"])
            out.append(item)
        return out

    steps = [dict(step, fields=resolve(step.get("fields", []))) for step in definition.get("steps", [])]
    return dict(definition, steps=steps)
