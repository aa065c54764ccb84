"""The e-form runner's pages: start → one step per page → check answers → sent (and the exit pages).

Load → check → validate → act → redirect. The state is the draft on the server; the route is recomputed
from its answers on every request, so a step that is not on the route redirects to the first one not done.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, redirect, render_template, request, url_for

from portal import once
from portal.db import get_session
from portal.eforms import access, first, flow, stepcache
from portal.eforms.forms import BeginForm, CallbackForm, SendForm
from portal.eforms.pages import context, lang, render_step, step_view
from portal.eforms.runner import CHECK_ANSWERS, check_rows, on_route, where_to
from portal.eforms.submit import NotReady, submit
from portal.limits import limit

bp = Blueprint("eforms", __name__)
log = logging.getLogger("portal.eforms")
PUBLIC_ENDPOINTS = {f"eforms.{name}" for name in ("start", "begin", "resume", "step", "exit_page", "check", "sent")}
PUBLIC_ENDPOINTS |= {"eforms.first_question", "eforms.appointment", "eforms.callback"}


@bp.context_processor
def _language():
    return {"lang": lang()}


eform_limit = limit("RATELIMIT_EFORMS", access.owner_key, ["POST"])


@bp.get("/formulier/<slug>")
def start(slug: str):
    return _start_page(flow.live_form_or_404(slug))


def _start_page(form, status: int = 200):
    """A retired form's start page says where to go instead, and has no "Beginnen" button."""
    level, retired = access.needed_level(form.definition), flow.retired(form.slug)
    page = render_template("eforms/start.html", form=form, level=level, retired=retired, begin=BeginForm())
    return page, status


@bp.post("/formulier/<slug>")
@eform_limit
def begin(slug: str):
    form = flow.live_form_or_404(slug)
    if flow.retired(slug) is not None:
        log.info("eform start refused: the form is retired", extra={"form": slug})
        return _start_page(form, 410)
    if (gate := access.login_gate(form.definition, first.login_returns_to(form))) is not None:
        return gate
    started = BeginForm()
    if (repeat := once.repeated(started)) is not None:
        return repeat
    return once.submit(started, lambda: (first.begin(form), ""))


@bp.route("/formulier/<slug>/eerste-vraag", methods=["GET", "POST"])
@eform_limit
def first_question(slug: str):
    """Back from DigiD after "Beginnen": the first question at once; its valid POST makes the draft."""
    form = flow.live_form_or_404(slug)
    if (gate := access.login_gate(form.definition, first.login_returns_to(form))) is not None:
        return gate
    step = first.first_step(form)
    if step is None:
        return redirect(url_for("eforms.start", slug=slug))
    if request.method == "GET":
        return first.show(form, step)
    answered = BeginForm()
    if (repeat := once.repeated(answered)) is not None:
        return repeat
    if (refused := first.refusal(form, step)) is not None:
        return refused
    return once.submit(answered, lambda: (first.answer(form, step), ""))


@bp.get("/formulier/<slug>/<draft_id>")
def resume(slug: str, draft_id: str):
    """ "Verder gaan": the step where the resident was (or the first one not done, if that moved)."""
    form, draft, refusal = flow.load(slug, draft_id)
    if refusal is not None:
        return refusal
    target = draft.current_step if on_route(form, draft.answers, draft.prefill, draft.current_step) else None
    return redirect(flow.url_of(form, draft, target or where_to(form, draft.answers, draft.prefill)))


@bp.route("/formulier/<slug>/<draft_id>/<step_id>", methods=["GET", "POST"])
@eform_limit
@stepcache.cached_step
def step(slug: str, draft_id: str, step_id: str):
    form, draft, refusal = flow.load(slug, draft_id)
    if refusal is not None:
        return refusal
    current = form.step(step_id)
    if current is None or not on_route(form, draft.answers, draft.prefill, step_id):
        log.info("eform step not on the route: sent to the first step not done", extra={"form": slug})
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    if request.method == "POST":
        return flow.post_step(form, draft, current)
    view = step_view(form, current, draft.answers, draft.prefill)
    return render_step(form, draft.public_id, view, changing=flow.changing())


