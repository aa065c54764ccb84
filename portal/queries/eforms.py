"""The e-form runner's drafts, their files and submissions. Adds and flushes; the request commits."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.db import get_session, utcnow
from portal.models.cases import Zaak
from portal.models.eforms import DraftFile, FormDraft, FormSubmission
from portal.models.forms import FormVersion
from portal.models.notifications import OutboxMessage


def new_draft(
    db: Session, *, owner: str, version_id: int, slug: str, prefill: dict, keep_days: int, first_step: str
) -> FormDraft:
    now = utcnow()
    draft = FormDraft(
        public_id=secrets.token_urlsafe(16)[:22],
        owner=owner,
        form_version_id=version_id,
        slug=slug,
        answers={},
        prefill=prefill,
        current_step=first_step,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=keep_days),
    )
    db.add(draft)
    db.flush()
    return draft


def lock_owner(owner: str) -> None:
    """Make one owner's draft starts wait for each other until the request commits (two tabs press
    "Beginnen" at once). PostgreSQL: a transaction lock on the owner. SQLite needs none: a writing request
    holds the database's one write lock from its first statement (BEGIN IMMEDIATE, portal/db.py)."""
    db = get_session()
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"draft-start:{owner}"})


def fresh_draft(owner: str, version_id: int, since: datetime, answered: frozenset[str]) -> FormDraft | None:
    """The owner's newest open draft of this version made since `since` that holds no answers beyond
    `answered` (a start made a moment ago, in another tab or by the first of two clicks), or None."""
    drafts = get_session().scalars(
        select(FormDraft)
        .where(
            FormDraft.owner == owner,
            FormDraft.form_version_id == version_id,
            FormDraft.submitted_at.is_(None),
            FormDraft.created_at >= since,
        )
        .order_by(FormDraft.created_at.desc(), FormDraft.id.desc())
        .limit(5)
    )
    return next((draft for draft in drafts if set(draft.answers or {}) <= answered), None)


def draft_by_public_id(public_id: str) -> FormDraft | None:
    if not public_id or len(public_id) > 32:
        return None
    return get_session().scalar(select(FormDraft).where(FormDraft.public_id == public_id))


# Built once: the statement is the same on every runner page, only the id differs.
_DRAFT_WITH_HASH = (
    select(FormDraft, FormVersion.content_hash)
    .join(FormVersion, FormVersion.id == FormDraft.form_version_id)
    .where(FormDraft.public_id == bindparam("public_id"))
)


def draft_with_version_hash(public_id: str) -> tuple[FormDraft, str] | None:
    """The draft and the content hash of the form version it is pinned to, in one query (every runner page)."""
    if not public_id or len(public_id) > 32:
        return None
    row = get_session().execute(_DRAFT_WITH_HASH, {"public_id": public_id}).first()
    return None if row is None else (row[0], row[1] or "")


def save_answers(draft: FormDraft, answers: dict, current_step: str) -> None:
    """Store the whole map again: a JSON column only notices a new value, not a change inside the old one.
    The same answers on the same step (a step posted again unchanged, a second tab) write nothing: the row,
    its `updated_at` and the resident's page versions stay as they are."""
    if draft.answers == answers and draft.current_step == current_step:
        return
    draft.answers = dict(answers)
    draft.current_step = current_step
    draft.updated_at = utcnow()
    get_session().flush()


def put_file(draft: FormDraft, field_id: str, *, filename: str, content_type: str, content: bytes) -> None:
    """The file of this question (a new upload replaces the one before)."""
    db = get_session()
    db.execute(delete(DraftFile).where(DraftFile.draft_id == draft.id, DraftFile.field_id == field_id))
    db.add(
        DraftFile(
            draft_id=draft.id,
            field_id=field_id,
            filename=filename,
            content_type=content_type,
            size=len(content),
            content=content,
        )
    )
    db.flush()
    db.expire(draft, ["files"])


def drop_files(draft: FormDraft, field_ids: set[str]) -> None:
    if field_ids:
        get_session().execute(
            delete(DraftFile).where(DraftFile.draft_id == draft.id, DraftFile.field_id.in_(field_ids))
        )


