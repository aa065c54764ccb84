"""One keyboard-only run: from the start page to Mijn overzicht without a mouse."""

import re

from playwright.sync_api import expect

from tests.browser.support import assert_accessible

FOCUSED_NAME = """() => {
  const el = document.activeElement;
  if (!el) return "";
  if (el.labels && el.labels.length) return el.labels[0].innerText;
  return (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
}"""


def tab_to(page, name: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if re.search(name, page.evaluate(FOCUSED_NAME)):
            return
    raise AssertionError(f"could not reach {name!r} with the Tab key")


def test_login_to_overview_with_the_keyboard_only(visit_js):
    page = visit_js
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_NAME) == "Ga direct naar de inhoud"  # the skip link comes first
    tab_to(page, "^Inloggen met DigiD$")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Burgerservicenummer")).to_be_visible()

    tab_to(page, "Suzanne Moulin")
    page.keyboard.press("Space")
    tab_to(page, "^Midden$|^Basis$|^Substantieel$|^Hoog$")
    while page.evaluate(FOCUSED_NAME) != "Midden":
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, "^Inloggen$")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Suzanne Moulin")
    assert_accessible(page)

    tab_to(page, "^Mijn gegevens$")
    outline = page.evaluate("() => parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline >= 2, "keyboard focus must be clearly visible"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")


def test_answering_a_task_with_the_keyboard_only(visit_js, portal, tmp_path):
    from tests.browser.support import in_portal, log_in_with_mock_digid
    from tests.support.cases import PDF, add_task, make_case

    in_portal(
        portal, lambda db: add_task(db, make_case(db, "999991401", "wmo-huishouden"), titel="Stuur ons uw loonstrook")
    )
    page = visit_js
    log_in_with_mock_digid(page, person="Janus Bloothooft", check=False)
    expect(page).to_have_url(re.compile(r"/mijn-overzicht$"))
    tab_to(page, "^Stuur ons uw loonstrook$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stuur ons uw loonstrook")
    tab_to(page, "^Uw antwoord$")
    page.keyboard.type("Hierbij mijn loonstrook van mei.")
    payslip = tmp_path / "loonstrook.pdf"
    payslip.write_bytes(PDF)
    tab_to(page, "^Bestanden$")
    # The file input is reached with Tab. Space would open the system's file dialog, which is not part of
    # the page (and not reliably raised by headless Chromium): choose the file on the focused input instead.
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("type", "file")
    focused.set_input_files(str(payslip))
    tab_to(page, "^Verstuur antwoord$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("We hebben uw antwoord gekregen")
    expect(page.get_by_role("link", name="loonstrook.pdf").first).to_be_visible()
    assert_accessible(page)