@bp.get("/formulier/<slug>/<draft_id>/kan-niet-verder/<exit_id>")
def exit_page(slug: str, draft_id: str, exit_id: str):
    form, draft, refusal = flow.load(slug, draft_id)
    if refusal is not None:
        return refusal
    if where_to(form, draft.answers, draft.prefill) != f"exit:{exit_id}" or form.exit(exit_id) is None:
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    walked_back = flow.last_step(form, draft)
    return render_template("eforms/exit.html", form=form, draft=draft, page=form.exit(exit_id), back=walked_back)


@bp.route("/formulier/<slug>/<draft_id>/controleren", methods=["GET", "POST"])
@eform_limit
def check(slug: str, draft_id: str):
    form, draft, refusal = flow.load(slug, draft_id)
    if refusal is not None:
        return refusal
    if draft.submitted_at is not None:
        return redirect(url_for("eforms.sent", slug=slug, draft_id=draft.public_id))
    if where_to(form, draft.answers, draft.prefill) != CHECK_ANSWERS:
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    send = SendForm()
    if (repeat := once.repeated(send)) is not None:
        return repeat
    if send.validate_on_submit():
        return once.submit(send, lambda: _send(form, draft))
    rows = check_rows(form, draft.answers, draft.prefill, context(draft.prefill, form))
    page = render_template(
        "eforms/check.html", form=form, draft=draft, rows=rows, send=send, has_errors=bool(send.errors)
    )
    return page, 400 if send.errors else 200


def _send(form, draft) -> tuple[str, str]:
    try:
        submit(
            get_session(),
            form,
            draft,
            bsn=flow.session_bsn(),
            ctx=context(draft.prefill, form),
            email=flow.email_of(form, draft),
        )
    except NotReady:
        abort(409)
    return url_for("eforms.sent", slug=form.slug, draft_id=draft.public_id), ""


@bp.get("/formulier/<slug>/<draft_id>/verstuurd")
def sent(slug: str, draft_id: str):
    form, draft, refusal = flow.load(slug, draft_id, allow_submitted=True)
    if refusal is not None:
        return refusal
    done = flow.confirmation(form, draft)
    if done is None:
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    return render_template("eforms/sent.html", form=form, draft=draft, done=done)


@bp.post("/formulier/<slug>/<draft_id>/verstuurd/afspraak")
def appointment(slug: str, draft_id: str):
    form, draft, refusal = flow.load(slug, draft_id, allow_submitted=True)
    if refusal is not None:
        return refusal
    done = flow.confirmation(form, draft)
    if done is None or not done.appointment_product:
        abort(404)
    return redirect(flow.start_appointment(form, draft, done))


@bp.route("/formulier/<slug>/<draft_id>/verstuurd/bel-mij-terug", methods=["GET", "POST"])
@eform_limit
def callback(slug: str, draft_id: str):
    form, draft, refusal = flow.load(slug, draft_id, allow_submitted=True)
    if refusal is not None:
        return refusal
    done = flow.confirmation(form, draft)
    if done is None or not done.offers_callback or done.callback_reference:
        return redirect(url_for("eforms.sent", slug=slug, draft_id=draft.public_id))
    callback_form = CallbackForm()
    if (repeat := once.repeated(callback_form)) is not None:
        return repeat
    if request.method == "GET":
        callback_form.telefoon.data = flow.known_phone(draft)
    elif callback_form.validate_on_submit():
        return once.submit(callback_form, lambda: flow.ask_callback(form, draft, done, callback_form))
    has_errors = bool(callback_form.errors)
    page = render_template(
        "eforms/callback.html", form=form, draft=draft, done=done, callback=callback_form, has_errors=has_errors
    )
    return page, 400 if has_errors else 200
