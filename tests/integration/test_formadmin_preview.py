"""The staff preview of a concept: the runner's own pages on the concept, answers in the staff member's
session, never a draft, a case or an outbox row; only for staff with the form-publisher role."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.formadmin import concepts
from portal.formadmin.concepts import Actor
from portal.formadmin.preview import SESSION_KEY
from portal.models.cases import Zaak
from portal.models.eforms import FormDraft, FormSubmission
from portal.models.notifications import OutboxMessage
from portal.models.processing_log import ProcessingLogEntry
from portal.queries import formadmin as queries
from tests.support.eforms import csrf_of, post_step, publish_shipped
from tests.support.formadmin import submit

BASE = "/medewerkers/formulieren/"
WMO = "wmo-hulp-bij-het-huishouden"
FATIMA = {"name": "Fatima El Amrani", "sub": "staff-sub-fatima"}


def _wmo_concept(app, client, staff_login, slug="wmo-proef"):
    publish_shipped(app)
    staff_login("formulierbeheerder", **FATIMA)
    response = submit(client, BASE, f"{BASE}kopie", {"kopie-source": WMO, "kopie-slug": slug})
    assert response.status_code == 302, response.text[:300]
    return response.headers["Location"].rsplit("/", 1)[1]


def _counts(db) -> list[int]:
    models = (FormDraft, FormSubmission, Zaak, OutboxMessage)
    return [db.scalar(select(func.count()).select_from(model)) for model in models]


def _begin(client, preview: str) -> str:
    start = client.get(preview)
    assert start.status_code == 200 and "Voorbeeld" in start.text and "Hulp bij het huishouden vragen" in start.text
    response = client.post(preview, data={"csrf_token": csrf_of(start.text)})
    assert response.status_code == 302
    return response.headers["Location"]


def test_a_publisher_walks_the_whole_route_and_sees_the_outcome_without_any_row_written(app, client, staff_login, db):
    public_id = _wmo_concept(app, client, staff_login)
    before = _counts(db)
    preview = f"{BASE}concept/{public_id}/voorbeeld/"
    step = _begin(client, preview)
    assert step == f"{preview}stap/voor-wie"
    empty = post_step(client, step, {})
    assert empty.status_code == 400 and "Kies voor wie u hulp vraagt" in empty.text and "Voorbeeld" in empty.text
    exit_page = post_step(client, step, {"voor_wie": "iemand-anders"})
    assert exit_page.headers["Location"] == f"{preview}kan-niet-verder/voor-iemand-anders"
    page = client.get(exit_page.headers["Location"])
    assert page.status_code == 200 and "Bel het Wmo-loket" in page.text and "Voorbeeld" in page.text
    answers = [
        ("voor-wie", {"voor_wie": "mijzelf"}, "situatie"),
        ("situatie", {"wat_lukt_niet": "koken"}, "toelichting"),
        ("toelichting", {"toelichting": ""}, "al-hulp"),
        ("al-hulp", {"al_hulp": "ja"}, "welke-hulp"),  # the route recomputed from the answer
        ("welke-hulp", {"huidige_hulp": "Mijn buurvrouw kookt."}, "huisgenoten"),
        ("huisgenoten", {"actie": "verder"}, "gesprek"),
        ("gesprek", {"gesprek": "telefonisch"}, "telefoon"),
        ("telefoon", {"telefoonnummer": "06 12345678"}, "controleren"),
    ]
    for step_id, data, target in answers:
        response = post_step(client, f"{preview}stap/{step_id}", data)
        assert response.status_code == 302, (step_id, response.text[:2000])
        assert response.headers["Location"].split("?")[0].rsplit("/", 1)[1] == target, step_id
    check = client.get(f"{preview}controleren")
    assert check.status_code == 200 and "Mijn buurvrouw kookt." in check.text and "Voorbeeld" in check.text
    assert "no-store" in check.headers["Cache-Control"]
    assert f'href="{preview}stap/gesprek?wijzig=1"' in check.text  # change links stay in the preview
    sent = client.post(f"{preview}controleren", data={"csrf_token": csrf_of(check.text)})
    assert sent.status_code == 302 and sent.headers["Location"] == f"{preview}uitkomst"
    outcome = client.get(sent.headers["Location"])
    assert outcome.status_code == 200 and "Voorbeeld" in outcome.text
    assert "wmo-huishouden" in outcome.text and "Laten terugbellen" in outcome.text
    assert "Een afspraak maken" not in outcome.text  # who wants to be called gets the callback only
    assert f'href="{BASE}concept/{public_id}">Terug naar het concept' in outcome.text  # in the banner
    assert _counts(db) == before
    with client.session_transaction() as session:
        assert session[SESSION_KEY][f"{public_id}:1"]["answers"]["gesprek"] == "telefonisch"


def test_a_change_link_goes_back_to_check_answers_and_a_new_route_to_its_step(app, client, staff_login):
    public_id = _wmo_concept(app, client, staff_login)
    preview = f"{BASE}concept/{public_id}/voorbeeld/"
    _begin(client, preview)
    for step_id, data in [
        ("voor-wie", {"voor_wie": "mijzelf"}),
        ("situatie", {"wat_lukt_niet": "koken"}),
        ("toelichting", {}),
        ("al-hulp", {"al_hulp": "nee"}),
        ("huisgenoten", {"actie": "verder"}),
        ("gesprek", {"gesprek": "thuis"}),
        ("telefoon", {"telefoonnummer": "06 12345678"}),
    ]:
        assert post_step(client, f"{preview}stap/{step_id}", data).status_code == 302
    outcome = client.get(f"{preview}uitkomst")
    assert "Een afspraak maken" in outcome.text and "wmo-gesprek" in outcome.text
    changed = post_step(client, f"{preview}stap/al-hulp?wijzig=1", {"al_hulp": "ja", "wijzig": "1"})
    assert changed.headers["Location"] == f"{preview}stap/welke-hulp"  # the change made a new step necessary
    assert client.get(f"{preview}uitkomst").headers["Location"] == f"{preview}stap/welke-hulp"


def test_a_new_revision_of_the_concept_starts_a_fresh_preview(app, client, staff_login, db):
    public_id = _wmo_concept(app, client, staff_login)
    preview = f"{BASE}concept/{public_id}/voorbeeld/"
    _begin(client, preview)
    assert post_step(client, f"{preview}stap/voor-wie", {"voor_wie": "mijzelf"}).status_code == 302
    assert client.get(f"{preview}stap/situatie").status_code == 200
    concept = queries.get_concept(db, public_id)
    text = concept.definition_yaml.replace("Wat lukt niet meer goed?", "Wat lukt niet meer?")
    concepts.save(db, Actor(FATIMA["sub"], FATIMA["name"]), concept, text, concept.revision)
    again = client.get(f"{preview}stap/situatie")
    assert again.status_code == 302 and again.headers["Location"] == f"{preview}stap/voor-wie"
    with client.session_transaction() as session:
        assert list(session[SESSION_KEY]) == [f"{public_id}:1"]  # not written again until a step is answered
    post_step(client, f"{preview}stap/voor-wie", {"voor_wie": "mijzelf"})
    with client.session_transaction() as session:
        assert list(session[SESSION_KEY]) == [f"{public_id}:2"]  # the old revision's answers are gone
    assert "Wat lukt niet meer?" in client.get(f"{preview}stap/situatie").text


def test_other_staff_and_residents_never_reach_the_preview(app, client, staff_login, login):
    public_id = _wmo_concept(app, client, staff_login)
    preview = f"{BASE}concept/{public_id}/voorbeeld/"
    staff_login("zaakbehandelaar")
    refused = client.get(preview)
    assert refused.status_code == 403 and "Alleen wie formulieren beheert" in refused.text
    assert client.post(f"{preview}stap/voor-wie", data={"voor_wie": "mijzelf"}).status_code in (400, 403)
    with client.session_transaction() as session:
        session.clear()
    login()
    resident = client.get(f"{preview}stap/voor-wie")
    assert resident.status_code == 302 and resident.headers["Location"].endswith("/medewerker/inloggen")
    assert "Voorbeeld" not in client.get(f"{preview}controleren", follow_redirects=False).text


def test_a_concept_with_errors_or_an_unknown_concept_has_no_preview(app, client, staff_login, db):
    public_id = _wmo_concept(app, client, staff_login)
    concept = queries.get_concept(db, public_id)
    concepts.save(db, Actor(FATIMA["sub"], FATIMA["name"]), concept, "slug: [kapot", concept.revision)
    broken = client.get(f"{BASE}concept/{public_id}/voorbeeld/")
    assert broken.status_code == 409 and "Het concept heeft fouten" in broken.text
    assert "Bekijk als inwoner" not in client.get(f"{BASE}concept/{public_id}").text
    assert client.get(f"{BASE}concept/onbekend/voorbeeld/").status_code == 404


def test_the_concept_page_and_the_builder_link_to_the_preview(app, client, staff_login):
    public_id = _wmo_concept(app, client, staff_login)
    link = f'href="{BASE}concept/{public_id}/voorbeeld/"'
    assert link in client.get(f"{BASE}concept/{public_id}").text
    builder = client.get(f"{BASE}concept/{public_id}/bouwer/")
    assert builder.status_code == 200, builder.status_code
    assert link in builder.text and "Bekijk als inwoner (voorbeeld)" in builder.text


def test_a_page_off_the_route_or_a_tampered_post_is_refused_and_nothing_is_stored(app, client, staff_login):
    public_id = _wmo_concept(app, client, staff_login)
    preview = f"{BASE}concept/{public_id}/voorbeeld/"
    _begin(client, preview)
    first = f"{preview}stap/voor-wie"
    for path in ("kan-niet-verder/voor-iemand-anders", "controleren", "uitkomst", "stap/bestaat-niet", "stap/gesprek"):
        response = client.get(f"{preview}{path}")
        assert response.status_code == 302 and response.headers["Location"] == first, path
    tampered = post_step(client, first, {"voor_wie": "mijzelf", "bsn": "999993653"})
    assert tampered.status_code == 400 and "Het formulier bevat gegevens die we niet kennen" in tampered.text
    with client.session_transaction() as session:
        assert session[SESSION_KEY][f"{public_id}:1"]["answers"] == {}
    no_csrf = client.post(f"{preview}stap/voor-wie", data={"voor_wie": "mijzelf"})
    assert no_csrf.status_code == 400


def test_the_preview_shows_the_brp_facts_of_an_example_person_marked_as_such(app, client, staff_login, db):
    """A publisher sees what a resident sees: the facts filled in (an RvIG test person), not "Niet bekend",
    each said to be an example; and the preview reads no BRP (no processing-log record)."""
    publish_shipped(app)
    staff_login("formulierbeheerder", **FATIMA)
    made = submit(client, BASE, f"{BASE}kopie", {"kopie-source": "verhuizing-doorgeven", "kopie-slug": "verhuis-proef"})
    preview = f"{BASE}concept/{made.headers['Location'].rsplit('/', 1)[1]}/voorbeeld/"
    reads_before = db.scalar(select(func.count()).select_from(ProcessingLogEntry))
    start = client.get(preview)
    step = client.post(preview, data={"csrf_token": csrf_of(start.text)}).headers["Location"]
    facts = post_step(client, step, {"binnen_nederland": "ja"}).headers["Location"]
    assert facts.endswith("/stap/huidige-gegevens")
    page = client.get(facts).text
    assert "Suzanne Moulin" in page and "Boterdiep 31" in page and "Niet bekend" not in page
    assert page.count("dit is een gegeven van een testpersoon") == 2
    assert "999993653" not in page
    assert db.scalar(select(func.count()).select_from(ProcessingLogEntry)) == reads_before
