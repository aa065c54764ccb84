"""The staff preview's answers: in the staff member's own server-side session (portal/sessions.py), never
in a draft row, keyed by the concept's public id and revision, so a new revision starts a fresh preview.

Only one revision of a concept is kept; answers of an older revision are dropped when a newer one is read.
The BRP facts and contact details are those of an example person (an RvIG test person, generated into
preview_person.json by scripts/generate_preview_person.py), marked as examples on the pages: a publisher sees
what a resident sees instead of "Niet bekend" everywhere, and no real person's data is read.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from flask import session

from portal.eforms.pages import lang
from portal.eforms.prefill import example_snapshot

SESSION_KEY = "formulier_voorbeeld"
EXAMPLE_PERSON = Path(__file__).with_name("preview_person.json")


@cache
def _example_person() -> dict:
    return json.loads(EXAMPLE_PERSON.read_text(encoding="utf-8"))


class PreviewDraft:
    """What the runner needs of a draft (portal/eforms/flow.py): its public id (here the concept's, so the
    runner's links lead to the preview pages), the answers, an empty prefill, the current step."""

    def __init__(self, concept_id: str, revision: int):
        self.public_id = concept_id
        self.key = f"{concept_id}:{revision}"
        stored = (session.get(SESSION_KEY) or {}).get(self.key) or {}
        self.answers: dict = dict(stored.get("answers") or {})
        self.current_step: str | None = stored.get("step")
        self.prefill: dict = example_snapshot(_example_person(), lang())

    def save(self, answers: dict, current_step: str | None) -> None:
        self.answers, self.current_step = dict(answers), current_step
        kept = {
            key: value
            for key, value in (session.get(SESSION_KEY) or {}).items()
            if not key.startswith(f"{self.public_id}:")
        }
        kept[self.key] = {"answers": self.answers, "step": current_step}
        session[SESSION_KEY] = kept  # a new dict: the session notices the change

    def reset(self) -> None:
        self.save({}, None)
