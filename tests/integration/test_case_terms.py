"""Stopping the clock (opschorting) and extending the term (verlenging) of a case, by staff; what residents see."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from portal.cases import opschorting, planning, service, views
from portal.cases.termijnen import Termijn, term_end
from portal.i18n import clock_time, local_today, long_date, utc_moment
from portal.models.notifications import OutboxMessage, ResidentContact
from portal.staff import queue as staff_queue
from portal.staff import views as staff_views
from tests.support.cases import add_task, make_case, zaaktype
from tests.support.forms import csrf_token

SUZANNE = "999993653"
EIGHT_WEEKS = Termijn(8, "weken")  # the omgevingsvergunning's norm


def _post(client, zaak, action: str, data: dict):
    page = f"/medewerker/zaken/{zaak.identificatie}"
    return client.post(f"{page}/{action}", data={"csrf_token": csrf_token(client, page), **data})


def _permit(db, days_ago: int = 0):
    return make_case(db, SUZANNE, "omgevingsvergunning-aanbouw", started_days_ago=days_ago)


def test_a_case_worker_stops_the_clock_and_the_resident_sees_why(db, client, staff_login, login, parse_page):
    zaak = _permit(db, days_ago=10)
    staff_login("zaakbehandelaar")
    response = _post(client, zaak, "opschorten", {"opschorten-reden": "We wachten op uw bouwtekening."})
    assert response.status_code == 302
    db.refresh(zaak)
    assert (zaak.opschorting_indicatie, zaak.opschorting_reden) == (True, "We wachten op uw bouwtekening.")
    assert zaak.opgeschort_sinds == local_today()
    login(SUZANNE)
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "We wachten op u" in text and "We wachten op uw bouwtekening." in text
    assert "Elke dag dat we wachten, schuift onze datum een dag op." in text
    listing = parse_page(client.get("/mijn-zaken")).body_text
    assert "We wachten op u" in listing


def test_letting_the_clock_run_again_moves_both_dates_by_the_days_it_stood_still(db, client, staff_login):
    zaak = _permit(db, days_ago=20)
    opschorting.suspend(db, zaak, reden="We wachten op de tekening.")
    zaak.opgeschort_sinds = local_today() - timedelta(days=9)  # it has stood still for nine days
    db.flush()
    staff_login("zaakbehandelaar")
    response = _post(client, zaak, "hervatten", {})
    assert response.status_code == 302
    db.refresh(zaak)
    assert not zaak.opschorting_indicatie and zaak.opgeschort_sinds is None
    assert zaak.opgeschorte_dagen == 9
    norm = opschorting.deadlines(zaak.zaaktype, zaak.startdatum, 9)
    assert (zaak.einddatum_gepland, zaak.uiterlijke_einddatum_afdoening) == norm
    assert zaak.einddatum_gepland == term_end(zaak.startdatum, EIGHT_WEEKS, 9)


def test_the_clock_runs_again_when_the_resident_answered_every_question(db, client, login):
    zaak = _permit(db)
    taak = add_task(db, zaak)
    opschorting.suspend(db, zaak, reden="We wachten op de tekening.")
    login(SUZANNE)
    page = f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}"
    response = client.post(page, data={"csrf_token": csrf_token(client, page), "antwoord": "Hierbij de tekening."})
    assert response.status_code == 302
    db.refresh(zaak)
    assert not zaak.opschorting_indicatie


def test_a_case_type_that_cannot_stop_refuses_it_with_the_reason(db, client, staff_login, parse_page):
    zaak = make_case(db, SUZANNE, "terugbelverzoek")
    staff_login("zaakbehandelaar")
    assert "Termijn stilzetten" not in client.get(f"/medewerker/zaken/{zaak.identificatie}").get_data(as_text=True)
    response = _post(client, zaak, "opschorten", {"opschorten-reden": "Wachten"})
    assert response.status_code == 409
    assert "Bij deze soort aanvraag kan dat niet" in parse_page(response).body_text
    db.refresh(zaak)
    assert not zaak.opschorting_indicatie


def test_stopping_twice_keeps_the_first_stop(db, client, staff_login, parse_page):
    zaak = _permit(db)
    staff_login("zaakbehandelaar")
    assert _post(client, zaak, "opschorten", {"opschorten-reden": "Eerste reden"}).status_code == 302
    second = _post(client, zaak, "opschorten", {"opschorten-reden": "Tweede reden"})
    assert second.status_code == 409
    assert "hij staat al stil" in parse_page(second).body_text
    db.refresh(zaak)
    assert zaak.opschorting_reden == "Eerste reden"


@pytest.mark.parametrize(
    ("reden", "message"),
    [
        ("", "Schrijf waarom de termijn stilstaat"),
        ("x" * 201, "Schrijf de reden in niet meer dan 200 tekens"),
        ("We wachten\x00 op u", "Dit veld bevat een teken dat we niet kunnen opslaan"),  # portal/forms.py, every form
    ],
)
def test_a_bad_reason_is_refused_and_what_was_typed_stays(db, client, staff_login, parse_page, reden, message):
    zaak = _permit(db)
    staff_login("zaakbehandelaar")
    response = _post(client, zaak, "opschorten", {"opschorten-reden": reden})
    assert response.status_code == 400
    page = parse_page(response)
    assert page.title.startswith("Fout: ")
    assert message in page.body_text
    if reden and "\x00" not in reden:
        assert reden in response.get_data(as_text=True)


def test_a_case_worker_extends_the_term_once_and_the_resident_sees_the_new_date(
    db, client, staff_login, login, parse_page
):
    db.add(ResidentContact(bsn=SUZANNE, email="suzanne@example.nl", notify_by_email=True))
    zaak = _permit(db)
    before = zaak.einddatum_gepland
    staff_login("zaakbehandelaar")
    response = _post(client, zaak, "verlengen", {"verlengen-duur": "14", "verlengen-reden": "We vragen advies."})
    assert response.status_code == 302
    db.refresh(zaak)
    assert (zaak.verlenging_duur_dagen, zaak.verlenging_reden) == (14, "We vragen advies.")
    assert zaak.einddatum_gepland == term_end(zaak.startdatum, EIGHT_WEEKS, 14) and zaak.einddatum_gepland > before
    assert db.query(OutboxMessage).filter_by(kind="status").count() == 2  # the start, and the extension
    again = _post(client, zaak, "verlengen", {"verlengen-duur": "7", "verlengen-reden": "Nog eens."})
    assert again.status_code == 409
    assert "al een keer verlengd" in parse_page(again).body_text
    login(SUZANNE)
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "We hebben de termijn met 14 dagen verlengd." in text and "We vragen advies." in text
    assert "We zijn nu klaar op" in text


@pytest.mark.parametrize(
    ("duur", "status"), [("0", 400), ("43", 400), ("-3", 400), ("twee", 400), ("", 400), ("9" * 40, 400), ("١٤", 400)]
)
def test_an_extension_outside_the_case_type_limit_is_refused(db, client, staff_login, parse_page, duur, status):
    zaak = _permit(db)
    staff_login("zaakbehandelaar")
    response = _post(client, zaak, "verlengen", {"verlengen-duur": duur, "verlengen-reden": "Advies nodig."})
    assert response.status_code == status
    text = parse_page(response).body_text
    assert ("Vul een aantal dagen in van 1 tot en met 42" in text) or (duur == "" and "Vul het aantal dagen in" in text)
    db.refresh(zaak)
    assert zaak.verlenging_duur_dagen is None


def test_a_case_type_without_extension_refuses_it(db, client, staff_login, parse_page):
    zaak = make_case(db, SUZANNE, "verhuizing")
    staff_login("zaakbehandelaar")
    assert "Termijn verlengen" not in client.get(f"/medewerker/zaken/{zaak.identificatie}").get_data(as_text=True)
    response = _post(client, zaak, "verlengen", {"verlengen-duur": "3", "verlengen-reden": "Druk."})
    assert response.status_code == 409
    assert "Bij deze soort aanvraag kan dat niet" in parse_page(response).body_text


def test_kcc_staff_cannot_stop_or_extend(db, client, staff_login):
    zaak = _permit(db)
    staff_login("kcc", name="Kees")
    assert _post(client, zaak, "opschorten", {"opschorten-reden": "Wachten"}).status_code == 403
    assert _post(client, zaak, "verlengen", {"verlengen-duur": "3", "verlengen-reden": "Druk."}).status_code == 403


def test_a_plan_past_the_promise_shows_the_delay_to_the_resident_before_it_is_late(db, client, login, parse_page):
    # Melding openbare ruimte: 14 days promised, started 10 days ago, still at step 1 (1 + 7 days to go).
    zaak = make_case(db, SUZANNE, "melding-openbare-ruimte", started_days_ago=10)
    login(SUZANNE)
    text = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "Dit duurt waarschijnlijk langer" in text
    assert "Later klaar dan we hadden beloofd" not in text  # not late yet
    assert "later dan we hadden beloofd" in parse_page(client.get("/mijn-zaken")).body_text


def test_the_queue_shows_a_stopped_clock_and_the_date_as_it_stands(db, client, staff_login, parse_page):
    zaak = _permit(db, days_ago=60)  # eight weeks were promised: late without the stop
    opschorting.suspend(db, zaak, reden="We wachten op de tekening.")
    zaak.opgeschort_sinds = local_today() - timedelta(days=10)
    db.flush()
    staff_login("zaakbehandelaar")
    text = parse_page(client.get("/medewerker/werkvoorraad?zaaktype=omgevingsvergunning-aanbouw")).body_text
    assert "Termijn staat stil" in text
    assert "te laat" not in text.split(zaak.identificatie, 1)[1].split("ZK-", 1)[0]


def test_dates_on_pages_are_the_amsterdam_date_also_just_after_midnight(app):
    with app.test_request_context("/"):
        assert long_date(datetime(2026, 3, 9, 23, 30)) == "10 maart 2026"  # 00:30 in Amsterdam
        assert clock_time(datetime(2026, 3, 9, 23, 30)) == "00:30"
        assert long_date(datetime(2026, 10, 24, 22, 30)) == "25 oktober 2026"  # summer time: 00:30
        assert long_date(date(2026, 3, 9)) == "9 maart 2026"


def test_the_legal_deadline_stands_still_with_the_clock(db):
    zaak = _permit(db, days_ago=70)  # the eight legal weeks ran out two weeks ago
    opschorting.suspend(db, zaak, reden="We wachten op de tekening.")
    zaak.opgeschort_sinds = local_today() - timedelta(days=20)  # stopped before the legal term ran out
    assert planning.legal_end(zaak, local_today()) == term_end(zaak.startdatum, EIGHT_WEEKS, 20)
    assert planning.legal_end(zaak, local_today()) >= local_today()


def test_a_case_that_ends_while_the_clock_stands_still_ends_the_stop(db):
    zaak = _permit(db)
    opschorting.suspend(db, zaak, reden="We wachten op de tekening.")
    service.set_status(db, zaak, zaak.zaaktype.statustypen[-1].id, resultaat="Vergunning verleend")
    assert zaak.einddatum is not None and not zaak.opschorting_indicatie


def test_a_callback_asked_on_friday_is_not_late_on_monday_on_any_page(
    db, client, login, staff_login, parse_page, monkeypatch
):

    friday, monday = date(2026, 3, 6), date(2026, 3, 9)
    zaak = service.open_case(db, zaaktype(db, "terugbelverzoek"), SUZANNE, startdatum=friday)
    assert zaak.einddatum_gepland == date(2026, 3, 10)  # binnen twee werkdagen: Tuesday
    zaak.status_gezet_op = zaak.statussen[0].datum_status_gezet = utc_moment(friday, time(16, 45))
    zaak.registratiedatum = zaak.status_gezet_op
    db.flush()
    monkeypatch.setattr(views, "local_today", lambda: monday)
    monkeypatch.setattr(staff_views, "local_today", lambda: monday)
    monkeypatch.setattr(staff_queue, "local_today", lambda: monday)  # the queue is in portal/staff/queue.py
    login(SUZANNE)
    page = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "Dit duurt langer" not in page and "Verwacht klaar op 10 maart 2026" in page
    listing = parse_page(client.get("/mijn-zaken")).body_text
    assert "Verwacht klaar op 10 maart 2026" in listing
    staff_login("zaakbehandelaar")
    queue = parse_page(client.get("/medewerker/werkvoorraad?zaaktype=terugbelverzoek")).body_text
    assert "Nog 1 dag" in queue.split(zaak.identificatie, 1)[1]


def test_the_zgw_shapes_of_opschorting_and_verlenging_match_the_zaken_api(db):
    import yaml
    from jsonschema import Draft4Validator

    from tests.support.shared import SHARED, shared_file

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the spec is 14,000 lines
    spec = yaml.load(shared_file(SHARED / "specs" / "zgw" / "zaken-api-1.5.1-openapi.yaml").read_text(), loader)
    schemas = spec["components"]["schemas"]
    zaak = _permit(db)
    opschorting.suspend(db, zaak, reden="We wachten op de tekening.")
    opschorting.extend(db, zaak, duur_dagen=14, reden="We vragen advies.")
    shapes = opschorting.as_zgw(zaak)
    Draft4Validator(schemas["Opschorting"]).validate(shapes["opschorting"])
    Draft4Validator(schemas["Verlenging"]).validate(shapes["verlenging"])
    assert shapes == {
        "opschorting": {"indicatie": True, "reden": "We wachten op de tekening."},
        "verlenging": {"reden": "We vragen advies.", "duur": "P14D"},
    }


def test_the_stop_form_suggests_the_open_question_as_the_reason(db, client, staff_login):
    zaak = _permit(db)
    add_task(db, zaak, titel="Stuur ons de bouwtekening")
    staff_login("zaakbehandelaar")
    page = client.get(f"/medewerker/zaken/{zaak.identificatie}").get_data(as_text=True)
    assert "We wachten op uw antwoord op onze vraag: Stuur ons de bouwtekening</textarea>" in page


def test_a_double_clicked_extension_extends_once_and_shows_the_same_result(db, client, staff_login):
    import re

    zaak = _permit(db, days_ago=10)
    staff_login("zaakbehandelaar")
    page = client.get(f"/medewerker/zaken/{zaak.identificatie}").get_data(as_text=True)
    form = page[page.index('action="/medewerker/zaken/' + zaak.identificatie + '/verlengen"') :]
    token = re.search(r'name="verlengen-once_token"[^>]*value="([^"]+)"', form) or re.search(
        r'value="([^"]+)"[^>]*name="verlengen-once_token"', form
    )
    assert token, "the extend form carries a one-time token"
    data = {
        "csrf_token": csrf_token(client, f"/medewerker/zaken/{zaak.identificatie}"),
        "verlengen-once_token": token.group(1),
        "verlengen-duur": "14",
        "verlengen-reden": "We wachten op een advies van de brandweer.",
    }
    first = client.post(f"/medewerker/zaken/{zaak.identificatie}/verlengen", data=data)
    second = client.post(f"/medewerker/zaken/{zaak.identificatie}/verlengen", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    db.refresh(zaak)
    assert zaak.verlenging_duur_dagen == 14
