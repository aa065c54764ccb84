"""The prefill macros (templates/eforms/prefill.html), rendered on their own: a fact is shown as a fact with its
source and a "Klopt dit niet?" link, an empty fact reads "Niet bekend", and a BRP that could not be read says so."""

from __future__ import annotations

from flask import render_template_string, url_for

from tests.support.pages import check_page

PAGE = """<!doctype html><html lang="nl"><head><title>Test</title></head><body><h1>Klopt dit?</h1>
{% from "eforms/prefill.html" import prefill_fact, prefill_notice %}{{ body }}</body></html>"""


def render(app, body: str, **context) -> str:
    with app.test_request_context():
        context.setdefault("report_url", url_for("pages.correction_report"))
        return render_template_string(PAGE.replace("{{ body }}", body), **context)


def test_a_prefilled_fact_shows_value_source_and_the_link_to_the_error_report(app):
    html = render(app, "{{ prefill_fact('Naam', 'Suzanne Moulin', 'Uit de Basisregistratie Personen', report_url) }}")
    page = check_page(html)
    assert "Naam Suzanne Moulin Uit de Basisregistratie Personen. Klopt dit niet? Naam" in page.body_text
    assert page.links == ["/mijn-gegevens/klopt-niet"]
    assert "<input" not in html  # a fact, not a question to type again
    assert page.fields == []


def test_an_empty_fact_reads_not_known(app):
    for empty in ("None", "''"):
        page = check_page(render(app, f"{{{{ prefill_fact('Uw adres nu', {empty}, 'Uit de BRP', report_url) }}}}"))
        assert "Uw adres nu Niet bekend" in page.body_text


def test_the_value_is_escaped(app):
    html = render(app, "{{ prefill_fact('Naam', value, 'Uit de BRP', report_url) }}", value="<script>x()</script>")
    assert "<script>x()" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html


def test_without_a_report_url_or_source_there_is_no_link(app):
    page = check_page(render(app, "{{ prefill_fact('Naam', 'A', '', '') }}"))
    assert page.links == [] and "Klopt dit niet?" not in page.body_text


def test_the_notice_says_the_brp_could_not_be_read_in_plain_words(app):
    page = check_page(render(app, "{{ prefill_notice(snapshot) }}", snapshot={"status": "unavailable"}))
    assert "We kunnen uw gegevens nu niet ophalen" in page.body_text
    assert "U kunt wel verder met het formulier." in page.body_text


def test_the_notice_for_a_partial_snapshot_and_none_when_all_is_well(app):
    partial = check_page(render(app, "{{ prefill_notice(snapshot) }}", snapshot={"status": "partial"}))
    assert "Niet al uw gegevens zijn bekend" in partial.body_text
    fine = check_page(render(app, "{{ prefill_notice(snapshot) }}", snapshot={"status": "ok"}))
    assert "gegevens" not in fine.body_text


def test_the_macros_speak_english_too(app, client):
    with app.test_request_context(headers={"Cookie": "taal=en"}):
        html = render_template_string(
            PAGE.replace("{{ body }}", "{{ prefill_fact('Name', '', 'From the BRP', '/x') }}{{ prefill_notice(s) }}"),
            s={"status": "unavailable"},
        )
    text = check_page(html).body_text
    assert "Not known" in text and "Is this not correct?" in text
