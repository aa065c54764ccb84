"""Reading one input of a POST as hostile data: every surprise becomes a field error, never an exception.

A browser sends one string per text input. Anything else is refused on that field with a B1 message: two
values where one is asked, something that is not a string, a character we cannot store or show safely
(NUL and other control characters, right-to-left overrides, lone surrogates). What was sent is kept for
showing again, cut to MAX_RAW characters and with those characters replaced by U+FFFD, so the page and the
draft can always hold it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.eforms.fields.context import FieldContext, StepResult
from portal.eforms.fields.messages import message

MAX_RAW = 10_000
# No answer is longer; beyond this only the first part is looked at (it is refused as too long anyway).
MAX_INPUT = 100_000
# C0/C1 controls except tab, newline and carriage return; bidi embeddings, overrides and isolates;
# surrogates and non-characters.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def keep(value: Any) -> str:
    """What was sent, safe to show again and to store."""
    if not isinstance(value, str):
        return "\ufffd"  # something that is no text was sent: show that something was there
    return UNSAFE.sub("\ufffd", value[:MAX_RAW])


def values_of(data: Any, key: str) -> list:
    """All values under `key` of a MultiDict (or a plain mapping in tests); [] when absent."""
    if data is None:
        return []
    if hasattr(data, "getlist"):
        return list(data.getlist(key))
    if isinstance(data, Mapping) and key in data:
        value = data[key]
        return list(value) if isinstance(value, list | tuple) else [value]
    return []


def tidy(value: str, multiline: bool) -> str:
    """NFC, and no stray whitespace: a single line has its tabs and line breaks read as spaces."""
    value = unicodedata.normalize("NFC", value)
    if multiline:
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return " ".join(value.split())


@dataclass
class Input:
    """One field of the step being parsed; `name` is its input name (with the repeat prefix, if any)."""

    field: Mapping
    name: str
    formdata: Any
    files: Any
    ctx: FieldContext
    out: StepResult
    previous: Any = None

    @property
    def id(self) -> str:
        return self.field["id"]

    @property
    def required(self) -> bool:
        rules = self.field.get("validate")
        return isinstance(rules, Mapping) and "required" in rules

    def rule(self, name: str) -> Any:
        rules = self.field.get("validate")
        return rules.get(name) if isinstance(rules, Mapping) else None

    def limit(self, name: str, default=None):
        """The `value` of a rule like max_length, or `default`."""
        given = self.rule(name)
        value = given.get("value") if isinstance(given, Mapping) else None
        return value if isinstance(value, int | float) and not isinstance(value, bool) else default

    def fail(self, rule: str, key: str | None = None, **params) -> None:
        self.out.errors.setdefault(key or self.name, message(self.field, rule, self.ctx.lang, **params))

    def accept(self, value: Any) -> None:
        self.out.values[self.id] = value

    def read(self, suffix: str = "", multiline: bool = False) -> str | None:
        """The tidied text of one input ("" when empty or absent), or None after a refusal (error set)."""
        key = self.name + suffix
        values = values_of(self.formdata, key)
        if not values:
            return ""
        first = values[0]
        self.out.raw[key] = keep(first)
        if not isinstance(first, str):
            return self.fail("wrong_type", key)
        if len(values) > 1:
            return self.fail("one_value", key)
        first = first[: MAX_INPUT + 1]
        if UNSAFE.search(first):
            return self.fail("unsafe", key)
        return tidy(first, multiline)

    def present(self, multiline: bool = False) -> str | None:
        """The tidied text, or None when it was refused or is empty (then the required check has run)."""
        value = self.read(multiline=multiline)
        if value is None:
            return None
        if not value:
            if self.required:
                self.fail("required")
            else:
                self.accept(None)
            return None
        return value

    def read_many(self) -> list[str] | None:
        """Every value of a checkbox group, or None after a refusal."""
        values = values_of(self.formdata, self.name)
        if values:
            self.out.raw[self.name] = [keep(value) for value in values[:100]]
        if any(not isinstance(value, str) for value in values):
            return self.fail("wrong_type")
        values = [value[: MAX_INPUT + 1] for value in values]
        if any(UNSAFE.search(value) for value in values):
            return self.fail("unsafe")
        return [tidy(value, False) for value in values]
