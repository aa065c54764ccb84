"""The builder's question pages: choose the kind of answer (a list of links, so it works with Tab and Enter
only), then write the question in Dutch and English, mark it required, give its answers or a prefill."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _

from portal.formadmin import builder
from portal.formadmin.kinds import BUILDER_KINDS, CHOICE_KINDS, KIND_HINTS, kind_name
from portal.formbuilder import service
from portal.formbuilder.forms import QuestionForm
from portal.formbuilder.views import apply_change, bp, fresh_form, load_concept, pages_url, publisher_required
from portal.formdefs.routing import INPUTLESS


def _after(definition: dict) -> str | None:
    """Where a new question goes: after the page `na`, at the start (`na=begin`), or at the end."""
    wanted = request.args.get("na", "")
    if wanted == "begin":
        return None
    ids = [step["id"] for step in definition["steps"]]
    return wanted if wanted in ids else ids[-1]


@bp.get("/nieuw")
@publisher_required
def choose_kind(public_id: str):
    loaded = load_concept(public_id)
    after = _after(loaded.definition)
    links = [
        (
            url_for("formbuilder.new_question", public_id=public_id, kind=kind, na=after or "begin"),
            name,
            KIND_HINTS.get(kind),
        )
        for kind, name in BUILDER_KINDS.items()
    ]
    return render_template(
        "formbuilder/kind.html", loaded=loaded, links=links, heading=_("Wat voor vraag wilt u toevoegen?")
    )


def _render_question(loaded, form, *, heading, kind, item=None, step=None, status=200, **state):
    if state.get("conflict"):
        form.revision.data = str(service.load(loaded.concept.public_id).concept.revision)
    return (
        render_template(
            "formbuilder/question.html",
            loaded=loaded,
            form=form,
            heading=heading,
            kind_name=kind_name(kind),
            has_options=kind in CHOICE_KINDS,
            shared_list=isinstance((item or {}).get("options"), dict),
            item=item,
            step=step,
            error=state.get("error"),
            problems=state.get("problems", ()),
            conflict=state.get("conflict", False),
            has_errors=bool(form.errors or state.get("error") or state.get("problems")),
        ),
        status,
    )


@bp.route("/nieuw/<kind>", methods=["GET", "POST"])
@publisher_required
def new_question(public_id: str, kind: str):
    loaded = load_concept(public_id)
    if kind not in BUILDER_KINDS:
        abort(404)
    after = _after(loaded.definition)
    heading = _("Vraag toevoegen: %(kind)s", kind=kind_name(kind))
    form = QuestionForm() if request.method == "POST" else fresh_form(QuestionForm, loaded)
    form.setup(loaded.definition, None, kind, kind in CHOICE_KINDS)
    if request.method == "GET":
        form.required.data = True
        return _render_question(loaded, form, heading=heading, kind=kind)

    def new_step_id(new: dict) -> str:
        index = 0 if after is None else [step["id"] for step in new["steps"]].index(after) + 1
        return new["steps"][index]["id"]

    return apply_change(
        loaded,
        form,
        lambda definition: builder.add_question(definition, form.question(), after=after),
        action="builder_add_question",
        detail=lambda new: f"Vraag toegevoegd ({kind}): {form.label_nl.data}",
        done=lambda new: pages_url(public_id, f"pagina-{new_step_id(new)}"),
        render=lambda **state: _render_question(loaded, form, heading=heading, kind=kind, **state),
    )


def _field(loaded, step_id: str, field_id: str) -> tuple[dict, dict]:
    """The page and the question on it; a text or a prefilled fact without a question is for the YAML editor."""
    for step in loaded.definition["steps"]:
        for item in step["fields"] if step["id"] == step_id else ():
            if item["id"] == field_id and item["type"] not in INPUTLESS:
                return step, item
    abort(404)


@bp.get("/pagina/<step_id>/vraag/<field_id>/soort")
@publisher_required
def change_kind(public_id: str, step_id: str, field_id: str):
    loaded = load_concept(public_id)
    _step, item = _field(loaded, step_id, field_id)
    links = [
        (
            url_for("formbuilder.edit_question", public_id=public_id, step_id=step_id, field_id=field_id, soort=kind),
            name,
            KIND_HINTS.get(kind),
        )
        for kind, name in BUILDER_KINDS.items()
    ]
    heading = _("Welk soort antwoord hoort bij deze vraag?")
    return render_template(
        "formbuilder/kind.html", loaded=loaded, links=links, heading=heading, current=kind_name(item["type"])
    )


@bp.route("/pagina/<step_id>/vraag/<field_id>", methods=["GET", "POST"])
@publisher_required
def edit_question(public_id: str, step_id: str, field_id: str):
    loaded = load_concept(public_id)
    step, item = _field(loaded, step_id, field_id)
    wanted = request.values.get("soort", item["type"])
    kind = wanted if wanted in BUILDER_KINDS or wanted == item["type"] else item["type"]
    number = [candidate["id"] for candidate in loaded.definition["steps"]].index(step_id) + 1
    heading = _("Vraag %(number)s veranderen", number=number)
    form = QuestionForm() if request.method == "POST" else fresh_form(QuestionForm, loaded)
    has_options = kind in CHOICE_KINDS and not isinstance(item.get("options"), dict)
    form.setup(loaded.definition, item, kind, has_options)
    if request.method == "GET":
        form.fill(item, item.get("options") if isinstance(item.get("options"), list) else None)
        return _render_question(loaded, form, heading=heading, kind=kind, item=item, step=step)
    return apply_change(
        loaded,
        form,
        lambda definition: builder.update_question(definition, step_id, field_id, form.question()),
        action="builder_update_question",
        detail=lambda new: f"Vraag {number} gewijzigd: {form.label_nl.data}",
        done=lambda new: pages_url(public_id, f"pagina-{step_id}"),
        render=lambda **state: _render_question(
            loaded, form, heading=heading, kind=kind, item=item, step=step, **state
        ),
    )
