"""Issue 12 "Done when", in a browser with 0 axe violations and reflow at 320 px on every page: a form
publisher copies the Wmo form, changes a question and adds one with a route in the builder, sees a sentence
flagged as too long, fixes it, previews the whole route and publishes with a note; and the version pin: a
resident who started the Wmo form on the old version finishes on it after a new version was published, while
a new resident gets the new question."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from portal.formdefs.loader import shipped_paths
from tests.browser.support import assert_accessible, in_portal, log_in_as_staff, log_in_with_mock_digid
from tests.support.formadmin import published_form

WMO = "wmo-hulp-bij-het-huishouden"
LONG = (
    "Wij vragen u om hier zo precies mogelijk op te schrijven welke hulp u in en om het huis nodig heeft "
    "omdat wij dat moeten weten voor de beslissing."
)


def _heading(page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(text))
    assert_accessible(page)


def _next(page, label: str | None = None) -> None:
    if label:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Verder").click()


def _copy_wmo(page, slug: str) -> str:
    log_in_as_staff(page, staff="Fatima El Amrani", check=False)
    page.goto("/medewerkers/formulieren/")
    page.get_by_label("Welk formulier wilt u kopiëren?").select_option(WMO)
    page.get_by_label("Naam van het nieuwe formulier in het webadres").fill(slug)
    page.get_by_role("button", name="Kopieer het formulier").click()
    _heading(page, f"Concept van {slug}")
    return page.url


def _change_question_3(page, concept_url: str, text: str) -> None:
    page.goto(concept_url + "/bouwer/")
    page.get_by_role("link", name=re.compile(r"^Veranderen\s+vraag 3$")).click()
    _heading(page, "Vraag 3 veranderen")
    page.get_by_label("Vraag in het Nederlands", exact=True).fill(text)
    page.get_by_role("button", name="Vraag opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De verandering is opgeslagen.")
    assert_accessible(page)


def _add_question_with_a_route(page) -> None:
    """After question 4: "Woont u in de gemeente?"; "Nee" goes to a new exit page."""
    page.get_by_role("link", name="Vraag toevoegen na vraag 4").click()
    _heading(page, "Wat voor vraag wilt u toevoegen?")
    page.get_by_role("link", name="Ja of nee").click()
    _heading(page, "Vraag toevoegen: Ja of nee")
    page.get_by_label("Vraag in het Nederlands", exact=True).fill("Woont u in de gemeente?")
    page.get_by_label("Vraag in het Engels", exact=True).fill("Do you live in the municipality?")
    page.get_by_role("button", name="Vraag opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De verandering is opgeslagen.")
    page.get_by_role("link", name=re.compile(r"^Routes\s+van vraag 5$")).click()
    _heading(page, "Routes van vraag 5")
    page.get_by_role("link", name="Vraag 5: Woont u in de gemeente?").click()
    _heading(page, "Bij welk antwoord?")
    page.get_by_role("link", name="Als het antwoord 'Nee' is").click()
    _heading(page, "Waar gaat de inwoner heen?")
    page.get_by_label("Titel van de uitgang in het Nederlands").fill("Woont u ergens anders?")
    page.get_by_label("Titel van de uitgang in het Engels").fill("Do you live somewhere else?")
    page.get_by_label("Waarom kan het formulier niet helpen? In het Nederlands").fill(
        "Dit formulier is voor onze inwoners."
    )
    page.get_by_label("Waarom kan het formulier niet helpen? In het Engels").fill("This form is for our residents.")
    page.get_by_label("Wat kan de inwoner wel doen? In het Nederlands").fill("Vraag hulp bij uw eigen gemeente.")
    page.get_by_label("Wat kan de inwoner wel doen? In het Engels").fill("Ask your own municipality for help.")
    page.get_by_role("button", name="Uitgang maken en kiezen").click()
    expect(page.get_by_text("Als het antwoord op vraag 5 'Nee' is, ga naar de uitgang")).to_be_visible()
    assert_accessible(page)


def _quality_report(page, concept_url: str):
    page.goto(concept_url)
    page.get_by_role("link", name="Bekijk het kwaliteitsrapport").click()
    assert_accessible(page)
    return page.get_by_text(re.compile(r"Deze zin is te lang \(\d+ woorden\)\."))


def _preview_the_whole_route(page, concept_url: str) -> None:
    page.goto(concept_url)
    page.get_by_role("link", name="Bekijk als inwoner (voorbeeld)").click()
    _heading(page, "Hulp bij het huishouden vragen")
    expect(page.get_by_text("Dit is een voorbeeld van het formulier.")).to_be_visible()
    page.get_by_role("button", name="Beginnen").click()
    _heading(page, "Voor wie vraagt u hulp?")
    _next(page)  # nothing chosen: the error summary
    expect(page.get_by_role("link", name="Kies voor wie u hulp vraagt")).to_be_visible()
    assert_accessible(page)
    _next(page, "Voor iemand anders")
    _heading(page, "Vraagt u hulp voor iemand anders?")
    page.get_by_role("link", name="Terug", exact=True).click()
    _heading(page, "Voor wie vraagt u hulp?")
    _next(page, "Voor mijzelf")
    _heading(page, "Wat lukt niet meer goed?")
    _next(page, "Eten koken")
    _heading(page, "Wilt u ons meer vertellen?")
    _next(page)
    _heading(page, "Krijgt u nu al hulp in het huishouden?")
    _next(page, "Nee")
    _heading(page, "Woont u in de gemeente?")
    _next(page, "Nee")  # the new route
    _heading(page, "Woont u ergens anders?")
    page.get_by_role("link", name="Terug", exact=True).click()
    _next(page, "Ja")
    _heading(page, "Wie wonen er bij u in huis?")
    _next(page)
    _heading(page, "Waar wilt u het gesprek voeren?")
    _next(page, "Bij mij thuis")
    _heading(page, "Op welk nummer kunnen we u bellen?")
    page.get_by_label("Op welk nummer kunnen we u bellen?").fill("06 12345678")
    _next(page)
    _heading(page, "Controleer uw antwoorden")
    expect(page.get_by_role("term").filter(has_text="Woont u in de gemeente?")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Veranderen\s+Waar wilt u het gesprek voeren\?$")).click()
    _heading(page, "Waar wilt u het gesprek voeren?")
    _next(page, "Aan de telefoon")
    _heading(page, "Controleer uw antwoorden")
    page.get_by_role("button", name="Hulp vragen").click()
    _heading(page, "Zo loopt het formulier af")
    expect(page.get_by_text("wmo-huishouden", exact=True)).to_be_visible()
    expect(page.get_by_text("Laten terugbellen", exact=True)).to_be_visible()


def test_a_publisher_copies_changes_fixes_previews_and_publishes_the_wmo_form(visit_js, portal):
    page = visit_js
    slug = f"wmo-nieuw-{uuid.uuid4().hex[:6]}"
    concept_url = _copy_wmo(page, slug)
    _change_question_3(page, concept_url, LONG)
    _add_question_with_a_route(page)
    expect(_quality_report(page, concept_url)).to_have_count(1)
    _change_question_3(page, concept_url, "Wilt u ons meer vertellen?")
    expect(_quality_report(page, concept_url)).to_have_count(0)
    _preview_the_whole_route(page, concept_url)
    page.get_by_role("note").get_by_role("link", name="Terug naar het concept").click()  # in the banner
    page.get_by_label("Wat is er veranderd?").first.fill("Vraag over waar u woont")
    page.get_by_role("button", name="Publiceren", exact=True).click()
    expect(page.get_by_text("Versie 1 staat nu online.")).to_be_visible()
    assert_accessible(page)


def _publish_new_wmo_version(page, question: str) -> None:
    """A publisher makes a concept of the live Wmo form, changes a question in the YAML editor, publishes."""
    log_in_as_staff(page, staff="Fatima El Amrani", check=False)
    page.goto("/medewerkers/formulieren/")
    page.locator(f"form[action='/medewerkers/formulieren/{WMO}/concept'] button").click()
    _heading(page, f"Concept van {WMO}")
    page.get_by_role("link", name="De YAML aanpassen").click()
    editor = page.get_by_label("De YAML van het formulier")
    editor.fill(editor.input_value().replace("Wat lukt niet meer goed?", question))
    page.get_by_role("button", name="Bewaren").click()
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar het concept").click()
    page.get_by_label("Wat is er veranderd?").first.fill("De vraag over wat niet lukt is korter")
    page.get_by_role("button", name="Publiceren", exact=True).click()
    expect(page.get_by_text(re.compile(r"Versie \d+ staat nu online\."))).to_be_visible()
    assert_accessible(page)


def _start_wmo(page, person: str) -> None:
    log_in_with_mock_digid(page, person=person, check=False)
    page.goto(f"/formulier/{WMO}")
    page.get_by_role("button", name="Beginnen").click()
    _heading(page, "Voor wie vraagt u hulp?")
    _next(page, "Voor mijzelf")


def _restore_shipped_wmo(db) -> None:
    """Other browser tests walk the shipped Wmo form: publish its text again as the newest version."""
    path = next(path for path in shipped_paths() if path.stem == WMO)
    published_form(db, WMO, path.read_text(encoding="utf-8"), by="tests")
    db.commit()


def test_a_resident_finishes_on_the_old_version_and_a_new_resident_gets_the_new_question(visit_js, browser, portal):
    resident = visit_js
    _start_wmo(resident, "Suzanne Moulin")
    _heading(resident, "Wat lukt niet meer goed?")
    staff_context = browser.new_context(base_url=portal.url, locale="nl-NL")
    newcomer_context = browser.new_context(base_url=portal.url, locale="nl-NL")
    try:
        _publish_new_wmo_version(staff_context.new_page(), "Waar heeft u hulp bij nodig?")
        resident.reload()
        _heading(resident, "Wat lukt niet meer goed?")  # her draft is pinned to the version she started on
        _next(resident, "Het huis schoonmaken")
        _next(resident)
        _next(resident, "Nee")
        _heading(resident, "Wie wonen er bij u in huis?")
        _next(resident)
        _next(resident, "Aan de telefoon")
        resident.get_by_label("Op welk nummer kunnen we u bellen?").fill("06 12345678")
        _next(resident)
        _heading(resident, "Controleer uw antwoorden")
        expect(resident.get_by_role("term").filter(has_text="Wat lukt niet meer goed?")).to_be_visible()
        resident.get_by_role("button", name="Hulp vragen").click()
        _heading(resident, "We hebben uw vraag om hulp gekregen")

        newcomer = newcomer_context.new_page()
        newcomer.set_default_timeout(10_000)
        _start_wmo(newcomer, "Christina Maria Maassen")
        _heading(newcomer, "Waar heeft u hulp bij nodig?")
    finally:
        staff_context.close()
        newcomer_context.close()
        in_portal(portal, _restore_shipped_wmo)


def _wmo_concept(db) -> str:
    from tests.support.concepts import concept_of

    concept = concept_of(db)
    db.commit()
    return concept.public_id


def test_the_preview_pages_and_their_refusal_with_javascript_on_and_off(visit, portal):
    page = visit
    preview = f"/medewerkers/formulieren/concept/{in_portal(portal, _wmo_concept)}/voorbeeld/"
    log_in_as_staff(page, staff="Sanne Jansen", check=False)
    page.goto(preview)
    _heading(page, "U mag formulieren niet beheren")  # staff without the form-publisher role
    page.goto("/medewerker/")
    page.get_by_role("button", name="Uitloggen").first.click()
    log_in_as_staff(page, staff="Fatima El Amrani", check=False)
    page.goto(preview)
    _heading(page, "Hulp bij het huishouden vragen")
    page.get_by_role("button", name="Beginnen").click()
    _next(page)
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_text("Voorbeeld", exact=True)).to_be_visible()
    assert_accessible(page)
    _next(page, "Voor iemand anders")
    _heading(page, "Vraagt u hulp voor iemand anders?")
    expect(page.get_by_text("Voorbeeld", exact=True)).to_be_visible()


def _retired_form(db) -> str:
    from portal.queries import formadmin

    slug = f"stop-{uuid.uuid4().hex[:6]}"
    published_form(db, slug)
    message = {"nl": "Gebruik het nieuwe formulier op onze website.", "en": "Use the new form on our website."}
    formadmin.retire_form(db, slug, message=message, staff_name="Fatima El Amrani")
    db.commit()
    return slug


def test_a_retired_forms_start_page_says_where_to_go_instead(visit, portal):
    page = visit
    page.goto(f"/formulier/{in_portal(portal, _retired_form)}")
    expect(page.get_by_role("heading", name="Dit formulier gebruiken we niet meer")).to_be_visible()
    expect(page.get_by_text("Gebruik het nieuwe formulier op onze website.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("eginnen"))).to_have_count(0)
    assert_accessible(page)


def test_the_preview_of_a_concept_shows_example_brp_facts_marked_as_examples(visit):
    """What a resident sees, with an RvIG test person's facts instead of "Niet bekend", each said to be one."""
    page = visit
    log_in_as_staff(page, staff="Fatima El Amrani", check=False)
    page.goto("/medewerkers/formulieren/")
    page.get_by_label("Welk formulier wilt u kopiëren?").select_option("verhuizing-doorgeven")
    page.get_by_label("Naam van het nieuwe formulier in het webadres").fill(f"verhuis-{uuid.uuid4().hex[:6]}")
    page.get_by_role("button", name="Kopieer het formulier").click()
    page.get_by_role("link", name=re.compile("Bekijk als inwoner")).first.click()
    page.get_by_role("button", name="Beginnen").click()
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Verder").click()
    _heading(page, "Klopt dit?")
    facts = page.get_by_role("main")
    expect(facts).to_contain_text("Suzanne Moulin")
    expect(facts).to_contain_text("Boterdiep 31")
    expect(facts).not_to_contain_text("Niet bekend")
    expect(facts.get_by_text("dit is een gegeven van een testpersoon")).to_have_count(2)
