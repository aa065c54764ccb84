"""The builder's route pages and the outcome page.

A route is set in three steps, each a list of links or buttons (so Tab and Enter are enough): pick a question
on this page or an earlier one, pick one of its answers, then pick where the resident goes (a later question,
check answers, an exit page, or a new exit page written on the spot).
"""

from __future__ import annotations

from flask import abort, render_template, request, url_for

from portal.formadmin import builder
from portal.formadmin.summary import summarize
from portal.formbuilder import service
from portal.formbuilder.forms import ChangeForm, ExitForm, OutcomeForm, RouteForm
from portal.formbuilder.views import apply_change, bp, fresh_form, load_concept, pages_url, publisher_required


def _step(loaded, step_id: str) -> tuple[int, dict]:
    for index, step in enumerate(loaded.definition["steps"]):
        if step["id"] == step_id:
            return index + 1, step
    abort(404)


@bp.get("/pagina/<step_id>/routes")
@publisher_required
def routes(public_id: str, step_id: str):
    loaded = load_concept(public_id)
    number, step = _step(loaded, step_id)
    return _render_routes(loaded, number, step)


def _render_routes(loaded, number: int, step: dict, status: int = 200, **state):
    if state.get("conflict"):
        loaded = service.load(loaded.concept.public_id)
    questions = builder.route_questions(loaded.definition, step["id"])
    return (
        render_template(
            "formbuilder/routes.html",
            loaded=loaded,
            number=number,
            step=step,
            page=summarize(loaded.definition).pages[number - 1],
            questions=questions,
            form=fresh_form(ChangeForm, loaded),
            error=state.get("error"),
            problems=state.get("problems", ()),
            conflict=state.get("conflict", False),
            has_errors=bool(state.get("error") or state.get("problems")),
        ),
        status,
    )


@bp.post("/pagina/<step_id>/routes/<int(max=49):route_number>/verwijderen")
@publisher_required
def remove_route(public_id: str, step_id: str, route_number: int):
    loaded = load_concept(public_id)
    number, step = _step(loaded, step_id)
    return apply_change(
        loaded,
        ChangeForm(),
        lambda definition: builder.remove_route(definition, step_id, route_number),
        action="builder_remove_route",
        detail=lambda _new: f"Route {route_number + 1} van vraag {number} verwijderd",
        done=lambda _new: url_for("formbuilder.routes", public_id=public_id, step_id=step_id),
        render=lambda **state: _render_routes(loaded, number, step, **state),
    )


@bp.get("/pagina/<step_id>/routes/<field_id>")
@publisher_required
def route_answer(public_id: str, step_id: str, field_id: str):
    loaded = load_concept(public_id)
    number, step = _step(loaded, step_id)
    item = _route_question(loaded, step_id, field_id)
    answers = builder.answer_choices(loaded.definition, item)
    return render_template(
        "formbuilder/route_answer.html", loaded=loaded, number=number, step=step, item=item, answers=answers
    )


def _route_question(loaded, step_id: str, field_id: str) -> dict:
    for _number, item in builder.route_questions(loaded.definition, step_id):
        if item["id"] == field_id:
            return item
    abort(404)


def _render_target(loaded, context: dict, route_form, exit_form, status: int = 200, **state):
    if state.get("conflict"):
        current = str(service.load(loaded.concept.public_id).concept.revision)
        route_form.revision.data = exit_form.revision.data = current
    return (
        render_template(
            "formbuilder/route_target.html",
            loaded=loaded,
            targets=builder.route_targets(loaded.definition, context["step"]["id"]),
            route_form=route_form,
            exit_form=exit_form,
            error=state.get("error"),
            problems=state.get("problems", ()),
            conflict=state.get("conflict", False),
            has_errors=bool(exit_form.errors or state.get("error") or state.get("problems")),
            **context,
        ),
        status,
    )


@bp.route("/pagina/<step_id>/routes/<field_id>/<answer>", methods=["GET", "POST"])
@publisher_required
def route_target(public_id: str, step_id: str, field_id: str, answer: str):
    """Where the route goes: one button per destination, or a new exit page (its own form)."""
    loaded = load_concept(public_id)
    number, step = _step(loaded, step_id)
    item = _route_question(loaded, step_id, field_id)
    labels = dict(builder.answer_choices(loaded.definition, item))
    if answer not in labels:
        abort(404)
    context = {"number": number, "step": step, "item": item, "answer": labels[answer]}
    new_exit = request.method == "POST" and "title_nl" in request.form
    route_form = RouteForm() if request.method == "POST" and not new_exit else fresh_form(RouteForm, loaded)
    exit_form = ExitForm() if new_exit else fresh_form(ExitForm, loaded)
    if request.method == "GET":
        return _render_target(loaded, context, route_form, exit_form)
    return apply_change(
        loaded,
        exit_form if new_exit else route_form,
        lambda definition: builder.add_route(
            definition,
            step_id,
            field_id=field_id,
            answer=answer,
            goto=route_form.goto.data or "",
            new_exit=exit_form.exit_page() if new_exit else None,
        ),
        action="builder_add_route",
        detail=lambda new: summarize(new).pages[number - 1].routes[-1],
        done=lambda _new: url_for("formbuilder.routes", public_id=public_id, step_id=step_id),
        render=lambda **state: _render_target(loaded, context, route_form, exit_form, **state),
    )


@bp.route("/uitkomst/<int(max=49):outcome_number>", methods=["GET", "POST"])
@publisher_required
def outcome(public_id: str, outcome_number: int):
    loaded = load_concept(public_id)
    rules = loaded.definition["outcomes"]
    if not 1 <= outcome_number <= len(rules):
        abort(404)
    rule = rules[outcome_number - 1]
    form = OutcomeForm() if request.method == "POST" else fresh_form(OutcomeForm, loaded)
    form.setup(rule)

    def render(status=200, **state):
        if state.get("conflict"):
            form.revision.data = str(service.load(public_id).concept.revision)
        return (
            render_template(
                "formbuilder/outcome.html",
                loaded=loaded,
                number=outcome_number,
                outcome=summarize(loaded.definition).outcomes[outcome_number - 1],
                form=form,
                error=state.get("error"),
                problems=state.get("problems", ()),
                conflict=state.get("conflict", False),
                has_errors=bool(form.errors or state.get("error") or state.get("problems")),
            ),
            status,
        )

    if request.method == "GET":
        form.fill(rule)
        return render()
    return apply_change(
        loaded,
        form,
        lambda definition: builder.set_outcome(definition, outcome_number - 1, form.outcome()),
        action="builder_set_outcome",
        detail=lambda _new: f"Uitkomst {outcome_number} gewijzigd: {form.type.data}, {form.zaaktype.data}",
        done=lambda _new: pages_url(public_id, "uitkomsten"),
        render=render,
    )
