"""Concepts of form definitions: start one (template, live version, copy, restore), check and save it.

Every change writes an audit entry in the same unit of work. A concept is checked with exactly what
`flask forms validate` runs (formdefs.validate_text), except that a text that is not B1 is a finding that needs
a second publisher's approval (portal/formadmin/publishing.py) instead of a refusal.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from portal.formdefs import Result, validate_text
from portal.formdefs.loader import MAX_BYTES
from portal.queries import formadmin as queries
from portal.queries import forms as form_queries
from portal.queries.formadmin import ConceptConflict, ConceptInfo

TEMPLATE_PATH = Path(__file__).with_name("template.yaml")
TEMPLATE_SLUG = "nieuw-formulier"
SLUG = re.compile(r"^[a-z][a-z0-9]*([_-][a-z0-9]+)*$")

__all__ = ["ConceptConflict", "ConceptInfo", "ConceptRefused"]


class ConceptRefused(ValueError):
    """A concept cannot be made: `reason` says why (a key of portal/formadmin/messages.REFUSALS)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Actor:
    """Who does it: a staff member's pseudonymous sub and display name (portal.staff.auth.StaffMember fits)."""

    sub: str
    name: str


def canonical_yaml(definition: dict) -> str:
    """The one YAML layout of a definition: keys in their stored order, no line wrapping, UTF-8 as it is.
    The same definition always gives the same text (export, diff, a concept from a version)."""
    return yaml.safe_dump(definition, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


def check(text: str, slug: str = "form") -> Result:
    return validate_text(text, f"{slug}.yaml", b1_blocks=False)


def _audit(db: Session, actor: Actor, action: str, concept: ConceptInfo, **detail) -> None:
    queries.add_audit(
        db,
        staff_sub=actor.sub,
        staff_name=actor.name,
        action=action,
        slug=concept.slug,
        concept_id=concept.id,
        version_id=detail.pop("version_id", None),
        detail=detail,
    )


def _new_slug(db: Session, slug: str) -> str:
    slug = (slug or "").strip()
    if not SLUG.fullmatch(slug) or len(slug) > 64:
        raise ConceptRefused("slug_invalid")
    if form_queries.newest_version(db, slug) is not None or queries.concepts(db, slug=slug):
        raise ConceptRefused("slug_taken")
    return slug


def with_slug(text: str, old: str, new: str) -> str:
    """The same YAML text with the top-level `slug:` line naming `new`."""
    return re.sub(rf"^slug:[ \t]*['\"]?{re.escape(old)}['\"]?[ \t]*$", f"slug: {new}", text, count=1, flags=re.M)


def from_template(db: Session, actor: Actor, slug: str) -> ConceptInfo:
    slug = _new_slug(db, slug)
    text = with_slug(TEMPLATE_PATH.read_text(encoding="utf-8"), TEMPLATE_SLUG, slug)
    concept = queries.create_concept(db, slug=slug, definition_yaml=text, staff_name=actor.name)
    _audit(db, actor, "concept_created", concept, source="template")
    return concept


def from_version(db: Session, actor: Actor, slug: str, version: int | None = None) -> ConceptInfo:
    """A concept of a form's live version (`version` None), or of an older version: a restore."""
    stored = _version(db, slug, version)
    concept = queries.create_concept(
        db,
        slug=slug,
        definition_yaml=canonical_yaml(stored.definition),
        staff_name=actor.name,
        based_on_version_id=stored.id,
    )
    action = "concept_restored" if version is not None else "concept_created"
    _audit(db, actor, action, concept, source=f"v{stored.version}", version_id=stored.id)
    return concept


def copy_form(db: Session, actor: Actor, source_slug: str, new_slug: str) -> ConceptInfo:
    """A new form that starts as a copy of another form's live version ("copy the Wmo form")."""
    stored = _version(db, source_slug, None)
    slug = _new_slug(db, new_slug)
    definition = {**stored.definition, "slug": slug}
    concept = queries.create_concept(db, slug=slug, definition_yaml=canonical_yaml(definition), staff_name=actor.name)
    _audit(db, actor, "concept_created", concept, source=f"{source_slug} v{stored.version}")
    return concept


def _version(db: Session, slug: str, version: int | None):
    if version is None:
        stored = form_queries.live_version(db, slug)
    else:
        stored = next((item for item in form_queries.versions_of(db, slug) if item.version == version), None)
    if stored is None:
        raise ConceptRefused("no_version")
    return stored


def save(
    db: Session, actor: Actor, concept: ConceptInfo, text: str, expected_revision: int, *, action: str = "concept_saved"
) -> tuple[ConceptInfo, Result]:
    """Store the text when nobody saved since `expected_revision` (else ConceptConflict, nothing stored).
    A text with problems is stored too (work in progress is never lost); only publishing needs it clean.
    A concept of a new form follows the slug in its text; a concept of a published form keeps its slug."""
    if concept.state != "open":
        raise ConceptRefused("not_open")
    result = check(text, concept.slug)
    changes = {}
    published = form_queries.newest_version(db, concept.slug) is not None
    if result.slug and result.slug != concept.slug and not published:
        # Taken or not a slug: the concept keeps its name, and publishing says why it cannot.
        with contextlib.suppress(ConceptRefused):
            changes["slug"] = _new_slug(db, result.slug)
    saved = queries.save_concept(
        db,
        concept.public_id,
        definition_yaml=text,
        expected_revision=expected_revision,
        staff_name=actor.name,
        **changes,
    )
    _audit(db, actor, action, saved, revision=saved.revision, problems=len(result.problems))
    return saved, result


def read_upload(data: bytes) -> str:
    """An uploaded YAML file as text: refused when too large or not UTF-8 (reasons in messages.REFUSALS)."""
    if len(data) > MAX_BYTES:
        raise ConceptRefused("upload_too_large")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ConceptRefused("upload_not_utf8") from error


def discard(db: Session, actor: Actor, concept: ConceptInfo, expected_revision: int) -> ConceptInfo:
    saved = queries.save_concept(
        db,
        concept.public_id,
        definition_yaml=concept.definition_yaml,
        expected_revision=expected_revision,
        staff_name=actor.name,
        state="discarded",
    )
    _audit(db, actor, "concept_discarded", saved)
    return saved
