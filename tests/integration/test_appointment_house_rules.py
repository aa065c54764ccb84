"""The appointment pages follow main's rules: a one-time token on the KCC booking form, a limit on holding
times, email links on PUBLIC_BASE_URL (never the request's Host), noindex on every appointment page."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from portal.appointments import links
from portal.appointments.agenda import sync_agenda
from portal.models.appointments import Appointment
from tests.support.appointments import first_slot, make_agenda
from tests.support.forms import csrf_token

CHRISTINA = "999995078"
ONCE = re.compile(r'name="once_token" type="hidden" value="([^"]+)"|name="once_token" value="([^"]+)"')


def _once_token(client, path: str) -> str:
    match = ONCE.search(client.get(path).get_data(as_text=True))
    assert match, f"no one-time token on {path}"
    return match.group(1) or match.group(2)


def test_a_double_click_on_book_for_a_caller_makes_one_appointment(client, staff_login, app, db):
    sync_agenda(db)
    staff_login("kcc", name="Kees de Boer")
    with app.test_request_context():
        from portal.queries import appointments as queries

        slot = first_slot(queries.product_by_slug("wmo-gesprek"), queries.location_by_slug("thuis"))
    url = "/medewerker/afspraken/namens"
    data = {
        "csrf_token": csrf_token(client, url),
        "once_token": _once_token(client, url),
        "bsn": CHRISTINA,
        "product": "wmo-gesprek",
        "location": "thuis",
        "day": slot.local.date().isoformat(),
        "starts": slot.local.strftime("%H:%M"),
        "email": "",
    }
    first, second = client.post(url, data=data), client.post(url, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert db.scalar(select(func.count(Appointment.id)).where(Appointment.bsn == CHRISTINA)) == 1


def test_holding_times_is_limited(client, app, db, monkeypatch, parse_page):
    product, location = make_agenda(db, slug="lim", login_required=False, capacity=5)
    monkeypatch.setitem(app.config, "RATELIMIT_BOOKINGS", "2 per minute")
    with app.test_request_context():
        slot = first_slot(product, location)
    url = f"/afspraak-maken/{product.slug}/{location.slug}/{slot.local.date().isoformat()}"
    for _ in range(2):
        response = client.post(url, data={"csrf_token": csrf_token(client, url), "time": slot.starts_at.isoformat()})
        assert response.status_code == 302
    refused = client.post(url, data={"csrf_token": csrf_token(client, url), "time": slot.starts_at.isoformat()})
    assert refused.status_code == 429 and parse_page(refused).h1 == ["Even wachten"]
    assert client.get(url).status_code == 200  # looking at the times is not limited


def test_email_links_use_the_public_base_url_not_the_host(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://mijn.gemeente.example")
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        link = links.external_link("annuleren", "abc123")
    assert link.startswith("https://mijn.gemeente.example/afspraak/annuleren/")


def test_appointment_pages_are_not_indexed(client, db):
    make_agenda(db, slug="idx", login_required=False)
    for path in ("/afspraak-maken", "/afspraak-maken/idx-product/idx-loket", "/afspraak/annuleren/niet-goed"):
        assert client.get(path).headers["X-Robots-Tag"] == "noindex, nofollow", path
    assert "Disallow: /afspraak" in client.get("/robots.txt").get_data(as_text=True)
