"""The summary of a form in words: pages in order, question types in plain words, routes, exits, outcomes."""

from __future__ import annotations

import yaml

from portal.formadmin import builder
from portal.formadmin.summary import summarize
from portal.formdefs.loader import FORMS_DIR, shipped_paths


def wmo() -> dict:
    return yaml.safe_load((FORMS_DIR / "wmo-hulp-bij-het-huishouden.yaml").read_text(encoding="utf-8"))


def test_the_pages_come_in_order_with_their_questions_in_plain_words():
    summary = summarize(wmo())
    assert summary.title == "Hulp bij het huishouden vragen"
    assert [page.number for page in summary.pages] == list(range(1, 9))
    first = summary.pages[0].questions[0]
    assert (first.label, first.kind, first.required) == ("Voor wie vraagt u hulp?", "Eén keuze uit een lijst", True)
    assert first.options == ("Voor mijzelf", "Voor iemand anders")
    assert summary.pages[2].questions[0].required is False
    assert summary.pages[7].questions[0].prefill == "Telefoonnummer (uit Mijn gegevens)"


def test_routes_conditions_and_defaults_are_sentences():
    pages = summarize(wmo()).pages
    assert pages[0].routes == (
        "Als het antwoord op vraag 1 'Voor iemand anders' is, ga naar de uitgang 'Vraagt u hulp voor iemand anders?'.",
    )
    assert pages[0].then == "Anders gaat de inwoner naar vraag 2."
    assert pages[4].shown_when == "Deze vraag komt alleen als het antwoord op vraag 4 'Ja' is."
    assert pages[7].then == "Daarna gaat de inwoner naar de controlepagina."


def test_a_builder_route_shows_up_in_the_summary():
    definition = builder.add_question(
        wmo(), builder.Question(kind="yes_no", label={"nl": "Woont u alleen?"}, required=True), after="al-hulp"
    )
    definition = builder.add_route(
        definition, "woont-u-alleen", field_id="woont_u_alleen", answer="nee", goto="check_answers"
    )
    assert summarize(definition).pages[4].routes == (
        "Als het antwoord op vraag 5 'Nee' is, ga naar de controlepagina.",
    )


def test_exits_and_outcomes_are_listed():
    summary = summarize(wmo())
    assert [page.title for page in summary.exits] == ["Vraagt u hulp voor iemand anders?"]
    first, default = summary.outcomes
    assert first.when == "Als het antwoord op vraag 7 'Aan de telefoon' is:"
    assert first.zaaktype == "Wmo-melding: hulp bij het huishouden" and first.hand_off == ("Laten terugbellen",)
    assert default.when == "In alle andere gevallen:"
    assert default.hand_off == ("Een afspraak maken", "Laten terugbellen")


def test_every_shipped_form_can_be_summarised():
    for path in shipped_paths():
        summary = summarize(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert summary.pages and summary.outcomes, path.name
        assert all(page.then or page.routes for page in summary.pages), path.name
