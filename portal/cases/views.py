"""Mijn zaken: the resident's cases, one case with its timeline, documents, messages and tasks."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from portal.auth.resident import current_resident, resident_required
from portal.cases import planning, service
from portal.cases.conversation import answered_on, conversation
from portal.cases.forms import MessageForm, TaskAnswerForm
from portal.cases.summaries import summarize
from portal.db import get_session
from portal.i18n import local_today
from portal.queries import cases as queries
from portal.queries import seen

bp = Blueprint("cases", __name__, url_prefix="/mijn-zaken")


def _own_case(reference: str):
    """The resident's own case, or 404: the same answer for a case that is someone else's or does not exist."""
    zaak = queries.resident_case(current_resident().bsn, reference)
    if zaak is None:
        abort(404)
    return zaak


@bp.get("")
@resident_required
def index():
    status_filter = request.args.get("toon", "alle")
    if status_filter not in queries.FILTERS:
        status_filter = "alle"
    number = queries.page_number(request.args.get("pagina"))
    page = queries.resident_cases(current_resident().bsn, status_filter, number)
    return render_template("cases/list.html", page=page, status_filter=status_filter,
                           cases=summarize(page.items, local_today()))


def _render_case(zaak, message_form=None, status_code=200):
    today = local_today()
    service.mark_messages_read(get_session(), zaak)
    seen_before = seen.resident_saw(zaak)
    documents, tasks = queries.documents(zaak, for_resident=True), queries.tasks(zaak)
    return render_template(
        "cases/detail.html", zaak=zaak, today=today, steps=planning.timeline(zaak, today),
        expected=planning.expected_end(zaak, today), late=planning.is_late(zaak, today),
        documents=documents, tasks=tasks, answered_on=answered_on(zaak, tasks),
        entries=conversation(queries.messages(zaak), tasks, documents, seen_before=seen_before),
        new_step=bool(seen_before and zaak.status_gezet_op and zaak.status_gezet_op > seen_before),
        form=message_form or MessageForm(formdata=None), has_errors=bool(message_form and message_form.errors),
    ), status_code


@bp.get("/<reference>")
@resident_required
def detail(reference: str):
    return _render_case(_own_case(reference))


@bp.post("/<reference>/berichten")
@resident_required
def send_message(reference: str):
    zaak = _own_case(reference)
    form = MessageForm()
    if not form.validate_on_submit():
        return _render_case(zaak, form, 400)
    service.message_from_resident(get_session(), zaak, onderwerp=form.onderwerp.data, tekst=form.tekst.data)
    flash(_("Uw bericht is verstuurd. U krijgt snel antwoord."))
    return redirect(url_for("cases.detail", reference=zaak.identificatie, _anchor="gesprek"))


@bp.get("/<reference>/documenten/<int:document_id>")
@resident_required
def document(reference: str, document_id: int):
    zaak = _own_case(reference)
    found = queries.document_with_content(zaak, document_id, for_resident=True)
    if found is None:
        abort(404)
    return send_file(BytesIO(found.inhoud), mimetype=found.formaat, as_attachment=True,
                     download_name=found.bestandsnaam, max_age=0)


@bp.route("/<reference>/taken/<int:task_id>", methods=["GET", "POST"])
@resident_required
def task(reference: str, task_id: int):
    zaak = _own_case(reference)
    taak = queries.task(zaak, task_id)
    if taak is None:
        abort(404)
    form = TaskAnswerForm()
    if taak.is_open and form.validate_on_submit():
        service.answer_task(get_session(), zaak, taak, antwoord=form.antwoord.data or "", files=form.checked_files)
        flash(_("Bedankt. We hebben uw antwoord gekregen."))
        return redirect(url_for("cases.detail", reference=zaak.identificatie))
    status = 400 if form.errors else 200
    return render_template("cases/task.html", zaak=zaak, taak=taak, form=form, has_errors=bool(form.errors),
                           documents=[d for d in queries.documents(zaak, for_resident=True) if d.taak_id == taak.id]
                           ), status
