"""One start is one draft: a double-clicked or retried "Beginnen" (the same one-time token) and a second
tab (its own token, a moment later) lead to the same draft and the same next page; so does the first
question's answer posted twice before there is a draft. The parallel version is
tests/integration/test_eforms_start_concurrency.py (PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.models.eforms import FormDraft
from tests.support.eforms import csrf_of, draft_of, once_of, post_step, publish_shipped

WMO = "wmo-hulp-bij-het-huishouden"
TERUGBEL = "terugbelverzoek"
FIRST = f"/formulier/{TERUGBEL}/eerste-vraag"


@pytest.fixture
def forms(app):
    publish_shipped(app)


def drafts_of(db, slug: str) -> int:
    return db.scalar(select(func.count()).select_from(FormDraft).where(FormDraft.slug == slug))


def tokens(client, path: str) -> dict:
    page = client.get(path)
    return {"csrf_token": csrf_of(page.text), "once_token": once_of(page.text)}


def test_a_double_clicked_beginnen_makes_one_draft_and_goes_to_the_same_step(forms, client, login, db):
    login()
    start = f"/formulier/{WMO}"
    data = tokens(client, start)
    assert data["once_token"], "the start page carries a one-time token"
    first, second = client.post(start, data=data), client.post(start, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert drafts_of(db, WMO) == 1


def test_beginnen_in_a_second_tab_continues_the_draft_the_first_tab_just_made(forms, client, login, db):
    login()
    start = f"/formulier/{WMO}"
    tab_one, tab_two = tokens(client, start), tokens(client, start)
    assert tab_one["once_token"] != tab_two["once_token"]
    first, second = client.post(start, data=tab_one), client.post(start, data=tab_two)
    assert first.headers["Location"] == second.headers["Location"]
    assert drafts_of(db, WMO) == 1


def test_beginnen_after_answering_a_question_is_a_new_start_and_a_new_draft(forms, client, login, db):
    """Only a draft without answers is taken over: one with answers is work the resident may want to keep
    apart (Mijn overzicht lists both), so pressing "Beginnen" again on purpose starts afresh."""
    login()
    start = f"/formulier/{WMO}"
    step = client.post(start, data=tokens(client, start)).headers["Location"]
    post_step(client, step, {"voor_wie": "mijzelf"})
    again = client.post(start, data=tokens(client, start)).headers["Location"]
    assert draft_of(again) != draft_of(step) and drafts_of(db, WMO) == 2


def test_another_resident_pressing_beginnen_gets_a_draft_of_her_own(forms, app, client, login, db):
    login()
    start = f"/formulier/{WMO}"
    mine = client.post(start, data=tokens(client, start)).headers["Location"]
    other = app.test_client()
    with other.session_transaction() as session:
        session["resident"] = {"sub": "test-sub-other", "bsn": "999995078", "level": "midden"}
        session["_user_id"], session["_fresh"] = "test-sub-other", True
    theirs = other.post(start, data=tokens(other, start)).headers["Location"]
    assert draft_of(mine) != draft_of(theirs) and drafts_of(db, WMO) == 2


def test_the_first_answer_sent_twice_makes_one_draft_and_the_same_next_page(forms, client, login, db):
    login(level="basis")
    data = {**tokens(client, FIRST), "vraag": "Mijn afvalpas is kwijt"}
    first, second = client.post(FIRST, data=data), client.post(FIRST, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert first.headers["Location"].endswith("/telefoon") and drafts_of(db, TERUGBEL) == 1


def test_the_first_answer_from_a_second_tab_lands_on_the_same_draft(forms, client, login, db):
    """Two tabs answer the first question a moment apart: one draft, holding the last answer."""
    login(level="basis")
    tab_one, tab_two = tokens(client, FIRST), tokens(client, FIRST)
    first = client.post(FIRST, data={**tab_one, "vraag": "Mijn afvalpas is kwijt"})
    second = client.post(FIRST, data={**tab_two, "vraag": "Mijn afvalpas is stuk"})
    assert first.headers["Location"] == second.headers["Location"] and drafts_of(db, TERUGBEL) == 1
    draft = db.scalar(select(FormDraft).where(FormDraft.public_id == draft_of(second.headers["Location"])))
    db.refresh(draft)
    assert draft.answers["vraag"] == "Mijn afvalpas is stuk"
