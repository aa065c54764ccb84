"""Every POST of the appointment pages that changes something is refused without its CSRF token, with the B1
page that says why ("Uw formulier is verlopen") and nothing changed; cancelling twice (a double click, a retry,
a second tab) cancels once and sends one email (portal/once.py and the locked row)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.appointments import links
from portal.models.appointments import Appointment, WaitlistEntry
from portal.models.notifications import OutboxMessage
from tests.support.appointments import first_slot, make_agenda
from tests.support.forms import csrf_token

REASON = "Uw formulier is verlopen"
ARGUMENT = re.compile(r"<[^>]+>")


@pytest.fixture
def agenda(db):
    return make_agenda(db, slug="rf", login_required=False)


def _book(app, client, agenda) -> str:
    product, location = agenda
    with app.app_context():
        slot = first_slot(product, location)
    times = f"/afspraak-maken/{product.slug}/{location.slug}/{slot.local.date().isoformat()}"
    held = client.post(times, data={"csrf_token": csrf_token(client, times), "time": slot.starts_at.isoformat()})
    check = held.headers["Location"]
    data = {"name": "Jan de Vries", "email": "jan@example.nl", "phone": "06 12345678"}
    done = client.post(check, data={"csrf_token": csrf_token(client, check), **data})
    with app.app_context():
        return links.read_token("bekijken", done.headers["Location"].rsplit("/", 1)[1])


def _status(db, public_id: str) -> str:
    db.expire_all()
    return db.scalar(select(Appointment.status).where(Appointment.public_id == public_id))


def _cancel_emails(db) -> int:
    kind = OutboxMessage.kind == "afspraak-geannuleerd"
    return db.scalar(select(func.count()).select_from(OutboxMessage).where(kind))


def _once(html: str) -> str:
    return re.search(r'name="once_token"[^>]*value="([^"]+)"', html).group(1)


def test_cancelling_without_the_csrf_token_is_refused_with_the_reason_and_keeps_the_appointment(
    app, client, agenda, db, parse_page
):
    public_id = _book(app, client, agenda)
    with app.test_request_context():
        cancel = links.link_path("annuleren", public_id)
    client.get(cancel)
    refused = client.post(cancel, data={})
    assert refused.status_code == 400
    page = parse_page(refused)
    assert page.h1 == [REASON] and "laad de pagina opnieuw" in page.body_text
    assert _status(db, public_id) == "gepland" and _cancel_emails(db) == 0


def test_asking_for_an_earlier_time_without_the_csrf_token_is_refused_and_adds_nobody(app, client, agenda, db):
    public_id = _book(app, client, agenda)
    with app.test_request_context():
        view = links.link_path("bekijken", public_id)
    client.get(view)
    refused = client.post(view, data={"csrf_token": "not-the-token"})
    assert refused.status_code == 400 and REASON in refused.text
    assert db.scalar(select(func.count()).select_from(WaitlistEntry)) == 0


def test_every_appointment_post_route_refuses_a_post_without_its_token(app, client):
    """A route-table sweep: a new POST route in the appointment pages cannot forget CSRF."""
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and rule.endpoint.startswith(("appointments.", "staff_appointments."))
    ]
    assert len(rules) >= 6
    for rule in rules:
        path = ARGUMENT.sub("x", rule.rule)
        response = client.post(path, data={})
        assert response.status_code == 400 and REASON in response.text, rule.rule


def test_a_double_clicked_cancel_cancels_once_and_sends_one_email(app, client, agenda, db):
    public_id = _book(app, client, agenda)
    with app.test_request_context():
        cancel = links.link_path("annuleren", public_id)
    page = client.get(cancel).text
    data = {"csrf_token": csrf_token(client, cancel), "once_token": _once(page)}
    first, second = client.post(cancel, data=data), client.post(cancel, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"] == cancel
    assert "Uw afspraak is geannuleerd" in client.get(cancel).text
    assert _status(db, public_id) == "geannuleerd" and _cancel_emails(db) == 1


def test_cancelling_in_a_second_tab_after_the_first_says_it_is_cancelled_and_sends_no_second_email(
    app, client, agenda, db
):
    public_id = _book(app, client, agenda)
    with app.test_request_context():
        cancel = links.link_path("annuleren", public_id)
    tabs = [client.get(cancel).text, client.get(cancel).text]
    for page in tabs:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        done = client.post(cancel, data={"csrf_token": csrf, "once_token": _once(page)})
        assert done.status_code == 302
    assert "Uw afspraak is geannuleerd" in client.get(cancel).text and _cancel_emails(db) == 1
