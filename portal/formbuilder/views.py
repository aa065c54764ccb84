"""The form builder for staff who do not write YAML (issue 12), under
/medewerkers/formulieren/concept/<public_id>/bouwer: the form's pages in order, add / move / remove a
question, the question page, routes and the outcome. No JavaScript: every change is a normal form POST with
CSRF, a one-time token and the concept's revision; a stale revision is a conflict and nothing is lost.

Every change runs the validation of `flask forms validate` on the new YAML (portal/formbuilder/service.py).
The question pages are in question_views.py, routes and the outcome in route_views.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Blueprint, abort, g, render_template, request, url_for
from flask_babel import gettext as _

from portal import once
from portal.formadmin import builder
from portal.formadmin.summary import summarize
from portal.formbuilder import service
from portal.formbuilder.forms import ChangeForm, MoveForm
from portal.staff.auth import ROLE_FORM_PUBLISHER, staff_required

bp = Blueprint("formbuilder", __name__, url_prefix="/medewerkers/formulieren/concept/<public_id>/bouwer")
PUBLIC_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
publisher_required = staff_required(ROLE_FORM_PUBLISHER)


class NotBuildable(Exception):
    """The concept exists but the builder cannot work on it: it is closed, or its YAML is broken."""

    def __init__(self, loaded: service.Loaded, reason: str):
        super().__init__(reason)
        self.loaded, self.reason = loaded, reason


@bp.app_template_global("plain_problem")
def _plain_problem(problem, definition):
    return service.plain_problem(problem, definition)


@bp.errorhandler(403)
def _forbidden(_error):
    return render_template("formbuilder/forbidden.html"), 403


@bp.errorhandler(NotBuildable)
def _not_buildable(error: NotBuildable):
    return render_template("formbuilder/not_buildable.html", loaded=error.loaded, reason=error.reason), 409


def load_concept(public_id: str) -> service.Loaded:
    """The concept, ready for the builder; 404 when there is none, NotBuildable when it cannot be built on."""
    loaded = service.load(public_id) if PUBLIC_ID.fullmatch(public_id) else None
    if loaded is None:
        abort(404)
    if loaded.concept.state != "open":
        raise NotBuildable(loaded, _("Dit concept is al gepubliceerd of weggegooid. Maak een nieuw concept."))
    if loaded.definition is None:
        raise NotBuildable(
            loaded,
            _("Er zitten fouten in de YAML van dit concept. Haal die eerst weg in de YAML-editor."),
        )
    return loaded


def fresh_form(form_class, loaded: service.Loaded, **data):
    """A form for the page as it is now, not filled from the request that is being answered."""
    form = form_class(formdata=None, **data)
    form.revision.data = str(loaded.concept.revision)
    return form


def saved_message(checked: service.Checked) -> str:
    if checked.warnings:
        return _("De verandering is opgeslagen. Er zijn nog punten om te verbeteren. U ziet ze op deze pagina.")
    return _("De verandering is opgeslagen.")


def apply_change(
    loaded: service.Loaded,
    form,
    operation: Callable[[dict], dict],
    *,
    action: str,
    detail: Callable[[dict], str],
    done: Callable[[dict], str],
    render: Callable[..., object],
):
    """A POST that changes the concept: check the revision, run the builder operation, validate the result
    as `flask forms validate` does, save with an audit entry, and redirect to `done(new definition)`.
    `render(error=, problems=, conflict=, status=)` shows the page again with what was typed."""
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return render(status=400)
    if form.revision_number() != loaded.concept.revision:
        return render(conflict=True, status=409)
    try:
        new = operation(loaded.definition)
    except builder.BuilderRefused as refused:
        return render(error=refused.reason, status=400)
    checked = service.check_change(loaded, new)
    if checked.errors:
        return render(
            error=_("Met deze verandering klopt het formulier niet meer. We hebben niets opgeslagen."),
            problems=checked.errors,
            status=400,
        )

    def act():
        revision = loaded.concept.revision
        service.save_change(loaded, checked, revision=revision, staff=g.staff, action=action, detail=detail(new))
        return done(new), saved_message(checked)

    try:
        return once.submit(form, act)
    except service.ConceptConflict:
        return render(conflict=True, status=409)


def render_pages(loaded: service.Loaded, *, error=None, problems=(), conflict=False, status=200):
    if conflict:
        loaded = service.load(loaded.concept.public_id)
    return (
        render_template(
            "formbuilder/pages.html",
            loaded=loaded,
            definition=loaded.definition,
            summary=summarize(loaded.definition),
            form=fresh_form(ChangeForm, loaded),
            error=error,
            problems=problems,
            conflict=conflict,
            has_errors=bool(error or problems),
        ),
        status,
    )


@bp.get("/")
@publisher_required
def pages(public_id: str):
    return render_pages(load_concept(public_id))


@bp.get("/samenvatting")
@publisher_required
def summary_page(public_id: str):
    loaded = load_concept(public_id)
    return render_template("formbuilder/summary.html", loaded=loaded, summary=summarize(loaded.definition))


def pages_url(public_id: str, anchor: str | None = None) -> str:
    return url_for("formbuilder.pages", public_id=public_id, _anchor=anchor)


@bp.post("/pagina/<step_id>/verplaatsen")
@publisher_required
def move(public_id: str, step_id: str):
    loaded = load_concept(public_id)
    form = MoveForm()
    direction = {"omhoog": "up", "omlaag": "down"}.get(form.richting.data or "", "")
    number = _page_number(loaded.definition, step_id)
    return apply_change(
        loaded,
        form,
        lambda definition: builder.move_step(definition, step_id, direction),
        action="builder_move_step",
        detail=lambda _new: f"Vraag {number} {form.richting.data} verplaatst ({step_id})",
        done=lambda _new: pages_url(public_id, f"pagina-{step_id}"),
        render=lambda **kwargs: render_pages(loaded, **kwargs),
    )


def _page_number(definition: dict, step_id: str) -> int | None:
    numbers = {step["id"]: index + 1 for index, step in enumerate(definition["steps"])}
    return numbers.get(step_id)


def _render_remove(loaded: service.Loaded, step: dict, number: int, *, status=200, **state):
    current = service.load(loaded.concept.public_id) if state.get("conflict") else loaded
    still_there = any(candidate["id"] == step["id"] for candidate in current.definition["steps"])
    return (
        render_template(
            "formbuilder/remove.html",
            loaded=current,
            step=step,
            number=number,
            label=builder.page_label(step),
            reasons=builder.references_to_step(current.definition, step["id"]) if still_there else [],
            form=fresh_form(ChangeForm, current),
            error=state.get("error"),
            problems=state.get("problems", ()),
            conflict=state.get("conflict", False),
            has_errors=bool(state.get("error") or state.get("problems")),
        ),
        status,
    )


@bp.route("/pagina/<step_id>/verwijderen", methods=["GET", "POST"])
@publisher_required
def remove(public_id: str, step_id: str):
    loaded = load_concept(public_id)
    step = next((step for step in loaded.definition["steps"] if step["id"] == step_id), None)
    if step is None:
        abort(404)
    number = _page_number(loaded.definition, step_id)
    if request.method == "GET":
        return _render_remove(loaded, step, number)
    return apply_change(
        loaded,
        ChangeForm(),
        lambda definition: builder.remove_step(definition, step_id),
        action="builder_remove_step",
        detail=lambda _new: f"Vraag {number} verwijderd: {builder.page_label(step)}",
        done=lambda _new: pages_url(public_id),
        render=lambda **state: _render_remove(loaded, step, number, **state),
    )
