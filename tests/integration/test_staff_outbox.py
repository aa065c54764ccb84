"""The staff page of emails that gave up: only for beheerders, masked, and a resend that queues once."""

from __future__ import annotations

import pytest

from portal.db import utcnow
from portal.models.notifications import OutboxMessage
from portal.staff.outbox import mask_address
from tests.support.forms import csrf_token
from tests.support.outbox import given_up_message

PAGE = "/medewerker/uitgaande-berichten"


@pytest.fixture
def given_up(db):
    message = given_up_message(db, "suzanne.moulin@example.nl", kind="taak", last_error="SMTPRecipientsRefused")
    waiting = OutboxMessage(channel="email", recipient="kees@example.nl", kind="status")
    db.add(waiting)
    db.commit()
    return message


def _resend(client, message_id: int):
    return client.post(f"{PAGE}/{message_id}/opnieuw", data={"csrf_token": csrf_token(client, PAGE)})


def test_only_a_beheerder_sees_the_page_and_may_resend(client, staff_login, given_up):
    assert client.get(PAGE).status_code == 302  # not logged in: to the staff login
    for role in ("zaakbehandelaar", "kcc", "formulierbeheerder"):
        staff_login(role)
        assert client.get(PAGE).status_code == 403, role
        token = csrf_token(client, "/medewerker/")
        assert client.post(f"{PAGE}/{given_up.id}/opnieuw", data={"csrf_token": token}).status_code == 403, role
    assert given_up.status == "mislukt"


def test_the_page_shows_type_date_attempts_and_error_with_the_address_masked(client, staff_login, parse_page, given_up):
    staff_login("beheerder", name="Lotte Visser")
    response = client.get(PAGE)
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    text = parse_page(response).body_text
    assert "Vraag aan de inwoner" in text and "s•••@example.nl" in text
    assert "6" in text and "SMTPRecipientsRefused" in text
    assert "suzanne" not in text
    assert "k•••@example.nl" not in text  # the waiting message is not listed


def test_resending_resets_the_attempts_and_keeps_the_row_and_so_its_message_id(app, client, staff_login, db, given_up):
    staff_login("beheerder", name="Lotte Visser")
    with app.test_request_context():
        from portal.notifications import message_id

        before = message_id(given_up)
    response = _resend(client, given_up.id)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{PAGE}?opnieuw=klaar")
    db.expire_all()
    again = db.get(OutboxMessage, given_up.id)
    assert (again.status, again.attempts, again.last_error) == ("wachtend", 0, "")
    assert again.next_attempt_at <= utcnow()
    with app.test_request_context():
        assert message_id(again) == before
    assert "Het bericht staat weer klaar" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_resending_twice_queues_once(client, staff_login, db, given_up):
    staff_login("beheerder", name="Lotte Visser")
    assert _resend(client, given_up.id).status_code == 302
    db.expire_all()
    db.get(OutboxMessage, given_up.id).attempts = 1  # the worker tried once more in between
    db.commit()
    second = _resend(client, given_up.id)
    assert second.headers["Location"].endswith("?opnieuw=al-klaar")
    db.expire_all()
    assert db.get(OutboxMessage, given_up.id).attempts == 1  # the second click changed nothing
    assert db.query(OutboxMessage).count() == 2
    assert "Dit bericht staat al klaar of is al verstuurd" in client.get(second.headers["Location"]).get_data(
        as_text=True
    )


def test_resending_an_unknown_or_sent_message_changes_nothing(client, staff_login, db, given_up):
    staff_login("beheerder", name="Lotte Visser")
    assert _resend(client, 999999).headers["Location"].endswith("?opnieuw=al-klaar")
    assert client.post(f"{PAGE}/abc/opnieuw", data={"csrf_token": csrf_token(client, PAGE)}).status_code == 404
    for hostile in ("abc", "99999999999999999999999", "-1", "1%00"):
        response = client.post(f"{PAGE}/{hostile}/opnieuw", data={"csrf_token": csrf_token(client, PAGE)})
        assert response.status_code == 404, hostile
    refused = client.post(f"{PAGE}/{given_up.id}/opnieuw")  # no CSRF token
    assert refused.status_code == 400 and "Uw formulier is verlopen" in refused.get_data(as_text=True)
    db.expire_all()
    assert db.get(OutboxMessage, given_up.id).status == "mislukt"


def test_an_empty_list_says_so(client, staff_login, parse_page):
    staff_login("beheerder", name="Lotte Visser")
    assert "Alle e-mails zijn verstuurd" in parse_page(client.get(PAGE)).body_text


@pytest.mark.parametrize(
    ("address", "masked"),
    [("suzanne@example.nl", "s•••@example.nl"), ("a@b.nl", "a•••@b.nl"), ("geen-adres", "•••"), ("", "•••")],
)
def test_addresses_are_masked(address, masked):
    assert mask_address(address) == masked
