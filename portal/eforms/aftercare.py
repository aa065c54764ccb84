"""After an e-form is submitted: the PDF receipt on the case, and a confirmation email without any answers.

`enqueue_after_submit()` adds outbox rows in the submission's own unit of work (it never commits), so they
exist exactly when the submission and its case were committed. The outbox worker (portal/outbox_worker.py)
then does the work, one row per transaction, with its usual retries and backoff; a row that gives up shows
on the staff page "E-mails die niet zijn verstuurd" and can be sent again from there. The resident never has
to submit again.

- channel "zaak", kind `formulier-bewijs`: make the PDF and put it on the case as a Document (the resident sees it
  on the case page). The recipient is the case's reference. A retry finds the receipt on the case and adds
  nothing, so the case never holds it twice.
- channel "email", kind `formulier-ontvangen`: the B1 confirmation in the receipt's language. It carries no
  answers and no attachment: a mailbox is not a safe place for them (a Wmo request's answers are health data,
  and the house rule is no BSN or personal data in emails). It says the reference, what happens next and where
  the receipt is. The subject names only the reference, not the form (a subject shows on a locked phone).
  - A logged-in resident: the receipt with the answers is on the case in Mijn zaken; the email links there
    (the link names the reference only, and opens after the DigiD login).
  - A form without login (a melding openbare ruimte): the case is not in anyone's Mijn zaken, so the email does
    not point there. What such a resident needs is proof that the report arrived and a way to ask about it: the
    reference, what happens next, and the phone number to call with that reference. The answers (a place, a
    description, a photo) stay with the municipality: staff have the receipt on the case, and the resident saw
    them on the check-answers page before sending.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal.cases.service import add_document
from portal.cases.uploads import CheckedFile
from portal.config import public_url
from portal.db import get_session
from portal.eforms.receipt import ReceiptData, document_title, make_pdf
from portal.notifications import Attachment, Outgoing, message_id
from portal.queries import aftercare as queries
from portal.queries.cases import case_by_reference

__all__ = ["ReceiptData", "compose_aftercare", "enqueue_after_submit", "forget_delivered", "is_done"]

RECEIPT, CONFIRMATION = "formulier-bewijs", "formulier-ontvangen"
KINDS = (RECEIPT, CONFIRMATION)
CASE_CHANNEL = "zaak"
PDF = "application/pdf"
MAX_ADDRESS = 320  # RFC 5321's limit, and OutboxMessage.recipient's length


class CaseMissing(LookupError):
    """The case of a receipt is gone (deleted after the submission): retried, then given up and visible to staff."""


def enqueue_after_submit(
    db: Session, *, submission_id: int, zaak_id: int, receipt: ReceiptData, email: str | None
) -> None:
    """Queue the receipt for the case and, with an email address, the confirmation email. Adds and flushes in
    the caller's transaction, never commits. A second call for the same submission adds nothing."""
    if queries.has_tasks(db, submission_id):
        return
    reference = queries.case_reference(db, zaak_id)
    if reference is None:
        raise CaseMissing(zaak_id)
    common = {"reference": reference, "submission_id": submission_id, "zaak_id": zaak_id}
    payload = receipt.to_payload()
    queries.add_task(
        db, task="zaakdocument", channel=CASE_CHANNEL, recipient=reference, kind=RECEIPT, receipt=payload, **common
    )
    address = (email or "").strip()
    if 0 < len(address) <= MAX_ADDRESS:  # the form checked the address; a longer one cannot be an address
        queries.add_task(
            db, task="email", channel="email", recipient=address, kind=CONFIRMATION, receipt=payload, **common
        )


def is_done(db: Session, submission_id: int) -> bool:
    """Whether the receipt is on the case and the email is out (or nothing was queued): then the portal's own
    copy of the answers may go (the runner's `flask forms cleanup`)."""
    return queries.pending_count(db, submission_id) == 0


