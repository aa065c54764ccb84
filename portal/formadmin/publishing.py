"""Publishing a concept: approval by a second publisher when findings are open, publish now or at a set
moment, retire a form. Adds and flushes through the query layer; the request (or the command) commits.

- A concept is published through formdefs.publish: a new immutable version. The concept moves to
  "published" in the same conditional update that checks its revision, so of two presses of "Publiceren"
  (a double click, two publishers) exactly one makes a version.
- Open findings (a text that is not B1, an accessibility finding of the last check of this text) need the
  approval of another publisher, with a reason. An approval holds for the text it approved (by its hash): a
  change after it needs a new approval. Whoever created or saved the concept cannot approve it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from portal.db import utcnow
from portal.formadmin.accessibility import AccessibilityResult
from portal.formadmin.concepts import Actor, ConceptRefused, _audit, check
from portal.formdefs import Result
from portal.formdefs.publish import Published, publish
from portal.queries import formadmin as queries
from portal.queries import forms as form_queries
from portal.queries.formadmin import AuditInfo, ConceptConflict, ConceptInfo


class PublishRefused(ConceptRefused):
    """Publishing or approving is not possible now: `reason` says why (messages.REFUSALS)."""


def text_hash(concept: ConceptInfo) -> str:
    return hashlib.sha256(concept.definition_yaml.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Readiness:
    """Where a concept stands: its check, its open findings, and the approval that covers them."""

    result: Result
    accessibility: AccessibilityResult | None
    approval: AuditInfo | None
    schedule_note: str

    @property
    def open_findings(self) -> int:
        return len(self.result.findings) + (len(self.accessibility.findings) if self.accessibility else 0)

    @property
    def needs_approval(self) -> bool:
        return self.open_findings > 0 and self.approval is None


def _latest(entries: list[AuditInfo], action: str, digest: str) -> AuditInfo | None:
    matching = [entry for entry in entries if entry.action == action and entry.detail.get("text_hash") == digest]
    return matching[-1] if matching else None


def readiness(db: Session, concept: ConceptInfo, result: Result | None = None) -> Readiness:
    entries = queries.concept_audit(db, concept.id)
    digest = text_hash(concept)
    checked = _latest(entries, "accessibility_checked", digest)
    scheduled = [entry for entry in entries if entry.action == "scheduled"]
    return Readiness(
        result=result or check(concept.definition_yaml, concept.slug),
        accessibility=AccessibilityResult.from_detail(checked.detail) if checked else None,
        approval=_latest(entries, "approved", digest),
        schedule_note=scheduled[-1].detail.get("note", "") if scheduled and concept.publish_at else "",
    )


def record_accessibility(db: Session, actor: Actor, concept: ConceptInfo, checked: AccessibilityResult) -> None:
    _audit(db, actor, "accessibility_checked", concept, text_hash=text_hash(concept), **checked.as_detail())


def approve(db: Session, actor: Actor, concept: ConceptInfo, *, expected_revision: int, reason: str) -> None:
    if concept.state != "open":
        raise PublishRefused("not_open")
    if concept.revision != expected_revision:
        raise PublishRefused("stale")
    if actor.sub in queries.concept_authors(db, concept.id):
        raise PublishRefused("own_concept")
    if readiness(db, concept).open_findings == 0:
        raise PublishRefused("nothing_to_approve")
    if not reason.strip():
        raise PublishRefused("no_reason")
    _audit(db, actor, "approved", concept, text_hash=text_hash(concept), revision=concept.revision, reason=reason)


def _publishable(db: Session, concept: ConceptInfo, note: str) -> Readiness:
    if concept.state != "open":
        raise PublishRefused("not_open")
    state = readiness(db, concept)
    if not state.result.ok:
        raise PublishRefused("problems")
    if state.result.slug != concept.slug:
        raise PublishRefused("slug_changed")
    if state.needs_approval:
        raise PublishRefused("needs_approval")
    if not note.strip():
        raise PublishRefused("no_note")
    return state


def publish_concept(
    db: Session, actor: Actor, concept: ConceptInfo, *, expected_revision: int, note: str, action: str = "published"
) -> Published:
    """A new live version of the concept. ConceptConflict when the concept changed or was published since."""
    state = _publishable(db, concept, note)
    closed = queries.save_concept(
        db,
        concept.public_id,
        definition_yaml=concept.definition_yaml,
        expected_revision=expected_revision,
        staff_name=actor.name,
        state="published",
        publish_at=None,
    )
    published = publish(db, state.result, published_by=actor.name, change_note=note.strip())
    lifted = queries.lift_retirement(db, concept.slug)
    _audit(
        db,
        actor,
        action,
        closed,
        version_id=published.version_id,
        version=published.version,
        note=note.strip(),
        approved_by=state.approval.staff_name if state.approval else None,
        retirement_lifted=lifted,
    )
    return published


def schedule(db: Session, actor: Actor, concept: ConceptInfo, *, expected_revision: int, at: datetime, note: str):
    """Publish at `at` (UTC, naive like the rest of the database): `flask forms publish-due` does it."""
    _publishable(db, concept, note)
    if at <= utcnow():
        raise PublishRefused("in_past")
    saved = queries.save_concept(
        db,
        concept.public_id,
        definition_yaml=concept.definition_yaml,
        expected_revision=expected_revision,
        staff_name=actor.name,
        publish_at=at,
    )
    _audit(db, actor, "scheduled", saved, at=at.isoformat(), note=note.strip(), text_hash=text_hash(saved))
    return saved


def publish_due(db: Session, now: datetime | None = None) -> list[str]:
    """Publish every open concept whose moment has come, as the publisher who scheduled it. Running it twice
    publishes nothing twice: a published concept is no longer open. A concept that cannot be published now
    (changed since, new findings without approval) stays open with a line saying why."""
    lines = []
    for concept in queries.due_concepts(db, now or utcnow()):
        entries = [entry for entry in queries.concept_audit(db, concept.id) if entry.action == "scheduled"]
        scheduled = entries[-1] if entries else None
        if scheduled is None:
            continue
        actor = Actor(scheduled.staff_sub, scheduled.staff_name)
        try:
            with db.begin_nested():
                published = publish_concept(
                    db,
                    actor,
                    concept,
                    expected_revision=concept.revision,
                    note=scheduled.detail.get("note", ""),
                    action="published",
                )
            lines.append(f"{concept.slug}: published as version {published.version}")
        except (PublishRefused, ConceptConflict) as refused:
            lines.append(f"{concept.slug}: not published ({getattr(refused, 'reason', 'changed since')})")
    return lines


def retire(db: Session, actor: Actor, slug: str, message: dict) -> None:
    if form_queries.live_version(db, slug) is None:
        raise PublishRefused("not_published")
    queries.retire_form(db, slug, message=message, staff_name=actor.name)
    queries.add_audit(
        db, staff_sub=actor.sub, staff_name=actor.name, action="retired", slug=slug, detail={"message": message}
    )
