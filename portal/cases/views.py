"""Mijn zaken: the resident's cases, one case with its timeline, documents, messages and tasks."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, current_app, render_template, request, send_file, url_for
from flask_babel import ngettext

from portal import once
from portal.appointments.present import case_appointments
from portal.auth.resident import current_resident, resident_required
from portal.cases import planning, service
from portal.cases.conversation import answered_on, conversation
from portal.cases.forms import MessageForm, TaskAnswerForm
from portal.cases.summaries import summarize
from portal.db import get_session
from portal.i18n import local_today
from portal.limits import message_limit, task_answer_limit
from portal.pagecache import personal_page
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
@personal_page
def index():
    status_filter = request.args.get("toon", "alle")
    if status_filter not in queries.FILTERS:
        status_filter = "alle"
    number = queries.page_number(request.args.get("pagina"))
    page = queries.resident_cases(current_resident().bsn, status_filter, number)
    return render_template(
        "cases/list.html", page=page, status_filter=status_filter, cases=summarize(page.items, local_today())
    )


def _render_case(zaak, message_form=None, status_code=200):
    today = local_today()
    messages = queries.messages(zaak)
    queries.mark_read(messages)
    documents, tasks = queries.documents(zaak, for_resident=True), queries.tasks(zaak)
    shown = [entry.at for entry in conversation(messages, tasks, documents)]
    seen_before = seen.resident_saw(zaak, newest=max([*shown, zaak.status_gezet_op or zaak.registratiedatum]))
    return render_template(
        "cases/detail.html",
        zaak=zaak,
        today=today,
        steps=planning.timeline(zaak, today),
        expected=planning.expected_end(zaak, today),
        late=planning.is_late(zaak, today),
        planned=planning.planned_end(zaak, today),
        delayed=planning.is_delayed(zaak, today),
        legal=planning.legal_end(zaak, today),
        documents=documents,
        tasks=tasks,
        answered_on=answered_on(zaak, tasks),
        entries=conversation(messages, tasks, documents, seen_before=seen_before),
        new_step=bool(seen_before and zaak.status_gezet_op and zaak.status_gezet_op > seen_before),
        form=message_form or MessageForm(formdata=None),
        has_errors=bool(message_form and message_form.errors),
        appointments=case_appointments(zaak.id),
    ), status_code


@bp.get("/<reference>")
@resident_required
@personal_page
def detail(reference: str):
    return _render_case(_own_case(reference))


@bp.post("/<reference>/berichten")
@resident_required
@message_limit
def send_message(reference: str):
    zaak = _own_case(reference)
    form = MessageForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return _render_case(zaak, form, 400)

    def act():
        service.message_from_resident(get_session(), zaak, onderwerp=form.onderwerp.data, tekst=form.tekst.data)
        return (
            url_for("cases.detail", reference=zaak.identificatie, _anchor="gesprek"),
            ngettext(
                "Uw bericht is verstuurd. We antwoorden binnen %(num)s werkdag. U leest ons antwoord op deze pagina.",
                "Uw bericht is verstuurd. We antwoorden binnen %(num)s werkdagen. U leest ons antwoord op deze pagina.",
                current_app.config["ANSWER_WORKING_DAYS"],
            ),
        )

    return once.submit(form, act)


@bp.get("/<reference>/documenten/<int:document_id>")
@resident_required
def document(reference: str, document_id: int):
    zaak = _own_case(reference)
    found = queries.document_with_content(zaak, document_id, for_resident=True)
    if found is None:
        abort(404)
    return send_file(
        BytesIO(found.inhoud), mimetype=found.formaat, as_attachment=True, download_name=found.bestandsnaam, max_age=0
    )


@bp.route("/<reference>/taken/<int:task_id>", methods=["GET", "POST"])
@resident_required
@task_answer_limit
def task(reference: str, task_id: int):
    zaak = _own_case(reference)
    taak = queries.task(zaak, task_id)
    if taak is None:
        abort(404)
    form = TaskAnswerForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    # An answer to a task that is no longer open (another tab, a moment ago) is a 409 that shows the first answer.
    status = 409 if form.is_submitted() and not taak.is_open else 200
    if taak.is_open and form.validate_on_submit():
        try:
            return once.submit(form, lambda: _answer(zaak, taak, form))
        except service.TaskAlreadyAnswered:  # it was answered while we checked this one (409 rolls back)
            status = 409
    status = 400 if form.errors else status
    return render_template(
        "cases/task.html",
        zaak=zaak,
        taak=taak,
        form=form,
        has_errors=bool(form.errors),
        already_answered=status == 409,
        documents=[d for d in queries.documents(zaak, for_resident=True) if d.taak_id == taak.id],
    ), status


def _answer(zaak, taak, form):
    service.answer_task(get_session(), zaak, taak, antwoord=form.antwoord.data or "", files=form.checked_files)
    return url_for("cases.detail", reference=zaak.identificatie), ngettext(
        "Bedankt. We hebben uw antwoord gekregen. We kijken ernaar binnen %(num)s werkdag. "
        "Daarna gaan we verder met uw aanvraag.",
        "Bedankt. We hebben uw antwoord gekregen. We kijken ernaar binnen %(num)s werkdagen. "
        "Daarna gaan we verder met uw aanvraag.",
        current_app.config["ANSWER_WORKING_DAYS"],
    )
