"""The form builder in a browser: every page and its error states with 0 axe violations and reflow at 320 px
(JavaScript on and off), and building a short form with the keyboard only."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, in_portal, log_in_as_staff
from tests.browser.test_keyboard import FOCUSED_NAME, tab_to
from tests.support.concepts import concept_of


def back_to(page, name: str, limit: int = 80) -> None:
    """Shift+Tab until the focused element's name matches `name`."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab")
        if re.search(name, page.evaluate(FOCUSED_NAME)):
            return
    raise AssertionError(f"could not reach {name!r} with Shift+Tab")


def new_concept(portal) -> str:
    def make(db):
        concept = concept_of(db)
        db.commit()
        return concept.public_id

    return f"/medewerkers/formulieren/concept/{in_portal(portal, make)}/bouwer"


def save_elsewhere(portal, path: str) -> None:
    """Somebody else saves the concept (the revision moves on)."""
    from portal.queries import formadmin

    public_id = path.split("/")[4]

    def save(db):
        concept = formadmin.get_concept(db, public_id)
        formadmin.save_concept(
            db,
            public_id,
            definition_yaml=concept.definition_yaml,
            expected_revision=concept.revision,
            staff_name="Joost",
        )
        db.commit()

    in_portal(portal, save)


def test_every_builder_page_and_its_error_states(visit, portal):
    page = visit
    base = new_concept(portal)
    log_in_as_staff(page, staff="Fatima El Amrani", check=False)
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Formulier bouwen: Hulp bij het huishouden vragen")
    assert_accessible(page)
    page.get_by_role("link", name="Samenvatting van het formulier").click()
    expect(page.get_by_text("Als het antwoord op vraag 1 'Voor iemand anders' is")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/")
    page.get_by_role("link", name="Vraag toevoegen na vraag 4").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat voor vraag wilt u toevoegen?")
    assert_accessible(page)
    page.get_by_role("link", name="Eén keuze uit een lijst").click()
    assert_accessible(page)
    page.get_by_role("button", name="Vraag opslaan").click()  # no text, no answers: errors
    expect(page).to_have_title(re.compile("^Fout: "))
    expect(page.get_by_role("link", name="Schrijf de vraag in het Nederlands.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Vraag in het Nederlands", exact=True).fill("Hoe vaak wilt u hulp?")
    page.get_by_label("Antwoorden in het Nederlands, één per regel").fill("Elke week")
    page.get_by_role("button", name="Vraag opslaan").click()  # one answer is not enough: the builder's refusal
    expect(page.get_by_text("Schrijf minstens twee antwoorden, één per regel.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Antwoorden in het Nederlands, één per regel").fill("Elke week\nElke twee weken")
    page.get_by_role("button", name="Vraag opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De verandering is opgeslagen.")
    assert_accessible(page)

    page.get_by_role("link", name="Veranderen vraag 5").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag 5 veranderen")
    assert_accessible(page)
    page.get_by_role("link", name="Soort antwoord veranderen").click()
    expect(page.get_by_text("Nu is het: Eén keuze uit een lijst.")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/")
    page.get_by_role("link", name="Routes van vraag 5").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Routes van vraag 5")
    assert_accessible(page)
    page.get_by_role("link", name="Vraag 5: Hoe vaak wilt u hulp?").click()
    assert_accessible(page)
    page.get_by_role("link", name="Als het antwoord 'Elke twee weken' is").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waar gaat de inwoner heen?")
    assert_accessible(page)
    page.get_by_role("button", name="Uitgang maken en kiezen").click()  # empty: errors
    expect(page.get_by_role("link", name="Schrijf de titel van de uitgang.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Titel van de uitgang in het Nederlands").fill("Hulp om de week kan niet")
    page.get_by_label("Waarom kan het formulier niet helpen? In het Nederlands").fill("Wij geven elke week hulp.")
    page.get_by_label("Wat kan de inwoner wel doen? In het Nederlands").fill("Bel ons op 14 020.")
    page.get_by_role("button", name="Uitgang maken en kiezen").click()
    expect(page.get_by_text("Als het antwoord op vraag 5 'Elke twee weken' is, ga naar de uitgang")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/pagina/al-hulp/verwijderen")
    expect(page.get_by_role("heading", name="U kunt deze vraag nog niet verwijderen")).to_be_visible()
    assert_accessible(page)
    page.goto(base + "/pagina/toelichting/verwijderen")
    expect(page.get_by_role("button", name="Ja, verwijder vraag 3")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/uitkomst/2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitkomst 2 veranderen")
    assert_accessible(page)
    page.get_by_label("Titel van de bevestiging in het Nederlands").fill("")
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_role("link", name="Schrijf de titel van de bevestiging.")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "/pagina/toelichting/vraag/toelichting")
    save_elsewhere(portal, base)
    page.get_by_label("Vraag in het Nederlands", exact=True).fill("Vertel er meer over")
    page.get_by_role("button", name="Vraag opslaan").click()
    expect(page.get_by_text("Iemand anders heeft dit formulier net gewijzigd")).to_be_visible()
    expect(page.get_by_label("Vraag in het Nederlands", exact=True)).to_have_value("Vertel er meer over")
    assert_accessible(page)


def test_a_staff_member_without_the_role_is_told_why(visit, portal):
    page = visit
    base = new_concept(portal)
    log_in_as_staff(page, staff="Sanne Jansen", check=False)
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("U mag formulieren niet veranderen")
    assert_accessible(page)


def test_building_a_short_form_with_the_keyboard_only(visit_js, portal):
    """Tab, Shift+Tab, Enter and Space (and typing): a copy of the Wmo form, a changed question text, a new yes/no
    question, a route on it to an exit page, and the summary shows the route. Logging in is the shared helper."""
    page = visit_js
    base = new_concept(portal)
    log_in_as_staff(page, staff="Fatima El Amrani", check=False)
    page.goto(base + "/")

    tab_to(page, r"^Veranderen\s+vraag 3$", limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag 3 veranderen")
    tab_to(page, "^Vraag in het Nederlands$")
    page.keyboard.type("Wilt u ons meer vertellen?")  # Tab selects the whole text, so typing replaces it
    tab_to(page, "^Vraag opslaan$", limit=60)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Vraag 3: Wilt u ons meer vertellen?")).to_be_visible()

    tab_to(page, "^Vraag toevoegen na vraag 4$", limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat voor vraag wilt u toevoegen?")
    tab_to(page, "^Ja of nee$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag toevoegen: Ja of nee")
    tab_to(page, "^Vraag in het Nederlands$")
    page.keyboard.type("Woont u alleen?")
    page.keyboard.press("Tab")
    page.keyboard.type("Do you live alone?")
    tab_to(page, "^De inwoner moet deze vraag beantwoorden$")
    page.keyboard.press("Shift+Tab")  # and back: Shift+Tab works too
    assert page.evaluate("document.activeElement.name") == "hint_en"
    tab_to(page, "^Vraag opslaan$", limit=60)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("De verandering is opgeslagen.")

    tab_to(page, r"^Routes\s+van vraag 5$", limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Routes van vraag 5")
    tab_to(page, "^Vraag 5: Woont u alleen\\?$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bij welk antwoord?")
    tab_to(page, "^Als het antwoord 'Nee' is$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Waar gaat de inwoner heen?")
    tab_to(page, "^Naar de uitgang: Vraagt u hulp voor iemand anders\\?$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Routes van vraag 5")

    expect(page.get_by_text("Als het antwoord op vraag 5 'Nee' is, ga naar de uitgang")).to_be_visible()
    tab_to(page, "^Terug naar de vragen$", limit=60)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Formulier bouwen")
    page.keyboard.press("Tab")  # focus starts at the question we came from; the summary link is above it
    back_to(page, "^Samenvatting van het formulier$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samenvatting")
    expect(
        page.get_by_text(
            "Als het antwoord op vraag 5 'Nee' is, ga naar de uitgang 'Vraagt u hulp voor iemand anders?'."
        )
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Vraag 3: Wilt u ons meer vertellen?")).to_be_visible()
    assert_accessible(page)
