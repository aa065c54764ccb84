"""The staff preview of a concept (issue 12): the runner's own pages on the concept's definition, with
`Form(definition, preview=True)` (the "Voorbeeld" banner), for staff with the form-publisher role only.

The answers live in the staff member's session (portal/formadmin/preview.py), so a preview never writes a
draft, a case or an outbox row; "Versturen" shows which outcome would be taken (eforms.submit.preview_submit).
The runner's templates build their links with `runner_url`, which leads a preview to these pages.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal.eforms import access, flow
from portal.eforms.forms import SendForm
from portal.eforms.pages import context, lang, render_step, runner_url, step_view
from portal.eforms.runner import CHECK_ANSWERS, Form, check_rows, on_route, where_to
from portal.eforms.submit import NotReady, preview_submit
from portal.formadmin import concepts
from portal.formadmin.preview import PreviewDraft
from portal.formadmin.views import bp, load_concept, publisher_required

BASE = "/concept/<public_id>/voorbeeld"
HAND_OFF = {"appointment": _l("Een afspraak maken"), "callback": _l("Laten terugbellen")}


@bp.context_processor
def _preview_context():
    """The runner's templates need `lang`; the preview banner links back to the concept."""
    extra = {"lang": lang()}
    if (request.endpoint or "").startswith("formadmin.preview_") and request.view_args:
        extra["preview_concept_url"] = url_for("formadmin.concept", public_id=request.view_args["public_id"])
    return extra


def _load(public_id: str):
    """(preview form, preview draft, None), or (None, None, the page that says the concept has errors)."""
    concept = load_concept(public_id)
    result = concepts.check(concept.definition_yaml, concept.slug)
    if not result.ok:
        return None, None, (render_template("formadmin/preview_broken.html", concept=concept), 409)
    return Form(result.definition, preview=True), PreviewDraft(concept.public_id, concept.revision), None


@bp.get(f"{BASE}/")
@publisher_required
def preview_start(public_id: str):
    form, _draft, refusal = _load(public_id)
    if refusal is not None:
        return refusal
    return render_template("eforms/start.html", form=form, level=access.needed_level(form.definition))


@bp.post(f"{BASE}/")
@publisher_required
def preview_begin(public_id: str):
    """ "Beginnen": a fresh preview (the answers of an earlier walk through are forgotten)."""
    form, draft, refusal = _load(public_id)
    if refusal is not None:
        return refusal
    draft.reset()
    return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))


@bp.route(f"{BASE}/stap/<step_id>", methods=["GET", "POST"])
@publisher_required
def preview_step(public_id: str, step_id: str):
    form, draft, refusal = _load(public_id)
    if refusal is not None:
        return refusal
    current = form.step(step_id)
    if current is None or not on_route(form, draft.answers, draft.prefill, step_id):
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    if request.method == "POST":
        return flow.post_step(form, draft, current)
    view = step_view(form, current, draft.answers, draft.prefill)
    return render_step(form, draft.public_id, view, changing=flow.changing())


@bp.get(f"{BASE}/kan-niet-verder/<exit_id>")
@publisher_required
def preview_exit_page(public_id: str, exit_id: str):
    form, draft, refusal = _load(public_id)
    if refusal is not None:
        return refusal
    if where_to(form, draft.answers, draft.prefill) != f"exit:{exit_id}" or form.exit(exit_id) is None:
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    back = flow.last_step(form, draft)
    return render_template("eforms/exit.html", form=form, draft=draft, page=form.exit(exit_id), back=back)


@bp.route(f"{BASE}/controleren", methods=["GET", "POST"])
@publisher_required
def preview_check(public_id: str):
    form, draft, refusal = _load(public_id)
    if refusal is not None:
        return refusal
    if where_to(form, draft.answers, draft.prefill) != CHECK_ANSWERS:
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    send = SendForm()
    if send.validate_on_submit():  # no once.submit: a preview stores nothing, the outcome page is a GET
        return redirect(runner_url(form, "outcome", draft.public_id))
    rows = check_rows(form, draft.answers, draft.prefill, context(draft.prefill, form))
    page = render_template(
        "eforms/check.html", form=form, draft=draft, rows=rows, send=send, has_errors=bool(send.errors)
    )
    return page, 400 if send.errors else 200


@bp.get(f"{BASE}/uitkomst")
@publisher_required
def preview_outcome(public_id: str):
    """What "Versturen" would do: the outcome rule's case type, confirmation and hand-off choices."""
    form, draft, refusal = _load(public_id)
    if refusal is not None:
        return refusal
    try:
        done = preview_submit(form, draft.answers, draft.prefill)
    except NotReady:
        return redirect(flow.url_of(form, draft, where_to(form, draft.answers, draft.prefill)))
    hand_off = done.rule.get("hand_off") or {}
    choices = [str(HAND_OFF[choice]) for choice in hand_off.get("choices", []) if choice in HAND_OFF]
    return render_template(
        "formadmin/preview_outcome.html",
        form=form,
        concept_id=public_id,
        rule=done.rule,
        hand_off=hand_off,
        choices=choices,
        confirmation=done.rule.get("confirmation") or {},
    )
