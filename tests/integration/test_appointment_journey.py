"""The issue's "done when", end to end over HTTP: Suzanne books a passport appointment at the town hall for next
week, gets the email with an ICS file in the development mailbox, moves it from the email link, cancels it from
Mijn overzicht, and a resident who asked for an earlier time at the town hall is offered her slot."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from portal.appointments.agenda import sync_agenda
from portal.i18n import local_today
from portal.models.appointments import DevMailAttachment
from portal.models.notifications import DevMail, OutboxMessage
from portal.notifications import deliver_pending
from portal.queries import appointments as queries
from tests.support.forms import csrf_token

SUZANNE, CHRISTINA = "999993653", "999995078"


def _slots(app, weeks_ahead: int):
    with app.test_request_context():
        product, location = queries.product_by_slug("paspoort-id-kaart"), queries.location_by_slug("stadhuis")
        day = queries.open_days(product, location, local_today() + timedelta(weeks=weeks_ahead))[0]
        return queries.open_slots(product, location, day)


def _book(client, slot, email):
    url = f"/afspraak-maken/paspoort-id-kaart/stadhuis/{slot.local.date().isoformat()}"
    check = client.post(url, data={"csrf_token": csrf_token(client, url), "time": slot.starts_at.isoformat()})
    check_url = check.headers["Location"]
    return client.post(check_url, data={"csrf_token": csrf_token(client, check_url), "name": "x", "email": email})


def _login(client, bsn):
    with client.session_transaction() as session:
        session["resident"] = {"sub": f"sub-{bsn}", "bsn": bsn, "level": "midden"}
        session["_user_id"], session["_fresh"] = f"sub-{bsn}", True


def test_suzanne_books_moves_and_cancels_and_the_waitlist_gets_her_time(app, client, db):
    sync_agenda(db)
    christina = app.test_client()
    _login(christina, CHRISTINA)
    later = _book(christina, _slots(app, 4)[0], "c.maassen@example.nl").headers["Location"]
    christina.post(later + "/eerder-graag", data={"csrf_token": csrf_token(christina, later)})

    _login(client, SUZANNE)
    booked = _book(client, _slots(app, 1)[0], "suzanne.moulin@example.nl")
    mine = booked.headers["Location"]
    with app.test_request_context():
        deliver_pending()
    mail = db.scalar(select(DevMail).where(DevMail.recipient == "suzanne.moulin@example.nl"))
    assert mail.subject == "Uw afspraak is gemaakt" and SUZANNE not in mail.body
    attachment = db.scalar(select(DevMailAttachment.filename).where(DevMailAttachment.dev_mail_id == mail.id))
    assert attachment == "afspraak.ics"

    move_link = re.search(r"http://[^/]+(/afspraak/verzetten/\S+)", mail.body).group(1)
    from_email = app.test_client()
    days_page = from_email.get(move_link).headers["Location"]
    assert days_page.startswith("/afspraak-maken/paspoort-id-kaart/stadhuis")
    new_slot = _slots(app, 2)[0]
    url = f"/afspraak-maken/paspoort-id-kaart/stadhuis/{new_slot.local.date().isoformat()}"
    check = from_email.post(
        url, data={"csrf_token": csrf_token(from_email, url), "time": new_slot.starts_at.isoformat()}
    ).headers["Location"]
    assert from_email.post(check, data={"csrf_token": csrf_token(from_email, check)}).status_code == 302

    assert mine in client.get("/mijn-overzicht").get_data(as_text=True)
    cancel = mine + "/annuleren"
    cancelled = client.post(cancel, data={"csrf_token": csrf_token(client, cancel)}, follow_redirects=True)
    assert "geannuleerd" in cancelled.get_data(as_text=True)
    offer = db.scalar(select(OutboxMessage).where(OutboxMessage.kind == "afspraak-eerder"))
    assert offer.recipient == "c.maassen@example.nl"