def files_with_content(draft: FormDraft) -> list[DraftFile]:
    return list(
        get_session().scalars(select(DraftFile).where(DraftFile.draft_id == draft.id).order_by(DraftFile.id).options())
    )


def open_drafts_of(owner: str) -> list[FormDraft]:
    """The resident's drafts not yet sent and not expired, the newest first."""
    return list(
        get_session().scalars(
            select(FormDraft)
            .where(FormDraft.owner == owner, FormDraft.submitted_at.is_(None), FormDraft.expires_at > utcnow())
            .order_by(FormDraft.updated_at.desc())
        )
    )


def submission_of(draft: FormDraft) -> FormSubmission | None:
    return get_session().scalar(
        select(FormSubmission).where(FormSubmission.draft_id == draft.id).execution_options(populate_existing=True)
    )


def claim_submission(db: Session, draft: FormDraft, *, outcome: dict, language: str) -> FormSubmission | None:
    """Insert the draft's one submission. None when another request got there first: the unique draft id
    lets only one row in (PostgreSQL: the second insert waits for the first transaction, then fails)."""
    try:
        with db.begin_nested():
            submission = FormSubmission(
                draft_id=draft.id,
                draft_public_id=draft.public_id,
                form_version_id=draft.form_version_id,
                slug=draft.slug,
                owner=draft.owner,
                outcome=outcome,
                language=language,
            )
            db.add(submission)
    except IntegrityError:
        return None
    draft.submitted_at = submission.submitted_at or utcnow()
    db.flush()
    return submission


def link_case(db: Session, submission: FormSubmission, *, zaak_id: int | None, reference: str) -> None:
    submission.zaak_id, submission.reference = zaak_id, reference
    db.flush()


def link_callback(db: Session, submission: FormSubmission, zaak_id: int) -> None:
    submission.callback_zaak_id = zaak_id
    db.flush()


def delete_expired_drafts(db: Session, now: datetime) -> int:
    """Drafts never sent whose time is up: gone, with their files."""
    ids = list(db.scalars(select(FormDraft.id).where(FormDraft.submitted_at.is_(None), FormDraft.expires_at <= now)))
    if ids:
        db.execute(delete(DraftFile).where(DraftFile.draft_id.in_(ids)))
        db.execute(delete(FormDraft).where(FormDraft.id.in_(ids)))
    return len(ids)


def scrub_submitted(db: Session, now: datetime, grace: timedelta) -> int:
    """The portal's copy of a sent draft's personal data (answers, prefill, files) goes once the case holds
    it: the answers and files are on the case from the submit on; the draft copy waits until the aftercare
    ran (no outbox row about the case still waits: receipt, email), or the grace period passed whatever
    happened. The row stays, answerless, so a late second submit still shows the same confirmation."""
    waiting = (
        select(OutboxMessage.id)
        .where(OutboxMessage.status == "wachtend")
        .where(
            (OutboxMessage.zaak_referentie == FormSubmission.reference)
            | (OutboxMessage.recipient == FormSubmission.reference)
        )
    )
    done = (
        select(FormSubmission.draft_id)
        .where(FormSubmission.draft_id.is_not(None), FormSubmission.reference != "")
        .where(
            FormSubmission.aftercare_done_at.is_not(None)
            | ~waiting.exists()
            | (FormSubmission.submitted_at <= now - grace)
        )
    )
    ids = list(
        db.scalars(select(FormDraft.id).where(FormDraft.id.in_(done), FormDraft.personal_data_removed_at.is_(None)))
    )
    if ids:
        db.execute(delete(DraftFile).where(DraftFile.draft_id.in_(ids)))
        db.execute(
            update(FormDraft).where(FormDraft.id.in_(ids)).values(answers={}, prefill={}, personal_data_removed_at=now)
        )
    return len(ids)


def case_by_id(zaak_id: int) -> Zaak | None:
    return get_session().get(Zaak, zaak_id)


def email_queued_for(reference: str) -> bool:
    return bool(
        reference
        and get_session().scalar(
            select(OutboxMessage.id)
            .where(OutboxMessage.zaak_referentie == reference, OutboxMessage.kind.like("formulier-%"))
            .where(OutboxMessage.channel == "email")
            .limit(1)
        )
    )
