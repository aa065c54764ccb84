"""The staff preview: the runner on a definition that is not published (no draft, no case, no outbox row).

`render_pages(definition, lang)` renders every step page (with empty answers), check answers and each exit
page, with the "Voorbeeld" banner, for the automated accessibility report of the publishing pages.
Call it inside a request context (the pages use url_for, the CSRF token and the language).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale

from portal.eforms.fields import FieldContext
from portal.eforms.pages import render_step, step_view
from portal.eforms.runner import Form, check_rows
from portal.eforms.submit import preview_submit  # noqa: F401  (the preview's "what would happen" at submit)
from portal.eforms.texts import loc
from portal.i18n import local_today

PREVIEW_DRAFT = "voorbeeld"


@dataclass(frozen=True)
class RenderedPage:
    step_id: str
    title: str
    html: str


class _PreviewDraft:
    public_id = PREVIEW_DRAFT
    answers: dict = {}
    prefill: dict = {}


def render_pages(definition: dict, lang: str) -> list[RenderedPage]:
    form = Form(definition, preview=True)
    pages = []
    with force_locale(lang):
        for step in form.definition["steps"]:
            view = step_view(form, step, {}, {})
            html = render_step(form, PREVIEW_DRAFT, view, lang=lang)
            pages.append(RenderedPage(step["id"], loc(step.get("title") or definition["title"], lang), html))
        ctx = FieldContext(lang=lang, prefill={}, today=local_today())
        html = render_template(
            "eforms/check.html",
            form=form,
            draft=_PreviewDraft(),
            rows=check_rows(form, {}, {}, ctx),
            send=None,
            lang=lang,
        )
        pages.append(
            RenderedPage("check_answers", loc((definition.get("check_answers") or {}).get("title"), lang), html)
        )
        for exit_id, page in (definition.get("exits") or {}).items():
            html = render_template("eforms/exit.html", form=form, draft=_PreviewDraft(), page=page, back="#", lang=lang)
            pages.append(RenderedPage(f"exit:{exit_id}", loc(page.get("title"), lang), html))
    return pages
