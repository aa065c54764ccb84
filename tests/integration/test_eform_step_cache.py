"""A step page of a resident's draft comes from the page cache (portal/eforms/stepcache.py), but never stale.

Each test first makes the step a cache hit, then changes what the page shows the way a resident does (an autosave,
a post from another tab or another device) or lets the draft's time run out, and checks the next GET.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.db import utcnow
from portal.eforms import flow, stepcache
from portal.eforms.cleanup import cleanup
from portal.models.eforms import FormDraft
from tests.support.eforms import begin, csrf_of, draft_of, post_step, publish_shipped

TERUGBEL = "terugbelverzoek"  # keep_days: 7


@pytest.fixture
def step(app, client, login):
    publish_shipped(app)
    login(level="basis", sub="cache-sub")
    return begin(client, TERUGBEL)


def _hits(app) -> int:
    return app.extensions["page_cache"].hits


def _warm(app, client, path: str) -> str:
    """GET the step until it comes from the cache; return that body."""
    client.get(path)  # the first GET notes the draft (stepcache.note), the second keeps the page
    client.get(path)
    hits = _hits(app)
    page = client.get(path)
    assert page.status_code == 200 and _hits(app) == hits + 1, "the step was not served from the cache"
    assert page.headers["Cache-Control"] == "no-store"
    return page.text


def _post(client, path: str, answer: str):
    return post_step(client, path, {"vraag": answer, "actie": "verder"})


def test_a_step_served_again_comes_from_the_cache_with_no_store(app, client, step):
    body = _warm(app, client, step)
    assert "Waar gaat uw vraag over?" in body and "Stap 1 van 3" in body


def test_an_autosave_is_on_the_step_at_once(app, client, step):
    assert "Over mijn afvalpas" not in _warm(app, client, step)
    assert _post(client, step, "Over mijn afvalpas").status_code == 302
    assert "Over mijn afvalpas" in client.get(step).text


def test_a_change_in_another_tab_is_on_the_step_at_once(app, client, step):
    assert _post(client, step, "Eerste antwoord").status_code == 302
    assert "Eerste antwoord" in _warm(app, client, step)
    other_tab = client.get(step)  # the same session: the page the second tab posts from
    answer = client.post(step, data={"csrf_token": csrf_of(other_tab.text), "vraag": "Tweede antwoord"})
    assert answer.status_code == 302
    again = client.get(step).text
    assert "Tweede antwoord" in again and "Eerste antwoord" not in again


def test_a_change_on_another_device_of_the_same_resident_is_on_the_step_at_once(app, client, step):
    assert "Vanaf mijn telefoon" not in _warm(app, client, step)
    device = app.test_client()
    with device.session_transaction() as session:
        session["resident"] = {"sub": "cache-sub", "bsn": "999993653", "level": "basis"}
        session["_user_id"] = "cache-sub"
    assert _post(device, step, "Vanaf mijn telefoon").status_code == 302
    assert "Vanaf mijn telefoon" in client.get(step).text


def test_an_expired_draft_is_not_served_from_the_cache_but_not_found(app, client, step, monkeypatch, caplog, db):
    _warm(app, client, step)
    later = utcnow() + timedelta(days=7, minutes=1)
    for module in (flow, stepcache):
        monkeypatch.setattr(module, "utcnow", lambda: later)
    with caplog.at_level(logging.WARNING, logger="portal.eforms"):
        gone = client.get(step)
    assert gone.status_code == 404 and "We kunnen dit formulier niet vinden" in gone.text
    assert "te oud" in gone.text and "draft expired" in caplog.text
    cleanup(db, now=later)
    assert db.scalar(select(FormDraft).where(FormDraft.public_id == draft_of(step))) is None
    assert client.get(step).status_code == 404


def test_an_unchanged_post_writes_nothing_and_still_goes_on(app, client, step, db):
    assert _post(client, step, "Over mijn afvalpas").headers["Location"].endswith("/telefoon")
    query = select(FormDraft.updated_at, FormDraft.answers).where(FormDraft.public_id == draft_of(step))
    before = db.execute(query).one()
    again = _post(client, step, "Over mijn afvalpas")
    assert again.status_code == 302 and again.headers["Location"].endswith("/telefoon")
    assert db.execute(query).one() == before
    changed = _post(client, step, "Toch iets anders")
    assert changed.status_code == 302
    assert db.execute(query).one().answers == {"vraag": "Toch iets anders"}


def test_a_form_without_login_is_never_served_from_the_cache_also_for_a_logged_in_resident(app, client, login):
    publish_shipped(app)
    login(level="basis")  # its writes do not mark the request as hers: her versions would not change
    first = begin(client, "melding-openbare-ruimte")
    hits = _hits(app)
    for _ in range(3):
        assert client.get(first).status_code == 200
    assert _hits(app) == hits


def test_a_logged_in_residents_draft_of_a_form_without_login_shows_on_her_cached_overview(app, client, login):
    publish_shipped(app)
    login(level="midden")
    client.get("/mijn-overzicht")
    client.get("/mijn-overzicht")
    hits = _hits(app)
    assert "Melding openbare ruimte" not in client.get("/mijn-overzicht").text
    assert _hits(app) == hits + 1  # the overview is a cache hit now
    first = begin(client, "melding-openbare-ruimte")
    assert post_step(client, first, {"soort": "straatverlichting", "actie": "verder"}).status_code == 302
    overview = client.get("/mijn-overzicht")
    assert overview.headers["Cache-Control"] == "no-store"
    assert "Melding openbare ruimte" in overview.text  # her versions changed with the draft: built anew
