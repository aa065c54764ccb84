"""Back from DigiD after "Beginnen": the form's first question at once, without a draft until its valid POST
(a GET never makes a draft; an answer with an error or an unknown input makes none either)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from portal.eforms.first import first_step
from portal.models.eforms import FormDraft
from tests.support.eforms import csrf_of, draft_of, publish_shipped

TERUGBEL = "terugbelverzoek"
FIRST = f"/formulier/{TERUGBEL}/eerste-vraag"


@pytest.fixture
def forms(app):
    publish_shipped(app)


def drafts(db) -> int:
    return db.scalar(select(func.count()).select_from(FormDraft))


def test_the_login_after_beginnen_returns_to_the_first_question(forms, client):
    page = client.get(f"/formulier/{TERUGBEL}")
    gate = client.post(f"/formulier/{TERUGBEL}", data={"csrf_token": csrf_of(page.text)})
    assert gate.status_code == 302 and "/inloggen?niveau=basis" in gate.headers["Location"]
    with client.session_transaction() as session:
        assert session["login_next"] == FIRST
    assert client.get(FIRST).status_code == 302  # still not logged in: to DigiD, not to the question


def test_the_first_question_shows_without_making_a_draft(forms, client, login, db):
    login(level="basis")
    before = drafts(db)
    page = client.get(FIRST)
    assert page.status_code == 200 and "Waar gaat uw vraag over?" in page.text
    assert f'action="{FIRST}"' in page.text and "no-store" in page.headers["Cache-Control"]
    assert drafts(db) == before


def test_an_answer_with_an_error_is_shown_again_and_makes_no_draft(forms, client, login, db):
    login(level="basis")
    before = drafts(db)
    token = csrf_of(client.get(FIRST).text)
    empty = client.post(FIRST, data={"csrf_token": token, "vraag": ""})
    assert empty.status_code == 400 and "portal-error-summary" in empty.text
    assert "Vertel kort waar uw vraag over gaat" in empty.text
    tampered = client.post(FIRST, data={"csrf_token": token, "vraag": "Mijn pas", "bsn": "999993653"})
    assert tampered.status_code == 400 and "gegevens die we niet kennen" in tampered.text
    assert drafts(db) == before


def test_a_valid_first_answer_makes_the_draft_and_goes_to_the_second_question(forms, client, login, db):
    login(level="basis")
    token = csrf_of(client.get(FIRST).text)
    sent = client.post(FIRST, data={"csrf_token": token, "vraag": "Mijn afvalpas is kwijt"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/telefoon")
    draft = db.scalar(select(FormDraft).where(FormDraft.public_id == draft_of(sent.headers["Location"])))
    assert draft.answers["vraag"] == "Mijn afvalpas is kwijt" and draft.slug == TERUGBEL


def test_a_first_step_that_needs_a_draft_keeps_the_start_page(forms, client, login):
    prefilled = {"steps": [{"id": "a", "fields": [{"id": "naam", "type": "display", "prefill": "brp.naam"}]}]}
    family = {"steps": [{"id": "a", "fields": [{"id": "mee", "type": "family_member"}]}]}
    conditional = {"steps": [{"id": "a", "show_if": {"ref": "x"}, "fields": []}]}
    plain = {"steps": [{"id": "a", "fields": [{"id": "vraag", "type": "text"}]}]}
    for definition in (prefilled, family, conditional):
        assert first_step(SimpleNamespace(definition=definition)) is None
    assert first_step(SimpleNamespace(definition=plain))["id"] == "a"
