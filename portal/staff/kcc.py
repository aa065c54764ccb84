"""The KCC's caller page: who is calling (name and date of birth, to check), their cases and contacts, a contact
note on a case or without one, and a callback request for a colleague.

The BSN of the caller travels once in a POST (the lookup) and then stays in the server-side session, never in a
URL. Every BRP read and every lookup is in the processing log.
"""

from __future__ import annotations

from functools import wraps

from flask import flash, g, redirect, render_template, session, url_for
from flask_babel import gettext as _

from portal import once
from portal.cases.callback import request_callback
from portal.cases.summaries import summarize
from portal.db import get_session
from portal.i18n import local_today
from portal.integrations.person import FIELDS_CALLER
from portal.queries import cases as queries
from portal.queries import klantcontact
from portal.staff.auth import ROLE_KCC, staff_required
from portal.staff.kcc_forms import NO_CASE, CallbackForm, ContactNoteForm, case_choices
from portal.staff.resident import who_is
from portal.staff.views import bp

CALLER = "kcc_bsn"


def _render_caller(bsn: str, forms: dict | None = None, status_code: int = 200):
    forms = forms or {}
    found = summarize(queries.cases_of(bsn), local_today())
    note_form = forms.get("note") or ContactNoteForm(formdata=None)
    note_form.zaak.choices = case_choices(found)
    return render_template(
        "staff/caller.html",
        found=found,
        note_form=note_form,
        callback_form=forms.get("callback") or CallbackForm(formdata=None),
        contacts=klantcontact.contacts_of(bsn),
        who=who_is(bsn, staff_sub=g.staff.sub, fields=FIELDS_CALLER, purpose="inwoner herkennen aan de telefoon (KCC)"),
        has_errors=any(form.errors for form in forms.values()),
    ), status_code


def with_caller(view):
    """KCC only, for the resident looked up last; without one, the KCC member looks someone up first."""

    @staff_required(ROLE_KCC)
    @wraps(view)
    def wrapper():
        bsn = session.get(CALLER)
        return view(bsn) if bsn else redirect(url_for("staff.lookup"))

    return wrapper


@bp.get("/kcc/inwoner")
@with_caller
def caller(bsn: str):
    return _render_caller(bsn)


@bp.post("/kcc/inwoner/contact")
@with_caller
def contact_note(bsn: str):
    form = ContactNoteForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    form.zaak.choices = case_choices(summarize(queries.cases_of(bsn), local_today()))
    if not form.validate_on_submit():
        return _render_caller(bsn, {"note": form}, 400)

    def act():
        zaak_id = klantcontact.own_case_id(bsn, form.zaak.data) if form.zaak.data != NO_CASE else None
        klantcontact.add_contact(
            bsn=bsn,
            zaak_id=zaak_id,
            kanaal=form.kanaal.data,
            onderwerp=form.onderwerp.data,
            tekst=form.tekst.data,
            staff_sub=g.staff.sub,
            staff_name=g.staff.name,
        )
        return url_for("staff.caller"), _("Het klantcontact is opgeslagen.")

    return once.submit(form, act)


@bp.post("/kcc/inwoner/terugbellen")
@with_caller
def callback_request(bsn: str):
    form = CallbackForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return _render_caller(bsn, {"callback": form}, 400)

    def act():
        zaak = request_callback(
            get_session(),
            bsn=bsn,
            onderwerp=form.onderwerp.data,
            telefoon=form.telefoon.data,
            tekst=form.tekst.data,
            staff_sub=g.staff.sub,
            staff_name=g.staff.name,
        )
        return url_for("staff.caller"), _(
            "Een collega belt de inwoner binnen twee dagen terug. Het nummer is %(reference)s.",
            reference=zaak.identificatie,
        )

    return once.submit(form, act)


@bp.post("/kcc/klaar")
@staff_required(ROLE_KCC)
def caller_done():
    session.pop(CALLER, None)
    flash(_("Het gesprek is klaar. Zoek nu de volgende inwoner op."))
    return redirect(url_for("staff.lookup"))
