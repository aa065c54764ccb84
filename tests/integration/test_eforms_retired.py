"""A retired form: its start page says where to go instead and starts no new draft; a resident who started
before the form was retired finishes on the version her draft is pinned to."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from portal.models.eforms import FormDraft, FormSubmission
from portal.queries import formadmin as queries
from tests.support.eforms import begin, csrf_of, once_of, post_step, publish_shipped

TERUGBEL = "terugbelverzoek"
MESSAGE = {"nl": "Bel ons op 14 0999. Dan helpen we u verder.", "en": "Call us on 14 0999. We will help you."}


@pytest.fixture
def forms(app):
    publish_shipped(app)


def _drafts(db) -> int:
    return db.scalar(select(func.count()).select_from(FormDraft))


def test_a_retired_form_shows_where_to_go_instead_and_no_start_button(forms, client, db):
    queries.retire_form(db, TERUGBEL, message=MESSAGE, staff_name="Fatima El Amrani")
    page = client.get(f"/formulier/{TERUGBEL}")
    assert page.status_code == 200
    assert "Dit formulier gebruiken we niet meer" in page.text and MESSAGE["nl"] in page.text
    assert "Beginnen" not in page.text and 'method="post"' not in page.text
    client.get(f"/taal/en?terug=/formulier/{TERUGBEL}")
    english = client.get(f"/formulier/{TERUGBEL}")
    assert MESSAGE["en"] in english.text and MESSAGE["nl"] not in english.text


def test_starting_a_new_draft_on_a_retired_form_is_refused_with_the_reason(forms, client, db, caplog):
    page = client.get(f"/formulier/{TERUGBEL}")
    queries.retire_form(db, TERUGBEL, message=MESSAGE, staff_name="Fatima El Amrani")
    before = _drafts(db)
    with caplog.at_level(logging.INFO, logger="portal.eforms"):
        refused = client.post(f"/formulier/{TERUGBEL}", data={"csrf_token": csrf_of(page.text)})
    assert refused.status_code == 410 and MESSAGE["nl"] in refused.text
    assert "the form is retired" in caplog.text
    assert _drafts(db) == before


def test_a_resident_who_started_before_the_form_was_retired_finishes_it(forms, client, login, db):
    login(level="basis")
    step = begin(client, TERUGBEL)
    answer = post_step(client, step, {"vraag": "Mijn vuilnis is niet opgehaald", "actie": "verder"})
    queries.retire_form(db, TERUGBEL, message=MESSAGE, staff_name="Fatima El Amrani")
    answer = post_step(client, answer.headers["Location"], {"telefoonnummer": "06 12345678"})
    answer = post_step(client, answer.headers["Location"], {"dagdeel": "ochtend"})
    check_path = answer.headers["Location"]
    assert check_path.endswith("/controleren")
    check = client.get(check_path)
    sent = client.post(check_path, data={"csrf_token": csrf_of(check.text), "once_token": once_of(check.text)})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/verstuurd")
    assert db.scalar(select(func.count()).select_from(FormSubmission).where(FormSubmission.slug == TERUGBEL)) == 1
