"""No absolute URL is built from the Host header: redirect URIs, the logout return address, email links and
security.txt all come from PUBLIC_BASE_URL. The staff provider's origin is in the CSP form-action."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from portal import create_app
from portal.db import use_session_factory
from portal.models.notifications import OutboxMessage
from portal.notifications import compose
from tests.conftest import portal_overrides

PUBLIC = "https://mijn.gemeente.example"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}


@pytest.fixture
def public_app(mock_services, db_engine, db_factory):
    app = create_app("test", portal_overrides(mock_services, db_engine) | {"PUBLIC_BASE_URL": PUBLIC})
    use_session_factory(app, db_factory)
    return app


@pytest.mark.parametrize(
    ("path", "callback"), [("/inloggen", "/inloggen/terug"), ("/medewerker/inloggen", "/medewerker/inloggen/terug")]
)
def test_a_forged_host_does_not_change_the_redirect_uri(public_app, path, callback):
    response = public_app.test_client().get(path, headers=FORGED)
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["redirect_uri"] == [PUBLIC + callback]


@pytest.mark.parametrize(
    ("key", "data", "path", "landing"),
    [
        ("resident", {"sub": "s-1", "bsn": "999993653", "level": "midden"}, "/uitloggen", "/uitgelogd"),
        ("staff", {"sub": "st-1", "name": "Kees", "roles": ["kcc"]}, "/medewerker/uitloggen", "/medewerker/uitgelogd"),
    ],
)
def test_a_forged_host_does_not_change_where_logout_returns_to(public_app, key, data, path, landing):
    client = public_app.test_client()
    forged = {"base_url": "http://evil.example", "headers": FORGED}
    with client.session_transaction(**forged) as session:
        session[key] = data
        session["_user_id"] = data["sub"]
    page = client.get("/medewerker/" if key == "staff" else "/mijn-overzicht", **forged).get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(path, data={"csrf_token": token}, **forged)
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["post_logout_redirect_uri"] == [PUBLIC + landing]


def test_a_forged_host_does_not_change_security_txt(public_app):
    body = public_app.test_client().get("/.well-known/security.txt", headers=FORGED).get_data(as_text=True)
    assert f"Canonical: {PUBLIC}/.well-known/security.txt" in body and "evil" not in body


def test_a_forged_host_does_not_change_email_links(public_app):
    with public_app.test_request_context("/", headers=FORGED):
        outgoing = compose(
            OutboxMessage(
                id=1,
                channel="email",
                recipient="a@example.nl",
                kind="status",
                language="nl",
                created_at=datetime(2026, 12, 1, 9, 0),
            )
        )
    assert f"{PUBLIC}/mijn-zaken" in outgoing.body and "evil" not in outgoing.body


def test_form_action_allows_both_providers_and_nothing_else(mock_services, db_engine):
    app = create_app(
        "test",
        portal_overrides(mock_services, db_engine)
        | {
            "OIDC_DISCOVERY_URL": "https://broker.example.nl/.well-known/openid-configuration",
            "STAFF_OIDC_DISCOVERY_URL": "https://login.gemeente.example:8443/realms/x/.well-known/openid-configuration",
        },
    )
    csp = app.test_client().get("/").headers["Content-Security-Policy"]
    form_action = next(part.strip() for part in csp.split(";") if part.strip().startswith("form-action"))
    assert form_action == "form-action 'self' https://broker.example.nl https://login.gemeente.example:8443"
