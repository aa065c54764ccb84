"""Load a concept for the builder, check a change with the one validation of `flask forms validate`, and save it.

A change is refused when the validation finds a problem it did not find before the change (the builder made
it). Problems that were already there, and findings about plain language and missing translations (those
belong in the quality report and block publishing, not saving a draft), are warnings: the change is saved and
they are shown. The save names the revision the page was built from; a stale one is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.db import get_session
from portal.formadmin.builder import to_yaml
from portal.formdefs import Result, validate_text
from portal.formdefs.loader import Problem
from portal.queries import formadmin as queries
from portal.queries.formadmin import ConceptConflict, ConceptInfo

__all__ = ["ConceptConflict", "Loaded", "Checked", "check_change", "load", "quality_finding", "save_change"]


@dataclass(frozen=True)
class Loaded:
    concept: ConceptInfo
    result: Result  # the validation of the concept as it is stored

    @property
    def definition(self) -> dict | None:
        return self.result.definition

    @property
    def source(self) -> str:
        return f"{self.concept.slug}.yaml"


@dataclass(frozen=True)
class Checked:
    yaml_text: str
    errors: list[Problem] = field(default_factory=list)  # made by this change: not saved
    warnings: list[Problem] = field(default_factory=list)


def load(public_id: str) -> Loaded | None:
    concept = queries.get_concept(get_session(), public_id)
    if concept is None:
        return None
    return Loaded(concept, validate_text(concept.definition_yaml, f"{concept.slug}.yaml"))


def quality_finding(problem: Problem) -> bool:
    """Plain language and translations: for the quality report, not a reason to refuse a save."""
    return problem.message.startswith("not B1:") or problem.message.startswith("the text has no ")


def check_change(loaded: Loaded, definition: dict) -> Checked:
    text = to_yaml(definition)
    after = validate_text(text, loaded.source)
    before = {problem.message for problem in loaded.result.problems}
    errors = [problem for problem in after.problems if problem.message not in before and not quality_finding(problem)]
    warnings = [problem for problem in after.problems if problem not in errors]
    return Checked(text, errors, warnings)


def save_change(loaded: Loaded, checked: Checked, *, revision: int, staff, action: str, detail: str) -> ConceptInfo:
    """Store the new text and one audit entry. Raises ConceptConflict when the concept moved on."""
    db = get_session()
    saved = queries.save_concept(
        db,
        loaded.concept.public_id,
        definition_yaml=checked.yaml_text,
        expected_revision=revision,
        staff_name=staff.name,
    )
    queries.add_audit(
        db,
        staff_sub=staff.sub,
        staff_name=staff.name,
        action=action,
        slug=saved.slug,
        concept_id=saved.id,
        detail={"via": "bouwer", "change": detail[:300], "revision": saved.revision},
    )
    return saved
