"""After the submit: the confirmation (reference, what happens next and when) and, for a tailored request,
the hand-off to a conversation: "Maak een afspraak" (the booking, with the case attached and the product
preselected) or "Bel mij terug" (a terugbelverzoek case of its own, with its own short norm)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.appointments.flow import start_for_case
from portal.cases.callback import resident_asks_callback
from portal.db import get_session
from portal.eforms.fields.texts import format_phone
from portal.eforms.texts import loc
from portal.queries import eforms as queries


@dataclass(frozen=True)
class Confirmation:
    reference: str
    title: str
    next_steps: str
    planned_end: object  # date: the case type's service norm from the day it started
    zaak_id: int | None
    appointment_product: str | None
    offers_callback: bool
    callback_reference: str | None
    callback_planned_end: object
    email_sent: bool


def confirmation(form, draft) -> Confirmation | None:
    submission = queries.submission_of(draft)
    if submission is None:
        return None
    rule, lang = submission.outcome or {}, submission.language
    hand_off = rule.get("hand_off") or {}
    zaak = queries.case_by_id(submission.zaak_id) if submission.zaak_id else None
    callback = queries.case_by_id(submission.callback_zaak_id) if submission.callback_zaak_id else None
    logged_in = current_user.is_authenticated
    choices = hand_off.get("choices", []) if logged_in else []
    return Confirmation(
        reference=submission.reference,
        title=loc((rule.get("confirmation") or {}).get("title"), lang) or loc(form.definition["title"], lang),
        next_steps=loc((rule.get("confirmation") or {}).get("next_steps"), lang),
        planned_end=zaak.einddatum_gepland if zaak else None,
        zaak_id=submission.zaak_id,
        appointment_product=hand_off.get("appointment_product") if "appointment" in choices else None,
        offers_callback="callback" in choices,
        callback_reference=callback.identificatie if callback else None,
        callback_planned_end=callback.einddatum_gepland if callback else None,
        email_sent=queries.email_queued_for(submission.reference),
    )


def start_appointment(form, draft, done: Confirmation) -> str:
    """The booking for the case; the place the resident chose in the form (`appointment_location_from`,
    the question whose answer is `thuis` or `gemeentehuis`) comes preselected."""
    back = url_for("eforms.sent", slug=form.slug, draft_id=draft.public_id)
    rule = queries.submission_of(draft).outcome or {}
    question = (rule.get("hand_off") or {}).get("appointment_location_from")
    visit_type = (draft.answers or {}).get(question) if question else None
    return start_for_case(done.appointment_product, done.zaak_id, back, visit_type=visit_type)


def known_phone(draft) -> str:
    """The number the resident gave in the form (stored as E.164), else the one she gave us before."""
    answered = (draft.answers or {}).get("telefoonnummer")
    if isinstance(answered, str) and answered:
        return format_phone(answered)
    return ((draft.prefill or {}).get("contact") or {}).get("phone", "")


def ask_callback(form, draft, done: Confirmation, callback_form) -> tuple[str, str]:
    db = get_session()
    day_part = str(dict(callback_form.dagdeel.choices)[callback_form.dagdeel.data])
    zaak = resident_asks_callback(
        db,
        bsn=current_user.bsn,
        onderwerp=f"Terugbellen over {done.reference}",
        telefoon=callback_form.telefoon.data,
        tekst=f"Voorkeur: {day_part}. Gevraagd na het formulier {loc(form.definition['title'], 'nl')}.",
    )
    queries.link_callback(db, queries.submission_of(draft), zaak.id)
    return url_for("eforms.sent", slug=form.slug, draft_id=draft.public_id), _(
        "We bellen u terug. Het nummer van uw vraag is %(reference)s.", reference=zaak.identificatie
    )
