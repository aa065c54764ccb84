"""The staff preview's answers: in the staff member's own server-side session (portal/sessions.py), never
in a draft row, keyed by the concept's public id and revision, so a new revision starts a fresh preview.

Only one revision of a concept is kept; answers of an older revision are dropped when a newer one is read.
"""

from __future__ import annotations

from flask import session

SESSION_KEY = "formulier_voorbeeld"


class PreviewDraft:
    """What the runner needs of a draft (portal/eforms/flow.py): its public id (here the concept's, so the
    runner's links lead to the preview pages), the answers, an empty prefill, the current step."""

    def __init__(self, concept_id: str, revision: int):
        self.public_id = concept_id
        self.key = f"{concept_id}:{revision}"
        stored = (session.get(SESSION_KEY) or {}).get(self.key) or {}
        self.answers: dict = dict(stored.get("answers") or {})
        self.current_step: str | None = stored.get("step")
        self.prefill: dict = {}

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
