"""The prefill macros on a page of the portal's own layout, in a browser: a prefilled fact, an empty fact and
the notice of a BRP that could not be read pass axe (0 violations) and reflow at 320 px, with JavaScript on and off.

The runner's pages use these macros; this page renders them on their own, so their markup is checked before
and apart from any runner page."""

from __future__ import annotations

from flask import render_template_string, url_for
from playwright.sync_api import expect

from tests.browser.support import assert_accessible

PAGE = """{% extends "layouts/base.html" %}
{% from "eforms/prefill.html" import prefill_fact, prefill_notice %}
{% block title %}Klopt dit?{% endblock %}
{% block content %}
<h1 class="utrecht-heading-1">Klopt dit?</h1>
{{ prefill_notice(snapshot) }}
{{ prefill_fact("Naam", "Suzanne Moulin", "Uit de Basisregistratie Personen", report_url) }}
{{ prefill_fact("Uw adres nu", None, "Uit de Basisregistratie Personen", report_url) }}
{% endblock %}"""


def rendered(portal, status: str) -> str:
    with portal.app.test_request_context():
        return render_template_string(PAGE, snapshot={"status": status}, report_url=url_for("pages.correction_report"))


def test_prefilled_facts_and_the_notice_are_accessible(visit, portal):
    html = rendered(portal, "unavailable")
    visit.route(
        f"{portal.url}/formulieren-test",
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    visit.goto("/formulieren-test")
    expect(visit.get_by_role("status")).to_contain_text("We kunnen uw gegevens nu niet ophalen")
    expect(visit.get_by_text("Niet bekend", exact=True)).to_be_visible()
    links = visit.get_by_role("link", name="Klopt dit niet?")
    expect(links).to_have_count(2)
    expect(links.first).to_have_attribute("href", "/mijn-gegevens/klopt-niet")
    assert_accessible(visit)
