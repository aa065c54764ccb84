"""The concept page and what happens from it: the quality report, approval, publishing (now or planned),
throwing a concept away, and retiring a form."""

from __future__ import annotations

from datetime import time

from flask import abort, render_template, url_for
from flask_babel import gettext as _

from portal import once
from portal.db import get_session
from portal.formadmin import accessibility, messages, publishing, quality
from portal.formadmin.concepts import ConceptConflict, ConceptRefused, discard
from portal.formadmin.forms import ApproveForm, CheckForm, DiscardForm, PublishForm, RetireForm, ScheduleForm
from portal.formadmin.summary import summarize
from portal.formadmin.views import actor, bp, load_concept, publisher_required
from portal.i18n import utc_moment
from portal.queries import formadmin as queries
from portal.queries import forms as form_queries


def _forms(concept, **given):
    revision = {"revision": concept.revision}
    forms = {
        "publish_form": PublishForm(**revision),
        "approve_form": ApproveForm(**revision),
        "schedule_form": ScheduleForm(**revision),
        "discard_form": DiscardForm(**revision),
        "check_form": CheckForm(**revision),
    }
    forms.update(given)
    return forms


def concept_page(concept, status: int = 200, refusal: str | None = None, **given):
    db = get_session()
    state = publishing.readiness(db, concept)
    return render_template(
        "formadmin/concept.html",
        concept=concept,
        state=state,
        problems=messages.shown(state.result.problems),
        live=form_queries.live_version(db, concept.slug),
        history=queries.concept_audit(db, concept.id),
        summary=summarize(state.result.definition) if state.result.ok else None,
        refusal=refusal,
        **_forms(concept, **given),
    ), status


def _act(concept, form, name: str, act):
    """Run `act` once; a refusal or a conflict shows the concept page again with the reason and the form kept."""
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return concept_page(concept, 400, **{name: form})
    try:
        return once.submit(form, act)
    except ConceptConflict:
        return concept_page(queries.get_concept(get_session(), concept.public_id), 409, messages.refusal("stale"))
    except ConceptRefused as refused:
        return concept_page(concept, 400, messages.refusal(refused.reason), **{name: form})


def _here(concept, message: str):
    return url_for("formadmin.concept", public_id=concept.public_id), message


@bp.post("/concept/<public_id>/publiceren")
@publisher_required
def publish(public_id: str):
    concept, form = load_concept(public_id), PublishForm()

    def act():
        published = publishing.publish_concept(
            get_session(), actor(), concept, expected_revision=form.revision.data, note=form.note.data
        )
        return _here(concept, _("Versie %(num)s staat nu online.", num=published.version))

    return _act(concept, form, "publish_form", act)


@bp.post("/concept/<public_id>/goedkeuren")
@publisher_required
def approve(public_id: str):
    concept, form = load_concept(public_id), ApproveForm()

    def act():
        publishing.approve(
            get_session(), actor(), concept, expected_revision=form.revision.data, reason=form.reason.data
        )
        return _here(concept, _("U heeft het concept goedgekeurd."))

    return _act(concept, form, "approve_form", act)


@bp.post("/concept/<public_id>/plannen")
@publisher_required
def schedule(public_id: str):
    concept, form = load_concept(public_id), ScheduleForm()

    def act():
        hours, minutes = (int(part) for part in form.time.data.replace(".", ":").split(":"))
        at = utc_moment(form.day.data, time(hours, minutes))
        publishing.schedule(
            get_session(), actor(), concept, expected_revision=form.revision.data, at=at, note=form.note.data
        )
        return _here(concept, _("Het concept gaat online op het moment dat u koos."))

    return _act(concept, form, "schedule_form", act)


@bp.post("/concept/<public_id>/weggooien")
@publisher_required
def discard_concept(public_id: str):
    concept, form = load_concept(public_id), DiscardForm()

    def act():
        discard(get_session(), actor(), concept, form.revision.data)
        return url_for("formadmin.index"), _("Het concept is weggegooid.")

    return _act(concept, form, "discard_form", act)


@bp.get("/concept/<public_id>/kwaliteit")
@publisher_required
def quality_report(public_id: str):
    concept = load_concept(public_id)
    state = publishing.readiness(get_session(), concept)
    return render_template(
        "formadmin/quality.html",
        concept=concept,
        state=state,
        report=quality.report(concept.definition_yaml, state.result),
        problems=messages.shown(state.result.problems),
        browser=accessibility.browser_available(),
        check_form=CheckForm(revision=concept.revision),
    )


@bp.post("/concept/<public_id>/toegankelijkheid")
@publisher_required
def check_accessibility(public_id: str):
    concept, form = load_concept(public_id), CheckForm()

    def act():
        result = publishing.readiness(get_session(), concept).result
        pages = accessibility.preview_pages(result.definition) if result.definition else []
        publishing.record_accessibility(get_session(), actor(), concept, accessibility.accessibility_findings(pages))
        return url_for("formadmin.quality_report", public_id=concept.public_id), _("De controle is klaar.")

    return _act(concept, form, "check_form", act)


@bp.route("/<slug>/uit-gebruik", methods=["GET", "POST"])
@publisher_required
def retire(slug: str):
    if form_queries.live_version(get_session(), slug) is None:
        abort(404)
    form = RetireForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("formadmin/retire.html", slug=slug, form=form), status

    def act():
        message = {"nl": form.message_nl.data.strip(), "en": form.message_en.data.strip()}
        publishing.retire(get_session(), actor(), slug, message)
        return url_for("formadmin.index"), _("Het formulier is uit gebruik. Inwoners zien uw bericht.")

    return once.submit(form, act)
