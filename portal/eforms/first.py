"""The first step before there is a draft: where DigiD sends a resident back after "Beginnen".

"Beginnen" is a POST that makes the draft. A resident who still has to log in leaves that POST for DigiD, and
DigiD comes back with a GET, which must not make a draft. So the login returns to the form's first question,
shown without a draft; the draft is made by the POST of that question, and only when the answer is valid (an
answer with an error is shown again with what was typed, and still no draft). The resident does not have to
press "Beginnen" a second time.

Only a first step that needs nothing of a draft is shown this way: no prefill, no condition, no family members,
no upload, no repeating group. For any other form the login returns to the start page, as before.
"""

from __future__ import annotations

import logging

from flask import request, url_for

from portal.eforms.flow import post_step, start_draft, unknown_errors, url_of
from portal.eforms.forms import BeginForm
from portal.eforms.pages import context, render_step, step_view
from portal.eforms.runner import parse_questions, unknown_inputs, where_to

log = logging.getLogger("portal.eforms")
NEEDS_A_DRAFT = {"family_member", "file", "repeat"}


def first_step(form) -> dict | None:
    """The form's first step when it can be shown and answered before there is a draft; else None."""
    steps = form.definition.get("steps") or []
    step = steps[0] if steps else None
    if step is None or "show_if" in step:
        return None
    for item in step.get("fields", []):
        if item.get("prefill") or "show_if" in item or item.get("type") in NEEDS_A_DRAFT:
            return None
    return step


def login_returns_to(form) -> str:
    """Where the login after "Beginnen" comes back to."""
    if first_step(form) is None:
        return url_for("eforms.start", slug=form.slug)
    return url_for("eforms.first_question", slug=form.slug)


def show(form, step, raw=None, errors=None):
    view = step_view(form, step, {}, {}, raw=raw, errors=errors)
    post_to = url_for("eforms.first_question", slug=form.slug)
    return render_step(form, None, view, errors=errors, post_to=post_to, once_form=BeginForm())


def begin(form) -> str:
    """ "Beginnen": the owner's one fresh draft (portal/eforms/flow.py start_draft); where it continues."""
    draft = start_draft(form)
    return url_of(form, draft, where_to(form, draft.answers, draft.prefill))


def answer(form, step) -> str:
    """A valid first answer, stored on the owner's one fresh draft (a second tab's answer to the same
    question lands on the same draft); where it goes next."""
    asked = frozenset(item["id"] for item in step.get("fields", []))
    response = post_step(form, start_draft(form, asked), step)
    # `refusal` passed this answer, so this is the redirect to the next step; should the draft's answers ever
    # make it a page instead, the resident is sent back to the question rather than shown an error.
    return getattr(response, "location", None) or url_for("eforms.first_question", slug=form.slug)


def _unknown(form, step):
    log.warning("eform first step refused: unknown input(s)", extra={"form": form.slug})
    return show(form, step, errors=unknown_errors(step_view(form, step, {}, {}))), 400


def refusal(form, step):
    """The page for a post with inputs this step does not have, or with an error; None when the answer is good
    (then the caller makes the draft and stores the answer as any step's post does)."""
    if unknown_inputs(form, step, request.form, request.files):
        return _unknown(form, step)
    result = parse_questions(form, step, {}, request.form, request.files, context({}, form))
    if result.ok:
        return None
    return show(form, step, raw=result.raw, errors=result.errors), 400 if result.errors else 200