def forget_delivered(db: Session) -> int:
    """Delete the answers kept for rows that are done; returns how many. For the scheduled cleanup; no commit."""
    return queries.forget_delivered(db)


def _receipt_of(message) -> tuple[ReceiptData, int]:
    task = queries.task_of(message.id)
    if task is None:
        raise LookupError(f"outbox message {message.id} has no aftercare task")
    return ReceiptData.from_payload(task.receipt), task.zaak_id


def _pdf(data: ReceiptData, zaak_id: int) -> bytes:
    """The receipt on the case when it is there already (the email then carries the same file), else a new one."""
    document = queries.receipt_document(zaak_id, data.filename)
    return document.inhoud if document is not None else make_pdf(data)


def compose_aftercare(message) -> Outgoing:
    """What the worker sends for an aftercare row (called by portal.notifications.compose)."""
    data, zaak_id = _receipt_of(message)
    if message.kind == RECEIPT:
        attachment = Attachment(filename=data.filename, content_type=PDF, content=_pdf(data, zaak_id))
        return Outgoing(
            recipient=message.recipient,
            subject=document_title(data),
            body="",
            message_id=message_id(message),
            attachments=(attachment,),
        )
    subject, body = confirmation_text(data, message.zaak_referentie)
    return Outgoing(recipient=message.recipient, subject=subject, body=body, message_id=message_id(message))


# The name the runner's stand-in gave this hook in portal.notifications.compose: either hunk works at merge.
compose_form_email = compose_aftercare


def confirmation_text(data: ReceiptData, case_reference: str | None) -> tuple[str, str]:
    """The confirmation email in the receipt's language: the reference, what happens next, where to look.
    No answers: see the module's docstring."""
    with force_locale(data.lang):
        lines = [
            _("Beste inwoner,"),
            "",
            _("Wij hebben uw formulier goed gekregen: %(title)s.", title=data.title),
            _("Het nummer is %(reference)s. Noem dit nummer als u ons iets vraagt.", reference=data.reference),
            "",
            _("Wat gebeurt er nu?"),
            data.next_steps,
            "",
            _("Uw antwoorden sturen we niet mee in deze e-mail. Zo blijven uw gegevens veilig."),
            *_where_to_look(data, case_reference),
            "",
            data.municipality_name(),
        ]
        subject = _("Wij hebben uw formulier gekregen (%(reference)s)", reference=data.reference)
    return subject, "\n".join(lines)


def _where_to_look(data: ReceiptData, case_reference: str | None) -> list[str]:
    if not data.on_mijn_zaken:
        phone = current_app.config["MUNICIPALITY_PHONE"]
        return [
            _("Wilt u iets vragen over uw formulier? Bel ons dan op %(phone)s.", phone=phone),
            _(
                "Dat kan op werkdagen van %(opens)s tot %(closes)s uur.",
                opens=current_app.config["MUNICIPALITY_PHONE_OPENS"],
                closes=current_app.config["MUNICIPALITY_PHONE_CLOSES"],
            ),
        ]
    return [
        _("Het ontvangstbewijs met uw antwoorden staat bij uw aanvraag in Mijn zaken. Log daarvoor in met DigiD:"),
        public_url(f"/mijn-zaken/{case_reference}" if case_reference else "/mijn-zaken"),
    ]


def attach_to_case(outgoing: Outgoing) -> None:
    """The "zaak" channel: put the receipt on the case whose reference is the recipient, once."""
    zaak = case_by_reference(outgoing.recipient)
    if zaak is None:
        raise CaseMissing(outgoing.recipient)
    for item in outgoing.attachments:
        if queries.receipt_document(zaak.id, item.filename) is not None:
            continue  # a retry after a crash between attaching and committing, or a resend by staff
        upload = CheckedFile(filename=item.filename, content_type=item.content_type, content=item.content)
        add_document(get_session(), zaak, upload, titel=outgoing.subject[:200], vertrouwelijkheid="zaakvertrouwelijk")
