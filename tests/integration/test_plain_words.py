"""Plain words where a resident reads: no "zaak", status names in the resident's words, a session notice that
does not contradict itself, a phone number with hours, one date when promise and law agree, and after sending
something the page says what happens next and when."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from portal.cases import service
from tests.support.cases import add_task, make_case
from tests.support.forms import csrf_token

MEREL = "999993847"
ZAAK = re.compile(r"\bzaa?k(en|nummer)?\b", re.I)
CASETYPES = Path(__file__).resolve().parents[2] / "casetypes"


def test_resident_pages_do_not_say_zaak(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL, "verhuizing", started_days_ago=40)
    taak = add_task(db, zaak)
    service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Hoe gaat het?", afzender="Sanne")
    for path in (
        "/",
        "/mijn-overzicht",
        "/mijn-zaken",
        f"/mijn-zaken/{zaak.identificatie}",
        f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}",
        "/mijn-gegevens",
        "/mijn-gegevens/meldingen",
        "/mijn-gegevens/klopt-niet",
        "/privacy",
        "/toegankelijkheid",
        "/contact",
    ):
        text = parse_page(client.get(path)).body_text
        assert not ZAAK.search(text), f"{path}: {ZAAK.search(text).group(0)!r}"


def test_status_names_say_what_happens_in_the_residents_words():
    for path in sorted(CASETYPES.glob("*.yaml")):
        for step in yaml.safe_load(path.read_text(encoding="utf-8"))["statustypen"]:
            name = step["omschrijving"]["nl"]
            assert re.search(r"\b(we|u|uw|ons|het)\b", name, re.I), f"{path.name}: {name!r} names an office step"
    verbouwing = yaml.safe_load((CASETYPES / "omgevingsvergunning-aanbouw.yaml").read_text(encoding="utf-8"))
    assert "We bekijken uw aanvraag" in [step["omschrijving"]["nl"] for step in verbouwing["statustypen"]]


def test_the_session_notice_says_one_thing(client, login, parse_page):
    login(MEREL)
    text = parse_page(client.get("/mijn-overzicht")).body_text
    assert re.search(r"Doet u niets\? Dan logt u om \d\d:\d\d automatisch uit\.", text)
    assert "in elk geval" not in text


def test_call_us_gives_the_number_and_the_hours(client, login, parse_page, db, app, monkeypatch):
    monkeypatch.setitem(app.config, "MUNICIPALITY_PHONE", "14 030")
    contact = client.get("/contact").get_data(as_text=True)
    assert 'href="tel:14030">14 030</a>' in contact and "werkdagen van 8.30 tot 17.00 uur" in contact
    login(MEREL)
    late = make_case(db, MEREL, "verhuizing", started_days_ago=40)
    text = parse_page(client.get(f"/mijn-zaken/{late.identificatie}")).body_text
    assert "Of bel ons op 14 030" in text and "8.30 tot 17.00 uur" in text


def test_a_promise_and_a_legal_deadline_on_the_same_day_are_shown_once(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL, "verhuizing")
    zaak.uiterlijke_einddatum_afdoening = zaak.einddatum_gepland
    db.flush()
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "Dat beloven we, en dat zegt ook de wet." in text
    assert "We hebben beloofd klaar te zijn op" not in text and "volgens de wet" not in text


def test_a_promise_and_a_later_legal_deadline_are_both_shown(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL, "verhuizing")  # 5 days promised, 28 by law
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "We hebben beloofd klaar te zijn op" in text and "Op zijn laatst klaar volgens de wet" in text


def test_after_a_message_the_page_says_when_we_answer(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    path = f"/mijn-zaken/{zaak.identificatie}"
    client.post(
        f"{path}/berichten",
        data={"csrf_token": csrf_token(client, path), "onderwerp": "Vraag", "tekst": "Wanneer hoor ik iets?"},
    )
    text = parse_page(client.get(path)).body_text
    assert "Uw bericht is verstuurd. We antwoorden binnen 3 werkdagen." in text


def test_after_a_task_answer_the_page_says_what_happens_next(client, login, parse_page, db):
    login(MEREL)
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    path = f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}"
    client.post(
        path,
        data={"csrf_token": csrf_token(client, path), "antwoord": "Zie bijlage."},
        content_type="multipart/form-data",
    )
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "We kijken ernaar binnen 3 werkdagen. Daarna gaan we verder met uw aanvraag." in text


def test_after_a_correction_report_the_page_says_when_we_answer(client, login, parse_page):
    login(MEREL)
    path = "/mijn-gegevens/klopt-niet"
    response = client.post(
        path, data={"csrf_token": csrf_token(client, path), "topic": "adres", "explanation": "Huisnummer 33"}
    )
    text = parse_page(client.get(response.headers["Location"])).body_text  # the report is a case now
    assert "We kijken uw melding na." in text and "Verwacht klaar op" in text


def test_dutch_content_on_english_pages_is_marked_lang_nl(client, login, db):
    login("999993653")
    zaak = make_case(db, "999993653", "verhuizing", started_days_ago=40)
    service.record_delay(db, zaak, reden="We moeten eerst langskomen.", verwachte_einddatum=None)
    service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Hoe gaat het?", afzender="Sanne")
    taak = add_task(db, zaak, titel="Stuur ons uw huurcontract")
    client.get("/taal/en")
    details = client.get("/mijn-gegevens").get_data(as_text=True)
    assert '<span lang="nl">Franse</span>' in details  # a BRP table text (Suzanne Moulin is French)
    case = client.get(f"/mijn-zaken/{zaak.identificatie}").get_data(as_text=True)
    for staff_text in ("We moeten eerst langskomen.", "Vraag", "Hoe gaat het?", "Stuur ons uw huurcontract"):
        assert f'<span lang="nl">{staff_text}</span>' in case, staff_text
    assert "Reporting a move" in case and '<span lang="nl">Verhuizing doorgeven</span>' not in case
    task = client.get(f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}").get_data(as_text=True)
    assert '<span lang="nl">We missen een tekening.</span>' in task


def test_dutch_pages_do_not_mark_their_own_language(client, login, db):
    login("999993653")
    assert 'lang="nl">' not in client.get("/mijn-gegevens").get_data(as_text=True).split("<html", 1)[1].split(">", 1)[1]
