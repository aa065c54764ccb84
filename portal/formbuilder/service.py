"""Load a concept for the builder, check a change with the one validation of `flask forms validate`, and save it.

A change is refused when the validation finds a problem it did not find before the change (the builder made
it). Problems that were already there, and findings about plain language and missing translations (those
belong in the quality report and block publishing, not saving a draft), are warnings: the change is saved and
they are shown. The save names the revision the page was built from; a stale one is a conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.db import get_session
from portal.formadmin.builder import to_yaml
from portal.formdefs import Result, validate_text
from portal.formdefs.loader import Problem
from portal.queries import formadmin as queries
from portal.queries.formadmin import ConceptConflict, ConceptInfo

__all__ = [
    "Checked",
    "ConceptConflict",
    "Loaded",
    "PlainProblem",
    "check_change",
    "load",
    "plain_problem",
    "quality_finding",
    "save_change",
]


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


@dataclass(frozen=True)
class PlainProblem:
    """A validation problem for staff: where and what in B1, with the check's own words as the detail."""

    text: str
    detail: str


_MISSING = re.compile(r"^the text has no ([a-z, ]+): ")
_NOT_B1 = re.compile(r"^not B1: (.*) \(in '(.*)'\)$", re.S)


def where(path: str, definition: dict | None) -> str:
    """'steps/4/fields/0/label' -> 'vraag 5': the part of the form a path is in, in B1."""
    parts = path.split("/")
    if parts[0] == "steps" and len(parts) > 1 and parts[1].isdigit():
        return _("vraag %(number)s", number=int(parts[1]) + 1)
    if parts[0] == "outcomes" and len(parts) > 1 and parts[1].isdigit():
        return _("uitkomst %(number)s", number=int(parts[1]) + 1)
    if parts[0] == "exits" and len(parts) > 1:
        title = ((definition or {}).get("exits", {}).get(parts[1], {}).get("title") or {}).get("nl", parts[1])
        return _("de uitgang '%(title)s'", title=title)
    if parts[0] == "check_answers":
        return _("de controlepagina")
    return _("het formulier")


def plain_problem(problem: Problem, definition: dict | None) -> PlainProblem:
    place = where(problem.path, definition)
    if missing := _MISSING.match(problem.message):
        return PlainProblem(
            _("Bij %(place)s mist nog een vertaling (%(languages)s).", place=place, languages=missing.group(1)),
            problem.message,
        )
    if finding := _NOT_B1.match(problem.message):
        return PlainProblem(
            _("Een tekst bij %(place)s is nog niet in B1: '%(text)s'.", place=place, text=finding.group(2)),
            finding.group(1),
        )
    return PlainProblem(_("Er klopt iets niet bij %(place)s.", place=place), problem.message)
