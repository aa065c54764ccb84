"""Every route that is not on the explicit public list requires a logged-in resident or staff member."""

from werkzeug.routing import IntegerConverter

from portal.appointments.manage import PUBLIC_ENDPOINTS as APPOINTMENTS_PUBLIC
from portal.auth.views import PUBLIC_ENDPOINTS as AUTH_PUBLIC
from portal.eforms.views import PUBLIC_ENDPOINTS as EFORMS_PUBLIC
from portal.pages.views import PUBLIC_ENDPOINTS as PAGES_PUBLIC
from portal.staff.views import PUBLIC_ENDPOINTS as STAFF_PUBLIC

# The embedded stand-ins are separate "organisations" with their own protection
# (the mock BRP needs an API key; the mock DigiD is a login page by nature). The development
# mailbox is never mounted in production (the configuration refuses it).
PUBLIC_BLUEPRINTS = {"mock_digid", "mock_brp", "mailbox"}
# E-forms: a form without login works anonymously; a form with login sends the visitor to DigiD at the
# form's own level (portal/eforms/access.py), and a draft is only ever shown to its owner.
PUBLIC = EFORMS_PUBLIC | AUTH_PUBLIC | PAGES_PUBLIC | STAFF_PUBLIC | APPOINTMENTS_PUBLIC | {"static"}


def _portal_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in PUBLIC_BLUEPRINTS:
            continue
        yield rule


def _example_url(rule) -> str:
    values = {
        argument: 1 if isinstance(rule._converters[argument], IntegerConverter) else "voorbeeld"
        for argument in rule.arguments
    }
    return rule.build(values)[1]


def test_every_non_public_view_is_marked_login_required(app):
    unprotected = [
        rule.rule
        for rule in _portal_rules(app)
        if rule.endpoint not in PUBLIC and not getattr(app.view_functions[rule.endpoint], "login_required", False)
    ]
    assert unprotected == [], f"routes without login: {unprotected}"


def test_every_non_public_get_route_redirects_an_anonymous_visitor_to_login(app, client):
    checked = 0
    for rule in _portal_rules(app):
        if rule.endpoint in PUBLIC or "GET" not in rule.methods:
            continue
        response = client.get(_example_url(rule))
        assert response.status_code == 302, rule.rule
        staff_only = getattr(app.view_functions[rule.endpoint], "staff_only", False)
        expected = "/medewerker/inloggen" if staff_only else "/inloggen-nodig"
        assert response.headers["Location"].endswith(expected) or expected + "?" in response.headers["Location"], (
            rule.rule
        )
        checked += 1
    assert checked >= 3


def test_public_list_names_only_existing_endpoints(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints >= PUBLIC
