"""What a case worker does to a case: a message, a task, a document, a reason for delay (the next status, with
its confirmation step, is in status.py).

Each action is a POST that redirects back to the case; on a form error the case page is shown again with
what the case worker typed and the error.
"""

from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _

from portal.cases import service
from portal.db import get_session
from portal.staff.auth import ROLE_CASE_WORKER, staff_required
from portal.staff.forms import DelayForm, DocumentForm, StaffMessageForm, TaskForm
from portal.staff.views import bp, render_case, staff_case


def back(zaak, text: str):
    flash(text)
    return redirect(url_for("staff.case", reference=zaak.identificatie))


def _handle(reference: str, key: str, form_class, act, done: str, allowed=lambda zaak: True):
    """Validate the form of one action; on an error show the case again with what was typed."""
    zaak = staff_case(reference)
    form = form_class()
    if not allowed(zaak) or not form.validate_on_submit():
        return render_case(zaak, {key: form}, 400)
    act(zaak, form)
    return back(zaak, done)


@bp.post("/zaken/<reference>/bericht")
@staff_required(ROLE_CASE_WORKER)
def send_message(reference: str):
    return _handle(reference, "message", StaffMessageForm, lambda zaak, form: service.message_to_resident(
        get_session(), zaak, onderwerp=form.onderwerp.data, tekst=form.tekst.data, afzender=g.staff.name,
    ), _("Het bericht is verstuurd."))


@bp.post("/zaken/<reference>/taak")
@staff_required(ROLE_CASE_WORKER)
def add_task(reference: str):
    return _handle(reference, "task", TaskForm, lambda zaak, form: service.add_task(
        get_session(), zaak, titel=form.titel.data, toelichting=form.toelichting.data, uiterlijk=form.uiterlijk.data,
    ), _("De vraag staat klaar voor de inwoner."), allowed=lambda zaak: zaak.is_open)


@bp.post("/zaken/<reference>/document")
@staff_required(ROLE_CASE_WORKER)
def add_document(reference: str):
    return _handle(reference, "document", DocumentForm, lambda zaak, form: service.add_document(
        get_session(), zaak, form.checked_file, titel=form.titel.data, vertrouwelijkheid=form.vertrouwelijkheid.data,
    ), _("Het document is toegevoegd."))


@bp.post("/zaken/<reference>/vertraging")
@staff_required(ROLE_CASE_WORKER)
def record_delay(reference: str):
    return _handle(reference, "delay", DelayForm, lambda zaak, form: service.record_delay(
        get_session(), zaak, reden=form.reden.data, verwachte_einddatum=form.verwachte_einddatum.data,
    ), _("De reden is opgeslagen. De inwoner ziet hem ook."))
