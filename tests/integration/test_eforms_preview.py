"""The preview hook: the runner on a definition that is not published never creates a case or an outbox row."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.eforms.preview import render_pages
from portal.eforms.runner import Form
from portal.eforms.submit import preview_submit
from portal.formdefs.loader import shipped_paths
from portal.formdefs.validate import validate_file
from portal.models.cases import Zaak
from portal.models.notifications import OutboxMessage


def _definition(slug: str) -> dict:
    return next(validate_file(path).definition for path in shipped_paths() if path.stem == slug)


def test_a_preview_submit_says_which_outcome_without_writing_anything(app, db):
    definition = _definition("wmo-hulp-bij-het-huishouden")
    answers = {
        "voor_wie": "mijzelf",
        "wat_lukt_niet": ["koken"],
        "toelichting": "",
        "al_hulp": False,
        "huisgenoten": [],
        "gesprek": "telefonisch",
        "telefoonnummer": "0612345678",
    }
    with app.test_request_context():
        cases, mails = (db.scalar(select(func.count()).select_from(model)) for model in (Zaak, OutboxMessage))
        done = preview_submit(Form(definition, preview=True), answers, {})
        assert done.preview and done.reference == "" and done.rule["hand_off"]["choices"] == ["callback"]
        assert db.scalar(select(func.count()).select_from(Zaak)) == cases
        assert db.scalar(select(func.count()).select_from(OutboxMessage)) == mails


def test_render_pages_renders_every_step_check_answers_and_exit_with_the_banner(app):
    definition = _definition("wmo-hulp-bij-het-huishouden")
    with app.test_request_context():
        pages = render_pages(definition, "nl")
    ids = [page.step_id for page in pages]
    assert ids == [step["id"] for step in definition["steps"]] + ["check_answers", "exit:voor-iemand-anders"]
    assert all("Voorbeeld" in page.html for page in pages)
    assert "Stap 1 van" in pages[0].html
