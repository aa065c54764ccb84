"""The page of emails that gave up, as a beheerder sees it: axe, reflow, and a resend (JavaScript on and off)."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from portal.models.notifications import OutboxMessage
from tests.browser.support import assert_accessible, dev_screenshots, in_portal, log_in_as_staff
from tests.support.outbox import given_up_message


def _give_up(db):
    return given_up_message(db, "tineke.holthuizen@example.nl").id


def _status(db, message_id):
    return db.scalar(select(OutboxMessage.status).where(OutboxMessage.id == message_id))


def test_a_beheerder_sees_a_given_up_email_and_sends_it_again(visit, portal, js):
    message_id = in_portal(portal, _give_up)
    log_in_as_staff(visit, staff="Lotte Visser", check=False)
    visit.get_by_role("link", name="E-mails bekijken die niet zijn verstuurd").click()
    assert visit.get_by_role("heading", level=1).inner_text() == "E-mails die niet zijn verstuurd"
    item = visit.get_by_role("listitem").filter(has_text="t•••@example.nl")
    assert "SMTPServerDisconnected" in item.inner_text() and "tineke" not in visit.content()
    assert_accessible(visit)  # reflow at 320 px included
    dev_screenshots(visit, f"outbox-staff-{'js' if js else 'nojs'}")
    item.get_by_role("button", name="Opnieuw versturen").click()
    expect(visit.get_by_role("status").filter(has_text="Het bericht staat weer klaar")).to_be_visible()
    assert in_portal(portal, lambda db: _status(db, message_id)) == "wachtend"
    assert visit.get_by_role("listitem").filter(has_text="t•••@example.nl").count() == 0
    assert_accessible(visit)
