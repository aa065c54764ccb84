"""Submitting a draft: one submission, one case and its outbox rows, in the request's one unit of work.

Idempotent: the submission is unique per draft, so a double click, a retry after a timeout or a second tab
finds the first one and shows the same confirmation (same reference). Only the answers on the route are
kept (formdefs.reachable_answers); the outcome is the first rule that holds (formdefs.outcome).
A preview never writes: it only says which outcome would be taken.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.cases import service
from portal.cases.uploads import CheckedFile
from portal.db import utcnow
from portal.eforms import aftercare
from portal.eforms.fields import FieldContext
from portal.eforms.runner import Form, check_rows
from portal.eforms.texts import loc
from portal.formdefs import outcome, reachable_answers
from portal.queries import eforms as queries
from portal.queries.cases import newest_zaaktype

log = logging.getLogger("portal.eforms")


class NotReady(ValueError):
    """The route does not end at check answers (a step is not done, or it ends at an exit page)."""


@dataclass(frozen=True)
class Submitted:
    reference: str
    rule: dict
    zaak_id: int | None
    first: bool  # False: an earlier request made it (a repeat shows the same confirmation)
    preview: bool = False


def _rule(form: Form, draft_answers: dict, prefill: dict) -> dict:
    rule = outcome(form.definition, draft_answers, prefill)
    if rule is None:
        raise NotReady("route not complete")
    return dict(rule)


def preview_submit(form: Form, answers: dict, prefill: dict) -> Submitted:
    """What a submit would do, without a submission, a case or an outbox row."""
    return Submitted(reference="", rule=_rule(form, answers, prefill), zaak_id=None, first=True, preview=True)


def submit(db: Session, form: Form, draft, *, bsn: str | None, ctx: FieldContext, email: str | None) -> Submitted:
    earlier = queries.submission_of(draft)
    if earlier is not None:
        return Submitted(earlier.reference, earlier.outcome, earlier.zaak_id, first=False)
    rule = _rule(form, draft.answers, draft.prefill)
    submission = queries.claim_submission(db, draft, outcome=rule, language=ctx.lang)
    if submission is None:  # another request submitted this draft a moment ago: its result stands
        earlier = queries.submission_of(draft)
        log.info("eform submit repeated: draft already submitted by a concurrent request")
        return Submitted(earlier.reference, earlier.outcome, earlier.zaak_id, first=False)
    kept = reachable_answers(form.definition, draft.answers, draft.prefill)
    zaak = _open_case(db, form, rule, bsn, ctx.lang)
    _attach(db, form, draft, zaak, kept, ctx)
    queries.link_case(db, submission, zaak_id=zaak.id, reference=zaak.identificatie)
    queries.save_answers(draft, kept, draft.current_step)  # answers on steps no longer on the route are gone
    receipt = _receipt(form, rule, zaak.identificatie, kept, draft.prefill, ctx, on_mijn_zaken=bool(bsn))
    aftercare.enqueue_after_submit(db, submission_id=submission.id, zaak_id=zaak.id, receipt=receipt, email=email)
    return Submitted(zaak.identificatie, rule, zaak.id, first=True)


def _open_case(db: Session, form: Form, rule: dict, bsn: str | None, lang: str):
    zaaktype = newest_zaaktype(rule["zaaktype"])
    if zaaktype is None:
        raise LookupError(f"case type {rule['zaaktype']} is not loaded (flask --app wsgi load-casetypes)")
    title = loc(form.definition["title"], "nl")
    return service.open_case(db, zaaktype, bsn or "", omschrijving=f"E-formulier: {title}"[:200])


def _attach(db: Session, form: Form, draft, zaak, kept: dict, ctx: FieldContext) -> None:
    """The answers as structured data (a JSON document on the case), and each uploaded file on the route."""
    data = {
        "formulier": form.slug,
        "form_version_id": draft.form_version_id,
        "verstuurd_op": utcnow().isoformat(timespec="seconds"),
        "antwoorden": kept,
        "vooraf_ingevuld": {"bron": _sources(draft.prefill), "opgehaald_op": draft.prefill.get("fetched_at")},
    }
    content = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()
    answers = CheckedFile(filename="antwoorden.json", content_type="application/json", content=content)
    _add(db, zaak, answers, "Antwoorden van het formulier")
    for upload in queries.files_with_content(draft):
        if upload.field_id in kept:
            _add(db, zaak, CheckedFile(upload.filename, upload.content_type, upload.content), upload.filename)


def _add(db: Session, zaak, upload: CheckedFile, titel: str) -> None:
    """On the case as the resident's own document, as the resident's uploads to a task are."""
    service.add_document(db, zaak, upload, titel=titel[:200], vertrouwelijkheid="zaakvertrouwelijk", auteur="inwoner")


def _sources(prefill: dict) -> list[str]:
    return [source for source in ("brp", "contact") if prefill.get(source)]


def _receipt(
    form: Form, rule: dict, reference: str, kept: dict, prefill: dict, ctx: FieldContext, *, on_mijn_zaken: bool
):
    rows = check_rows(form, kept, prefill, ctx)
    confirmation = rule.get("confirmation") or {}
    return aftercare.ReceiptData(
        title=loc(form.definition["title"], ctx.lang),
        reference=reference,
        submitted_at=utcnow(),
        lang=ctx.lang,
        sections=[(loc(form.definition["title"], ctx.lang), _receipt_rows(rows))],
        next_steps=loc(confirmation.get("next_steps"), ctx.lang),
        on_mijn_zaken=on_mijn_zaken,
    )


def _receipt_rows(rows) -> list[tuple[str, str]]:
    """Label and answer per row; a repeating group gives one row per entry, its answers on one line."""
    flat = []
    for row in rows:
        if not row.entries:
            flat.append((row.label, row.value))
            continue
        for index, answers in row.entries:
            flat.append((f"{row.label} ({index + 1})", "; ".join(f"{label}: {value}" for label, value in answers)))
    return flat
