"""A repeating group ("Nog iemand toevoegen"): a list of entries on one step, each changeable and removable.

The step shows the entries so far and a small form for one entry (its sub-fields parsed by
fields.parse_step). "Nog iemand toevoegen" stores the entry and stays; "Verder" stores a filled-in entry (if
any) and goes on. `?invoer=N` changes entry N; the button `actie=verwijder-N` removes it.
"""

from __future__ import annotations

from flask import redirect, request
from flask_babel import gettext as _

from portal.eforms.pages import context, render_step, step_view
from portal.eforms.runner import entry_is_blank, parse_entry, store_step

ADD, REMOVE = "toevoegen", "verwijder-"


def repeat_field(step: dict) -> dict | None:
    return next((item for item in step["fields"] if item["type"] == "repeat"), None)


def _index(value: str | None, entries: list) -> int | None:
    return int(value) if value and value.isdigit() and int(value) < len(entries) else None


def repeat_state(step: dict, draft) -> dict:
    repeat = repeat_field(step)
    if repeat is None:
        return {}
    entries = list(draft.answers.get(repeat["id"]) or [])
    editing = _index(request.args.get("invoer"), entries)
    current = entries[editing] if editing is not None else {}
    return {
        "repeat": repeat,
        "entries": entries,
        "editing": editing,
        "entry": current,
        "entry_raw": {},
        "full": len(entries) >= repeat.get("max", 10),
    }


def _again(form, draft, step, repeat, entries, editing, result=None, errors=None):
    view = step_view(form, step, draft.answers, draft.prefill, errors=errors)
    state = {
        "repeat": repeat,
        "entries": entries,
        "editing": editing,
        "full": len(entries) >= repeat.get("max", 10),
        "entry": (result.values if result else {}),
        "entry_raw": (result.raw if result else {}),
        "entry_errors": errors or {},
    }
    from portal.eforms.flow import changing

    return render_step(form, draft.public_id, view, errors=errors, changing=changing(), **state), 400


def post_repeat(form, draft, step: dict, repeat: dict):
    from portal.eforms.flow import advance, changing, url_of
    from portal.queries import eforms as queries

    entries = list(draft.answers.get(repeat["id"]) or [])
    action = request.form.get("actie", "verder")[:20]
    if action.startswith(REMOVE):
        removed = _index(action[len(REMOVE) :], entries)
        if removed is not None:
            entries.pop(removed)
        answers = store_step(form, step, draft.answers, {repeat["id"]: entries}, draft.prefill)
        queries.save_answers(draft, answers, step["id"])
        return redirect(
            url_of(
                form, draft, "check_answers" if changing() else step["id"], **({"wijzig": "1"} if changing() else {})
            )
        )
    editing = _index(request.form.get("invoer"), entries)
    if not (entry_is_blank(repeat, request.form) and action != ADD and editing is None):
        result = parse_entry(repeat, request.form, request.files, context(draft.prefill))
        if not result.ok:
            return _again(form, draft, step, repeat, entries, editing, result, result.errors)
        if editing is None and len(entries) >= repeat.get("max", 10):
            message = _("U kunt niet meer dan %(num)s personen toevoegen.", num=repeat.get("max", 10))
            return _again(
                form,
                draft,
                step,
                repeat,
                entries,
                editing,
                result,
                {f"{repeat['id']}-{repeat['fields'][0]['id']}": message},
            )
        if editing is None:
            entries.append(result.values)
        else:
            entries[editing] = result.values
    answers = store_step(form, step, draft.answers, {repeat["id"]: entries}, draft.prefill)
    if action == ADD:
        queries.save_answers(draft, answers, step["id"])
        return redirect(url_of(form, draft, step["id"], **({"wijzig": "1"} if changing() else {})))
    return advance(form, draft, step, answers)
