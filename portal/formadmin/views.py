"""Staff publishing pages (issue 12), for staff with the form-publisher role: the forms, new concepts,
the YAML editor, versions and their differences, and the audit log. Publishing is in publish_views.py."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, g, render_template, request, url_for
from flask_babel import gettext as _

from portal import once
from portal.db import get_session
from portal.formadmin import concepts, diff, messages
from portal.formadmin.concepts import Actor, ConceptConflict, ConceptRefused
from portal.formadmin.forms import CopyForm, EditorForm, NewConceptForm, NewFromTemplateForm, UploadForm
from portal.queries import formadmin as queries
from portal.queries import forms as form_queries
from portal.staff.auth import ROLE_FORM_PUBLISHER, staff_required

bp = Blueprint("formadmin", __name__, url_prefix="/medewerkers/formulieren")


def publisher_required(func):
    """Staff without the form-publisher role get a 403 that says why, in B1."""

    @wraps(func)
    def inner(*args, **kwargs):
        if not g.staff.has(ROLE_FORM_PUBLISHER):
            return render_template("formadmin/forbidden.html"), 403
        return func(*args, **kwargs)

    return staff_required()(inner)


def actor() -> Actor:
    return Actor(g.staff.sub, g.staff.name)


def load_concept(public_id: str):
    concept = queries.get_concept(get_session(), public_id)
    if concept is None:
        abort(404)
    return concept


def _copy_form(rows) -> CopyForm:
    form = CopyForm()
    form.source.choices = [("", _("Kies een formulier"))] + [(slug, slug) for slug, live in rows if live]
    return form


def _index(template_form=None, copy_form=None, status=200):
    db = get_session()
    rows = form_queries.list_forms(db)
    open_concepts = queries.concepts(db)
    return render_template(
        "formadmin/index.html",
        rows=rows,
        concepts_by_slug={
            slug: [c for c in open_concepts if c.slug == slug] for slug in {c.slug for c in open_concepts}
        },
        new_forms=[c for c in open_concepts if c.slug not in {slug for slug, _live in rows}],
        retired=queries.retirements(db),
        recent=queries.audit_entries(db, limit=10),
        template_form=template_form or NewFromTemplateForm(),
        copy_form=copy_form or _copy_form(rows),
        concept_form=NewConceptForm(),
    ), status


@bp.get("/")
@publisher_required
def index():
    return _index()


def _created(make):
    concept = make()
    return url_for("formadmin.concept", public_id=concept.public_id), _("Het concept is gemaakt.")


@bp.post("/nieuw")
@publisher_required
def new_from_template():
    form = NewFromTemplateForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return _index(template_form=form, status=400)
    try:
        return once.submit(
            form, lambda: _created(lambda: concepts.from_template(get_session(), actor(), form.slug.data))
        )
    except ConceptRefused as refused:
        form.slug.errors = [messages.refusal(refused.reason)]
        return _index(template_form=form, status=400)


@bp.post("/kopie")
@publisher_required
def copy():
    form = _copy_form(form_queries.list_forms(get_session()))
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return _index(copy_form=form, status=400)
    try:
        return once.submit(
            form, lambda: _created(lambda: concepts.copy_form(get_session(), actor(), form.source.data, form.slug.data))
        )
    except ConceptRefused as refused:
        form.slug.errors = [messages.refusal(refused.reason)]
        return _index(copy_form=form, status=400)


@bp.post("/<slug>/concept")
@bp.post("/<slug>/versies/<int(max=2147483647):version>/terugzetten")
@publisher_required
def new_concept(slug: str, version: int | None = None):
    """A concept of the live version, or of an older version (a restore)."""
    form = NewConceptForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        abort(400)
    try:
        return once.submit(form, lambda: _created(lambda: concepts.from_version(get_session(), actor(), slug, version)))
    except ConceptRefused:
        abort(404)


@bp.get("/<slug>/versies")
@publisher_required
def versions(slug: str):
    versions = form_queries.versions_of(get_session(), slug)
    if not versions:
        abort(404)
    return render_template("formadmin/versions.html", slug=slug, versions=versions, form=NewConceptForm())


@bp.get("/<slug>/verschil")
@publisher_required
def version_diff(slug: str):
    stored = {item.version: item for item in form_queries.versions_of(get_session(), slug)}
    old, new = request.args.get("van", type=int), request.args.get("naar", type=int)
    if not stored or old not in stored or new not in stored:
        abort(404)
    rows = diff.diff(stored[old].definition, stored[new].definition)
    return render_template("formadmin/diff.html", slug=slug, old=stored[old], new=stored[new], rows=rows)


@bp.get("/concept/<public_id>")
@publisher_required
def concept(public_id: str):
    from portal.formadmin.publish_views import concept_page

    return concept_page(load_concept(public_id))


def _editor(concept, form, upload=None, *, result=None, conflict=None, refusal=None, status=200):
    text = form.definition.data if form.definition.data is not None else concept.definition_yaml
    result = result or concepts.check(text, concept.slug)
    return render_template(
        "formadmin/editor.html",
        concept=concept,
        form=form,
        upload=upload or UploadForm(revision=concept.revision),
        problems=messages.shown(result.problems + result.findings),
        lines=text.splitlines(),
        conflict=conflict,
        refusal=refusal,
        conflict_rows=diff.diff_text(conflict.definition_yaml, text) if conflict else [],
    ), status


@bp.get("/concept/<public_id>/yaml")
@publisher_required
def editor(public_id: str):
    concept = load_concept(public_id)
    return _editor(concept, EditorForm(revision=concept.revision, definition=concept.definition_yaml))


def _store(concept, form, text: str, action: str):
    """Save `text`; on a conflict the page comes back with what the other publisher changed, the text kept."""
    try:
        return once.submit(form, lambda: _saved(concept, text, form.revision.data, action))
    except ConceptConflict as conflict:
        editor_form = EditorForm(formdata=None, revision=conflict.current.revision, definition=text)
        return _editor(conflict.current, editor_form, conflict=conflict.current, status=409)
    except ConceptRefused as refused:
        editor_form = EditorForm(formdata=None, revision=concept.revision, definition=text)
        return _editor(concept, editor_form, refusal=messages.refusal(refused.reason), status=400)


def _saved(concept, text: str, revision: int, action: str):
    saved, result = concepts.save(get_session(), actor(), concept, text, revision, action=action)
    if result.problems:
        message = _("Het concept is bewaard. Er zijn nog %(num)s fouten.", num=len(result.problems))
    else:
        message = _("Het concept is bewaard.")
    return url_for("formadmin.editor", public_id=saved.public_id), message


@bp.post("/concept/<public_id>/yaml")
@publisher_required
def save(public_id: str):
    concept = load_concept(public_id)
    form = EditorForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return _editor(concept, form, status=400)
    return _store(concept, form, form.definition.data.replace("\r\n", "\n"), "concept_saved")


@bp.post("/concept/<public_id>/bestand")
@publisher_required
def upload(public_id: str):
    concept = load_concept(public_id)
    form = UploadForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    file = request.files.get(form.file.name)
    if not form.validate_on_submit() or file is None or not file.filename:
        form.file.errors = [messages.refusal("upload_missing")]
        return _editor(concept, EditorForm(revision=concept.revision, formdata=None), upload=form, status=400)
    try:
        text = concepts.read_upload(file.read(concepts.MAX_BYTES + 1))
    except ConceptRefused as refused:
        form.file.errors = [messages.refusal(refused.reason)]
        return _editor(concept, EditorForm(revision=concept.revision, formdata=None), upload=form, status=400)
    return _store(concept, form, text.replace("\r\n", "\n"), "concept_uploaded")


@bp.get("/logboek")
@publisher_required
def audit_log():
    slug = request.args.get("formulier") or None
    return render_template(
        "formadmin/audit.html", entries=queries.audit_entries(get_session(), slug=slug, limit=500), slug=slug
    )
