"""What staff read about a concept: every kind of hostile input gets a plain Dutch sentence, the B1 findings
name the sentence and the plain word, and the HTML checks of a preview page find what they must."""

from __future__ import annotations

import pytest

from portal.formadmin import messages, quality
from portal.formadmin.accessibility import RenderedPage, accessibility_findings, html_findings
from portal.formadmin.concepts import check
from portal.formadmin.diff import diff
from tests.support.formadmin import template_text

TEMPLATE = template_text("proef")
LATER_CONDITION = TEMPLATE.replace(
    "  - id: vraag\n    fields:",
    "  - id: eerst\n    show_if: {field: answers.vraag, op: equals, value: ja}\n    fields:\n"
    "      - id: eerst\n        type: text\n        label: {nl: Uw naam, en: Your name}\n"
    "  - id: vraag\n    fields:",
)
HOSTILE = {
    "alias bomb": 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n',
    "python tag": "slug: !!python/object:os.system proef\n",
    "key twice": "slug: a\nslug: b\n",
    "not yaml": "slug: [proef\n",
    "wrong type": TEMPLATE.replace("time_needed_minutes: 2", "time_needed_minutes: twee"),
    "unknown key": TEMPLATE.replace("inloggen: basis", "inloggen: basis\nkleur: blauw"),
    "missing key": TEMPLATE.replace("inloggen: basis\n", ""),
    "goto loop": TEMPLATE.replace(
        "  - id: vraag\n    fields:", "  - id: vraag\n    next:\n      - goto: vraag\n    fields:"
    ),
    "later condition": LATER_CONDITION,
    "missing translation": TEMPLATE.replace("          en: What is your question?\n", ""),
    "unknown case type": TEMPLATE.replace("zaaktype: terugbelverzoek", "zaaktype: bestaat-niet"),
}


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize("name", HOSTILE)
def test_each_hostile_definition_is_refused_with_a_plain_dutch_sentence(name, request_context):
    result = check(HOSTILE[name], "proef")
    assert not result.ok, name
    shown = messages.shown(result.problems)
    fallbacks = [problem.message for problem in shown if problem.message.startswith("Er klopt iets niet")]
    assert fallbacks == [], f"{name}: {fallbacks}"


def test_a_5_mb_text_and_a_non_utf8_text_are_refused_before_parsing(request_context):
    too_big = check("a: " + "x" * (5 * 1024 * 1024), "proef")
    assert messages.plain(too_big.problems[0]) == "Het bestand is 5120 kB. Het mag niet groter zijn dan 1024 kB."
    latin = check("titel: café".encode("latin-1"), "proef")
    assert messages.plain(latin.problems[0]) == "Het bestand is geen UTF-8-tekst. Sla het op als UTF-8."


def test_a_problem_is_shown_with_the_line_it_concerns(request_context):
    result = check(HOSTILE["unknown key"], "proef")
    line = HOSTILE["unknown key"].splitlines().index("kleur: blauw") + 1
    assert [(problem.line, problem.message) for problem in messages.shown(result.problems)] == [
        (line, "De sleutel 'kleur' kennen we niet. Kijk of hij goed is gespeld.")
    ]


def test_a_text_that_is_not_b1_is_a_finding_not_a_refusal(request_context):
    long = (
        "Indien u hulp nodig heeft vragen wij u om hier zo precies mogelijk op te schrijven welke hulp u in en "
        "om het huis nodig heeft omdat wij dat moeten weten."
    )
    text = TEMPLATE.replace("Wat is uw vraag?", long)
    result = check(text, "proef")
    assert result.ok and result.findings
    report = quality.report(text, result)
    messages_found = [finding.message for finding in report.b1]
    assert any(message.startswith("Deze zin is te lang") for message in messages_found)
    officialese = next(finding for finding in report.b1 if "ambtelijke taal" in finding.message)
    assert (officialese.message, officialese.advice) == ("'Indien' is ambtelijke taal.", "Schrijf: als")
    assert report.b1[0].line == text.splitlines().index(f"          nl: {long}") + 1


def test_the_html_checks_find_a_missing_lang_two_h1s_an_unlabelled_input_and_a_repeated_id(request_context):
    page = RenderedPage(
        "stap", "Stap", '<html><body><h1>A</h1><h1>B</h1><input id="x" name="x"><p id="x"></p></body></html>'
    )
    assert sorted(finding.rule for finding in html_findings(page)) == ["html-lang", "label", "one-h1", "unique-id"]
    good = RenderedPage("stap", "Stap", '<html lang="nl"><h1>A</h1><label for="x">X</label><input id="x"></html>')
    checked = accessibility_findings([good], use_browser=False)
    assert (checked.browser, checked.pages, checked.findings) == (False, 1, [])


def test_a_diff_says_in_words_which_lines_went_and_came():
    old = {"slug": "proef", "title": {"nl": "Oud"}}
    new = {"slug": "proef", "title": {"nl": "Nieuw"}}
    rows = [(row.change, row.text.strip()) for row in diff(old, new) if row.change != "same"]
    assert rows == [("removed", "nl: Oud"), ("added", "nl: Nieuw")]
    assert diff(old, old) == []
