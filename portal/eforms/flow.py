"""The runner's request helpers: load the form and the visitor's own draft, post a step, where to go next."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import lru_cache

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.db import get_session, utcnow
from portal.eforms import access, repeat, stepcache
from portal.eforms.handoff import (  # noqa: F401  (the views reach the hand-off through this module)
    ask_callback,
    confirmation,
    known_phone,
    start_appointment,
)
from portal.eforms.pages import context, lang, render_step, runner_url, step_view
from portal.eforms.prefill import snapshot
from portal.eforms.runner import (
    CHECK_ANSWERS,
    Form,
    parse_questions,
    store_step,
    unknown_inputs,
    where_to,
)
from portal.formdefs import next_step, reachable_answers, walk
from portal.queries import eforms as queries
from portal.queries.formadmin import retirement_message
from portal.queries.forms import live_version, version_by_id

log = logging.getLogger("portal.eforms")
CHANGE = "wijzig"
FRESH_MINUTES = 15  # a start within this time of an empty one is the same start (the idle session time)


def live_form_or_404(slug: str) -> Form:
    version = live_version(get_session(), slug[:64])
    if version is None:
        abort(404)
    return Form(version.definition, version_id=version.id)


def retired(slug: str) -> str | None:
    """The message of a retired form (where to go instead), or None. A retired form starts no new draft;
    a draft started before the form was retired can still be finished on its own version (`load` does not
    look at retirement): the resident did the work, and the version it is pinned to is still valid."""
    return retirement_message(get_session(), slug, lang())


def start_draft(form: Form, answered: frozenset[str] = frozenset()):
    """The draft a start makes: one made a moment ago by the same owner that holds no answers beyond
    `answered` (a double click, a retry, a second tab: one draft, the same next page), else a new one."""
    owner = access.owner_key()
    queries.lock_owner(owner)
    since = utcnow() - timedelta(minutes=FRESH_MINUTES)
    return queries.fresh_draft(owner, form.version_id, since, answered) or new_draft(form)


def new_draft(form: Form):
    """A draft on the live version, with the one prefill snapshot of this draft (source and time kept)."""
    bsn = session_bsn()
    taken = snapshot(form.definition, access.resident_owner() and current_user.sub, bsn, lang())
    keep_days = int((form.definition.get("drafts") or {}).get("keep_days", 28))
    first = form.definition["steps"][0]["id"]
    return queries.new_draft(
        get_session(),
        owner=access.owner_key(),
        version_id=form.version_id,
        slug=form.slug,
        prefill=taken,
        keep_days=keep_days,
        first_step=first,
    )


def session_bsn() -> str | None:
    """The BSN always comes from the session (never from a form field)."""
    return current_user.bsn if current_user.is_authenticated else None


@lru_cache(maxsize=64)
def _definition(version_id: int, _content_hash: str) -> dict:
    """A stored version never changes (portal/models/forms.py refuses it), so its definition is read once
    per content hash (the hash, not the id alone: another database may hold another version 3). The hash
    comes with the draft (queries.draft_with_version_hash): no query of its own."""
    return version_by_id(get_session(), version_id).definition


def load(slug: str, public_id: str, *, allow_submitted: bool = False):
    """(form on the draft's own version, draft, None), or (None, None, a redirect or refusal page).
    The login comes first (a resident whose session ran out logs in again and comes back here), then the
    check that the draft is hers."""
    found = queries.draft_with_version_hash(public_id[:32])
    if found is None:
        return None, None, access.refuse("unknown draft id", slug[:64])
    draft, content_hash = found
    form = Form(_definition(draft.form_version_id, content_hash), version_id=draft.form_version_id)
    if (gate := access.login_gate(form.definition, access.back_here())) is not None:
        return None, None, gate
    if (refusal := access.check_owner(slug, draft)) is not None:
        return None, None, refusal
    if draft.submitted_at is None and draft.expires_at <= utcnow():  # as gone as after the cleanup deletes it
        return None, None, access.refuse("draft expired", slug[:64])
    if draft.submitted_at is not None and not allow_submitted:
        return None, None, redirect(url_for("eforms.sent", slug=slug, draft_id=draft.public_id))
    stepcache.note(form, draft)
    return form, draft, None


def url_of(form: Form, draft, target: str, **args) -> str:
    if target == CHECK_ANSWERS:
        return runner_url(form, "check", draft.public_id)
    if target.startswith("exit:"):
        return runner_url(form, "exit_page", draft.public_id, exit_id=target[5:])
    return runner_url(form, "step", draft.public_id, step_id=target, **args)


def save_answers(form: Form, draft, answers: dict, current_step: str) -> None:
    """The draft's answers after a step: in the database, or in the staff member's session for a preview
    (portal/formadmin/preview.py), so a preview never writes a draft row."""
    if form.preview:
        draft.save(answers, current_step)
    else:
        queries.save_answers(draft, answers, current_step)


def changing() -> bool:
    """The resident came from a change link on check answers."""
    return request.values.get(CHANGE) == "1"


def last_step(form: Form, draft) -> str:
    steps = walk(form.definition, draft.answers, draft.prefill).steps
    return url_of(form, draft, steps[-1])


def refuse_unknown(form: Form, draft, step: dict):
    """An extra or unknown input (a tampered form, or a value we prefill ourselves): nothing is stored."""
    unknown = unknown_inputs(form, step, request.form, request.files)
    if not unknown:
        return None
    log.warning("eform post refused: %d unknown input(s)", len(unknown), extra={"form": form.slug})
    view = step_view(form, step, draft.answers, draft.prefill)
    errors = unknown_errors(view)
    return render_step(form, draft.public_id, view, errors=errors, changing=changing()), 400


def unknown_errors(view) -> dict:
    """The error for a post with inputs the step does not have, on its first question."""
    first = next((item["id"] for item in view.fields if item["type"] not in ("content", "display")), "inhoud")
    return {first: _("Het formulier bevat gegevens die we niet kennen. Vul de vraag opnieuw in.")}


def post_step(form: Form, draft, step: dict):
    if (refused := refuse_unknown(form, draft, step)) is not None:
        return refused
    if repeat.action().startswith(repeat.REMOVE):
        return remove_entry(form, draft, step)
    ctx = context(draft.prefill, form)
    result = parse_questions(form, step, draft.answers, request.form, request.files, ctx)
    if not result.ok:
        answers = {**draft.answers, **result.values}
        view = step_view(form, step, answers, draft.prefill, raw=result.raw, errors=result.errors)
        page = render_step(form, draft.public_id, view, errors=result.errors, changing=changing())
        return page, 400 if result.errors else 200
    if not form.preview:  # a preview keeps the answer (the file's name), never the file
        store_files(draft, result)
    answers = store_step(form, step, draft.answers, result.values, draft.prefill)
    if repeat.action() == repeat.ADD and repeat.can_add(step, answers):
        save_answers(form, draft, answers, step["id"])
        return redirect(url_of(form, draft, step["id"], meer="1", **change_args()))
    return advance(form, draft, step, answers)


def remove_entry(form: Form, draft, step: dict):
    """Remove one entry of the step's repeating group; back to check answers when the change came from there."""
    answers = repeat.without_entry(step, draft.answers, repeat.action())
    if answers is not None:
        save_answers(form, draft, answers, step["id"])
    return redirect(url_of(form, draft, CHECK_ANSWERS if changing() else step["id"]))


def change_args() -> dict:
    return {CHANGE: "1"} if changing() else {}


def store_files(draft, result) -> None:
    """A new upload is kept with the draft (a file question posted without one keeps the earlier file:
    fields.parse_step keeps its answer)."""
    for field_id, upload in result.files.items():
        queries.put_file(draft, field_id, filename=upload.name, content_type=upload.content_type, content=upload.data)


def advance(form: Form, draft, step: dict, answers: dict):
    """Autosave, then the next step on the route; after a change, back to check answers when the route
    is complete again (else to the step the change made necessary)."""
    if changing():
        target = where_to(form, answers, draft.prefill)
    else:
        target = next_step(form.definition, answers, step["id"], draft.prefill) or where_to(
            form, answers, draft.prefill
        )
    save_answers(form, draft, answers, target if form.step(target) else step["id"])
    return redirect(url_of(form, draft, target))


def email_of(form: Form, draft) -> str | None:
    """Where the confirmation goes: the form's own email answer (a form without login asks it only when
    the resident wants updates), else the address the resident gave us before."""
    answered = reachable_answers(form.definition, draft.answers, draft.prefill).get("email")
    if isinstance(answered, str) and answered:
        return answered
    contact = (draft.prefill or {}).get("contact") or {}
    return contact.get("email") or None
