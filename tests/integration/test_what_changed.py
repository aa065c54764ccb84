"""What changed, for the resident: the email links to the case (through the login), Mijn zaken marks what is new,
the case page has one conversation, and the step text stops saying we wait once the resident answered."""

from __future__ import annotations

import re

from sqlalchemy import event, select

from portal.cases import service
from portal.models.cases import Bericht, Zaak
from portal.models.notifications import DevMail, ResidentContact
from portal.notifications import deliver_pending
from tests.support.cases import make_case
from tests.support.oidc import oidc_login

SUZANNE = "999993653"


def test_the_email_links_to_the_case_and_the_login_lands_there(app, client, mock_services, db):
    db.add(ResidentContact(bsn=SUZANNE, email="suzanne@example.nl", notify_by_email=True))
    zaak = make_case(db, SUZANNE)
    service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Hoe gaat het?", afzender="Sanne Jansen")
    with app.app_context():
        deliver_pending()
    body = db.scalars(select(DevMail)).all()[-1].body
    link = re.search(r"https?://\S+", body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]
    assert "/" + path == f"/mijn-zaken/{zaak.identificatie}"
    assert client.get("/" + path).headers["Location"].endswith("/inloggen-nodig")
    assert oidc_login(client, mock_services, bsn=SUZANNE).headers["Location"].rstrip("?") == "/" + path


def test_mijn_zaken_marks_what_is_new_until_the_resident_looks(client, login, parse_page, db):
    zaak = make_case(db, SUZANNE, "wmo-huishouden")
    quiet = make_case(db, SUZANNE, "uittreksel-brp")
    login(SUZANNE)
    assert "Nieuw" not in parse_page(client.get("/mijn-zaken")).body_text  # just sent in: nothing new yet
    service.set_status(db, zaak, zaak.zaaktype.statustypen[1].id, door="Sanne Jansen")
    service.message_to_resident(db, zaak, onderwerp="Afspraak", tekst="We komen langs.", afzender="Sanne Jansen")
    service.add_task(
        db,
        zaak,
        titel="Stuur uw loonstrook",
        toelichting="Van mei.",
        uiterlijk=zaak.startdatum.replace(year=zaak.startdatum.year + 1),
    )
    text = parse_page(client.get("/mijn-zaken")).body_text
    for mark in ("Nieuw bericht", "Nieuwe stap", "We hebben iets van u nodig"):
        assert text.count(mark) == 1, mark  # on the case that changed, not on the quiet one
    assert quiet.identificatie in text
    page = parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    assert "Sinds uw laatste bezoek" not in page  # the first visit: everything is new, no "since" to speak of
    text = parse_page(client.get("/mijn-zaken")).body_text
    assert "Nieuw bericht" not in text and "Nieuwe stap" not in text
    assert "We hebben iets van u nodig" in text  # until it is answered


def test_the_overview_links_to_the_case_with_the_new_message(client, login, parse_page, db):
    zaak = make_case(db, SUZANNE)
    service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Hoe gaat het?", afzender="Sanne Jansen")
    login(SUZANNE)
    page = parse_page(client.get("/mijn-overzicht"))
    assert "U heeft 1 nieuw bericht." in page.body_text
    assert f"/mijn-zaken/{zaak.identificatie}#gesprek" in page.links


def test_the_conversation_shows_both_sides_in_order_with_the_residents_answer(client, login, parse_page, db):
    zaak = make_case(db, SUZANNE)
    service.message_to_resident(
        db, zaak, onderwerp="We missen iets", tekst="Stuur de tekening.", afzender="Sanne Jansen"
    )
    taak = service.add_task(
        db, zaak, titel="Stuur de tekening", toelichting="Een PDF is goed.", uiterlijk=zaak.einddatum_gepland
    )
    service.answer_task(db, zaak, taak, antwoord="Hierbij de tekening.", files=[])
    service.message_from_resident(db, zaak, onderwerp="Tekening gestuurd", tekst="Hij staat erbij.")
    login(SUZANNE)
    html = client.get(f"/mijn-zaken/{zaak.identificatie}").get_data(as_text=True)
    conversation = html[html.index('<ol class="portal-conversation">') :]
    conversation = conversation[: conversation.index("</ol>")]
    order = ["We missen iets", "Vraag: Stuur de tekening", "Antwoord: Stuur de tekening", "Tekening gestuurd"]
    positions = [conversation.index(title) for title in order]
    assert positions == sorted(positions)
    assert conversation.count("<article") == 4 and "Hierbij de tekening." in conversation
    assert conversation.count("Van u,") == 2 and conversation.count("Van de gemeente,") == 2


def test_after_an_answer_the_step_no_longer_says_we_wait(client, login, parse_page, db):
    zaak = make_case(db, SUZANNE)
    service.set_status(db, zaak, zaak.zaaktype.statustypen[1].id, toelichting="We missen nog een tekening.")
    taak = service.add_task(
        db, zaak, titel="Stuur de tekening", toelichting="Een PDF is goed.", uiterlijk=zaak.einddatum_gepland
    )
    login(SUZANNE)
    assert "We missen nog een tekening." in parse_page(client.get(f"/mijn-zaken/{zaak.identificatie}")).body_text
    service.answer_task(db, zaak, taak, antwoord="Hierbij.", files=[])
    current = client.get(f"/mijn-zaken/{zaak.identificatie}").get_data(as_text=True)
    current = current[current.index('aria-current="step"') :]
    current = current[: current.index("</li>")]
    assert "uw antwoord gestuurd" in current and "We missen nog een tekening." not in current


def test_the_list_marks_are_one_query_whatever_the_number_of_cases(app, client, login, db, db_engine):
    login(SUZANNE)

    def statements_for_list() -> int:
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db_engine, "before_cursor_execute", listener)
        try:
            assert client.get("/mijn-zaken").status_code == 200
        finally:
            event.remove(db_engine, "before_cursor_execute", listener)
        return sum(1 for statement in seen if "zaak_gezien" in statement or "zaak_bericht" in statement)

    make_case(db, SUZANNE)
    few = statements_for_list()
    for _ in range(12):
        zaak = make_case(db, SUZANNE)
        db.add(Bericht(zaak_id=zaak.id, richting="gemeente", onderwerp="x", tekst="y"))
    db.flush()
    assert statements_for_list() == few == 1
    assert len(db.scalars(select(Zaak)).all()) == 13
