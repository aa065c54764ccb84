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
