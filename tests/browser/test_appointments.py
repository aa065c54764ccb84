"""Booking, moving and cancelling in a real browser (JS on and off), every page checked with axe and for
reflow at 320 px; with MG_SCREENSHOTS, screenshots at 320 and 1280 px go to /tmp/appointments-*.png."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import update

from tests.browser.support import assert_accessible, dev_screenshots, in_portal, log_in_as_staff, log_in_with_mock_digid

BOUWPLAN = "Vooroverleg over een bouwplan"


def _committed(portal, action):
    """`in_portal`, then commit what the action arranged (an app context's teardown only closes the session)."""

    def run(db):
        result = action(db)
        db.commit()
        return result

    return in_portal(portal, run)


def check(page, name: str | None = None) -> None:
    page.wait_for_load_state("load")
    assert_accessible(page)  # reflow at 320 px included
    if name:
        dev_screenshots(page, f"appointments-{name}")


def _to_check_page(page, product: str = BOUWPLAN, shots: bool = False):
    page.goto("/afspraak-maken")
    check(page, "start" if shots else None)
    page.get_by_role("link", name=product).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een dag")
    check(page, "days" if shots else None)
    page.locator(".portal-days a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een tijd")
    check(page, "times" if shots else None)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw afspraak")


def test_book_and_cancel_without_login(visit, js):
    page = visit
    _to_check_page(page, shots=js)
    page.get_by_role("button", name="Afspraak bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw afspraak")  # errors: same page
    assert page.title().startswith("Fout: ")
    check(page, "check-errors" if js else None)
    page.get_by_label("Uw naam").fill("Jan de Vries")
    page.get_by_label("E-mailadres").fill("jan.browser@example.nl")
    check(page, "check" if js else None)
    page.get_by_role("button", name="Afspraak bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak")
    expect(page.get_by_text("Uw afspraak is gemaakt")).to_be_visible()
    check(page, "appointment" if js else None)
    page.get_by_role("link", name="Afspraak annuleren").click()
    check(page, "cancel" if js else None)
    page.get_by_role("button", name="Ja, annuleer de afspraak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak is geannuleerd")
    check(page, "cancelled" if js else None)


def test_suzanne_books_a_passport_for_two_moves_it_and_cancels_it(visit, js):
    page = visit
    log_in_with_mock_digid(page, check=False)
    page.goto("/afspraak-maken")
    page.get_by_role("link", name="Paspoort of ID-kaart aanvragen").click()
    check(page, "where" if js else None)
    page.get_by_label(re.compile("^Stadhuis")).check()
    page.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text("Voor 2 personen.")).to_be_visible()
    page.locator(".portal-days a").first.click()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_label("Uw naam")).to_have_value(re.compile("Suzanne"))
    page.get_by_label("E-mailadres").fill("suzanne.moulin@example.nl")
    page.get_by_role("button", name="Afspraak bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak")
    page.goto("/mijn-overzicht")
    expect(page.get_by_role("link", name="Paspoort of ID-kaart aanvragen")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Paspoort of ID-kaart aanvragen").click()
    page.get_by_role("link", name="Afspraak verzetten").click()
    expect(page.get_by_text("U verzet uw afspraak.")).to_be_visible()
    check(page)
    page.locator(".portal-days a").nth(1).click()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Verder").click()
    check(page, "move-check" if js else None)
    page.get_by_role("button", name="Nieuwe tijd bevestigen").click()
    expect(page.get_by_text("Uw afspraak is verzet")).to_be_visible()
    page.get_by_role("link", name="Afspraak annuleren").click()
    page.get_by_role("button", name="Ja, annuleer de afspraak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak is geannuleerd")


def _hold_first_time_elsewhere(portal, url_path: str):
    """Someone else takes the first time of the day shown on this times page."""
    from portal.appointments import booking
    from portal.queries import appointments as queries

    _, product_slug, location_slug, day = url_path.rstrip("/").rsplit("/", 3)
    from datetime import date

    def act(db):
        product, location = queries.product_by_slug(product_slug), queries.location_by_slug(location_slug)
        slot = queries.open_slots(product, location, date.fromisoformat(day))[0]
        booking.hold_slot(db, product, location, slot.starts_at, persons=1, owner="someone-else")

    _committed(portal, act)


def test_the_lost_race_and_the_expired_hold(visit, portal, js):
    page = visit
    page.goto("/afspraak-maken")
    page.get_by_role("link", name=BOUWPLAN).click()
    page.locator(".portal-days a").nth(2).click()
    page.get_by_role("radio").first.check()
    _hold_first_time_elsewhere(portal, page.url.split("?")[0].replace(portal.url, ""))
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text("Dit tijdstip is net door iemand anders gekozen")).to_be_visible()
    check(page, "lost-race" if js else None)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Uw naam").fill("Piet Jansen")
    page.get_by_label("E-mailadres").fill("fout")
    page.get_by_role("button", name="Afspraak bevestigen").click()
    hold_id = page.url.rstrip("/").rsplit("/", 1)[1]

    def expire(db):
        from portal.db import utcnow
        from portal.models.appointments import Hold

        db.execute(update(Hold).where(Hold.public_id == hold_id).values(expires_at=utcnow() - timedelta(seconds=1)))

    _committed(portal, expire)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("De tijd is verlopen")
    check(page, "expired" if js else None)
    page.get_by_role("button", name=re.compile(r"^Kies \d\d:\d\d$")).first.click()
    expect(page.get_by_label("Uw naam")).to_have_value("Piet Jansen")


