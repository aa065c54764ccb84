"""What a case worker does to a case: a message, a task, a document, a reason for delay (the next status, with
its confirmation step, is in status.py).

Each action is a POST that redirects back to the case; on a form error the case page is shown again with
what the case worker typed and the error.
"""

from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from portal import once
from portal.cases import opschorting, service
from portal.db import get_session
from portal.queries import cases as queries
from portal.staff.auth import ROLE_CASE_WORKER, staff_required
from portal.staff.forms import DelayForm, DocumentForm, ExtendForm, ResumeForm, StaffMessageForm, SuspendForm, TaskForm
from portal.staff.views import bp, render_case, staff_case


def case_url(zaak) -> str:
    return url_for("staff.case", reference=zaak.identificatie)


def _handle(reference: str, key: str, form_class, act, done: str, allowed=lambda zaak: True):
    """Validate the form of one action; on an error show the case again with what was typed."""
    zaak = staff_case(reference)
    form = form_class()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not allowed(zaak) or not form.validate_on_submit():
        return render_case(zaak, {key: form}, 400)

    def act_once():
        act(zaak, form)
        return case_url(zaak), done

    return once.submit(form, act_once)


@bp.post("/zaken/<reference>/bericht")
@staff_required(ROLE_CASE_WORKER)
def send_message(reference: str):
    return _handle(
        reference,
        "message",
        StaffMessageForm,
        lambda zaak, form: service.message_to_resident(
            get_session(), zaak, onderwerp=form.onderwerp.data, tekst=form.tekst.data, afzender=g.staff.name
        ),
        _("Het bericht is verstuurd."),
    )


@bp.post("/zaken/<reference>/taak")
@staff_required(ROLE_CASE_WORKER)
def add_task(reference: str):
    return _handle(
        reference,
        "task",
        TaskForm,
        lambda zaak, form: service.add_task(
            get_session(), zaak, titel=form.titel.data, toelichting=form.toelichting.data, uiterlijk=form.uiterlijk.data
        ),
        _("De vraag staat klaar voor de inwoner."),
        allowed=lambda zaak: zaak.is_open,
    )


@bp.post("/zaken/<reference>/document")
@staff_required(ROLE_CASE_WORKER)
def add_document(reference: str):
    return _handle(
        reference,
        "document",
        DocumentForm,
        lambda zaak, form: service.add_document(
            get_session(), zaak, form.checked_file, titel=form.titel.data, vertrouwelijkheid=form.vertrouwelijkheid.data
        ),
        _("Het document is toegevoegd."),
    )


@bp.post("/zaken/<reference>/vertraging")
@staff_required(ROLE_CASE_WORKER)
def record_delay(reference: str):
    return _handle(
        reference,
        "delay",
        DelayForm,
        lambda zaak, form: service.record_delay(
            get_session(), zaak, reden=form.reden.data, verwachte_einddatum=form.verwachte_einddatum.data
        ),
        _("De reden is opgeslagen. De inwoner ziet hem ook."),
    )


# --- The term of a case: stop the clock, let it run again, extend it once (portal/cases/opschorting.py) ------


def _term_action(reference: str, key: str, form, allowed, refused: str, act):
    """Load and lock the case; check that its case type and state allow the change (else show the case again
    with `refused`, 409); validate the form (else 400); `act(zaak, form)` returns the text to show."""
    zaak = staff_case(reference)
    queries.lock_case(zaak)
    if (repeat := once.repeated(form)) is not None:  # a double click waited for the lock: show the first one
        return repeat
    if isinstance(form, ExtendForm):
        form.maximum = zaak.zaaktype.verlengingstermijn_dagen or 0
    if not allowed(zaak):
        if "reden" not in form:  # the resume button: nothing typed to keep
            flash(refused)
            return redirect(url_for("staff.case", reference=zaak.identificatie, _anchor="termijn"))
        form.validate_on_submit()
        form.reden.errors = [refused]
        return render_case(zaak, {key: form}, 409)
    if not form.validate_on_submit():
        return render_case(zaak, {key: form}, 400)
    return once.submit(form, lambda: (case_url(zaak), act(zaak, form)))


@bp.post("/zaken/<reference>/opschorten")
@staff_required(ROLE_CASE_WORKER)
def suspend(reference: str):
    def act(zaak, form):
        opschorting.suspend(get_session(), zaak, reden=form.reden.data)
        return _("De termijn staat stil. De inwoner ziet waarom.")

    return _term_action(
        reference,
        "suspend",
        SuspendForm(),
        opschorting.can_suspend,
        _("De termijn kan nu niet stilstaan. Bij deze soort aanvraag kan dat niet, of hij staat al stil."),
        act,
    )


@bp.post("/zaken/<reference>/hervatten")
@staff_required(ROLE_CASE_WORKER)
def resume(reference: str):
    def act(zaak, _form):
        days = opschorting.resume(get_session(), zaak)
        return ngettext(
            "De termijn loopt weer. De datum is %(num)s dag later.",
            "De termijn loopt weer. De datum is %(num)s dagen later.",
            days,
        )

    return _term_action(
        reference, "resume", ResumeForm(), lambda zaak: zaak.opschorting_indicatie, _("De termijn liep al."), act
    )


@bp.post("/zaken/<reference>/verlengen")
@staff_required(ROLE_CASE_WORKER)
def extend(reference: str):
    def act(zaak, form):
        opschorting.extend(get_session(), zaak, duur_dagen=form.days, reden=form.reden.data)
        return _("De termijn is verlengd. De inwoner ziet de nieuwe datum en waarom.")

    return _term_action(
        reference,
        "extend",
        ExtendForm(),
        opschorting.can_extend,
        _("U kunt de termijn niet verlengen. Bij deze soort aanvraag kan dat niet, of hij is al een keer verlengd."),
        act,
    )
