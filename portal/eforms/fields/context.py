"""The data the field types work with: what they know about the resident, and what a parsed step gives back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.integrations.bag import BagClient


@dataclass(frozen=True)
class FieldContext:
    """`prefill` is the draft's snapshot: {"brp": {...Haal Centraal Persoon...}, "contact": {"email", "phone"},
    "status": "ok" | "unavailable"}. `lists` are the form's shared option lists (`lists:` in the YAML), for
    fields with `options: {list: name}`."""

    lang: str
    prefill: Mapping = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    bag: BagClient | None = None
    lists: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class UploadedFile:
    """A file that passed its checks. `data` is the content; `meta()` is what an answer stores (JSON)."""

    name: str
    content_type: str
    size: int
    sha256: str
    data: bytes = field(repr=False)

    def meta(self) -> dict:
        return {"name": self.name, "content_type": self.content_type, "size": self.size, "sha256": self.sha256}


@dataclass
class StepResult:
    """values: field id -> JSON value (only fields without an error); errors: input name -> B1 message;
    raw: input name -> what was sent (a str, or a list of str for checkboxes), to show again;
    files: field id -> UploadedFile; pending: an address still waits for the resident's confirmation."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    pending: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.pending

    def merge_input(self, other: StepResult) -> None:
        """Take over another result's errors, raw input, files and pending state (not its values)."""
        self.errors.update(other.errors)
        self.raw.update(other.raw)
        self.files.update(other.files)
        self.pending = self.pending or other.pending


def text(texts: Mapping | None, lang: str) -> str:
    """A definition text ({nl: .., en: ..}) in `lang`, falling back to Dutch (the source language)."""
    if not isinstance(texts, Mapping):
        return ""
    return str(texts.get(lang) or texts.get("nl") or "")


def value_at(snapshot: Mapping | None, path: str) -> Any:
    """The value at a dotted path ("brp.naam.volledigeNaam") in a prefill snapshot, or None.

    Lists are read by index ("brp.partners.0.naam"); anything of an unexpected shape reads as absent."""
    current: Any = snapshot
    for part in path.split("."):
        if isinstance(current, Mapping):
            current = current.get(part)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current