def test_an_invalid_link_and_no_free_days(visit, portal, js):
    from tests.support.appointments import make_agenda

    page = visit
    page.goto("/afspraak/annuleren/niet-goed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet meer")
    check(page, "link-invalid" if js else None)
    slug = f"leeg{'js' if js else 'nojs'}"

    def arrange(db):
        from portal.queries import appointments as queries

        if queries.product_by_slug(f"{slug}-product") is None:
            make_agenda(db, slug=slug, capacity=0, login_required=False)

    _committed(portal, arrange)
    page.goto(f"/afspraak-maken/{slug}-product/{slug}-loket")
    expect(page.get_by_text("geen tijd meer vrij")).to_be_visible()
    check(page, "no-days" if js else None)


def test_kcc_books_a_home_visit_for_christina_and_blocks_a_time(visit, portal, js):
    from tests.support.appointments import first_slot

    def slot(db):
        from portal.queries import appointments as queries

        return first_slot(queries.product_by_slug("wmo-gesprek"), queries.location_by_slug("thuis"))

    page = visit
    log_in_as_staff(page, staff="Kees de Boer", check=False)
    page.goto("/medewerker/afspraken")
    check(page, "staff-agenda" if js else None)
    page.get_by_role("link", name="Afspraak maken voor een inwoner die belt").click()
    check(page, "staff-caller" if js else None)
    free = _committed(portal, slot)
    page.get_by_label("Burgerservicenummer").fill("999995078")
    page.get_by_label("Waarvoor").select_option(label="Gesprek over hulp of zorg (Wmo)")
    page.get_by_label("Plek").select_option(label="Bij u thuis")
    page.get_by_label("Dag").fill(free.local.date().isoformat())
    page.get_by_label("Tijd (uu:mm)").fill(free.local.strftime("%H:%M"))
    page.get_by_role("button", name="Afspraak maken").click()
    expect(page.get_by_text("De afspraak is gemaakt.")).to_be_visible()
    expect(page.get_by_text("Christina").first).to_be_visible()
    assert "999995078" not in page.url
    check(page, "staff-agenda-day" if js else None)
    page.get_by_role("link", name="Een tijd blokkeren").click()
    page.get_by_role("button", name="Tijd blokkeren").click()
    check(page, "staff-block-errors" if js else None)
    page.goto("/medewerker/afspraken/openingstijden")
    check(page, "staff-hours" if js else None)


def test_book_with_the_keyboard_only(visit_js):
    from tests.browser.test_keyboard import tab_to

    page = visit_js
    page.goto("/afspraak-maken")
    tab_to(page, f"^{BOUWPLAN}$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een dag")
    tab_to(page, r"^(maandag|dinsdag|woensdag|donderdag|vrijdag) ")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een tijd")
    tab_to(page, r"^\d\d:\d\d$")
    page.keyboard.press("Space")
    tab_to(page, "^Verder$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw afspraak")
    tab_to(page, "^Uw naam$")
    page.keyboard.type("Toetsenbord Gebruiker")
    tab_to(page, "^E-mailadres$")
    page.keyboard.type("toetsenbord@example.nl")
    tab_to(page, "^Afspraak bevestigen$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak")
    assert_accessible(page)


def test_the_earlier_time_offer_and_the_offer_that_passed(visit, portal, js):
    """A resident on the waitlist opens the offer from the email (axe, reflow), then the offer expires."""
    from portal.appointments import links, waitlist
    from portal.db import utcnow
    from portal.models.appointments import Hold
    from portal.queries import appointments as queries
    from tests.support.appointments import contact, make_agenda

    slug = f"eerder{'js' if js else 'nojs'}"

    def arrange(db):
        from portal.appointments import booking

        product, location = make_agenda(db, slug=slug, login_required=False)
        day = queries.open_days(product, location, queries.local_tomorrow())[0]
        slots = queries.open_slots(product, location, day)
        early = booking.confirm_hold(
            db,
            booking.hold_slot(db, product, location, slots[0].starts_at, persons=1, owner="a"),
            contact(bsn=None, email="vroeg@example.nl"),
        )
        late = booking.confirm_hold(
            db,
            booking.hold_slot(db, product, location, slots[-1].starts_at, persons=1, owner="b"),
            contact(bsn=None, email="laat@example.nl"),
        )
        waitlist.join(db, late)
        booking.cancel(db, early)
        waitlist.slot_freed(db, waitlist.Freed.of(early))
        return links.link_path("eerder", late.public_id), late.public_id

    offer, _ = _committed(portal, arrange)
    page = visit
    page.goto(offer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Er is eerder tijd vrij")
    check(page, "offer" if js else None)
    _committed(
        portal,
        lambda db: db.execute(
            update(Hold).where(Hold.owner.like("wachtlijst:%")).values(expires_at=utcnow() - timedelta(seconds=1))
        ),
    )
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze tijd is niet meer vrij")
    check(page, "offer-gone" if js else None)


def test_a_second_open_appointment_is_refused(visit, portal, js):
    from tests.support.appointments import make_agenda

    slug = f"limiet{'js' if js else 'nojs'}"

    def arrange(db):
        from portal.queries import appointments as queries

        if queries.product_by_slug(f"{slug}-product") is None:
            make_agenda(db, slug=slug, one_open=True)

    _committed(portal, arrange)
    page = visit
    log_in_with_mock_digid(page, person="Christina Maria Maassen", check=False)
    for _ in range(2):
        page.goto(f"/afspraak-maken/{slug}-product/{slug}-loket")
        page.locator(".portal-days a").first.click()
        page.get_by_role("radio").first.check()
        page.get_by_role("button", name="Verder").click()
        page.get_by_label("E-mailadres").fill("c.maassen@example.nl")
        page.get_by_role("button", name="Afspraak bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U heeft al een afspraak")
    check(page, "limit" if js else None)
