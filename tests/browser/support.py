"""Helpers for browser tests: axe-core checks and logging in the way a person does."""

from __future__ import annotations

import hashlib
import os
import re
import weakref
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
JS_OFF_PAGES: weakref.WeakSet = weakref.WeakSet()


def assert_accessible(page) -> None:
    """0 axe-core violations for the WCAG 2.0/2.1/2.2 A and AA rules on the current page, and the page
    reflows at 320 px (1.4.10) and survives the text-spacing overrides (1.4.12). With MG_SCREENSHOTS set,
    the page is also saved at 320 and 1280 px wide (`make screenshots`).

    axe needs JavaScript (timers, promises). For a page in a context with JavaScript off, the exact HTML
    that page received is checked in a helper page, with the same URL, styles and viewport but without
    scripts, which is what a visitor without JavaScript gets.
    """
    assert_reflows(page, spacing=True)
    save_screenshots(page)
    if page not in JS_OFF_PAGES:
        _check(page)
        return
    html, url = _SCRIPT.sub("", page.content()), page.url
    helper = _helper_page(page.context.browser)
    helper.unroute_all()
    document = url.split("#", 1)[0]
    helper.route(lambda target: target == document, lambda route: route.fulfill(content_type=_HTML, body=html))
    if page.viewport_size:
        helper.set_viewport_size(page.viewport_size)
    helper.goto(url)
    _check(helper, shown_url=url)


_HTML = "text/html; charset=utf-8"
_helpers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _helper_page(browser):
    """One helper page per browser for the JavaScript-off checks, in a context of its own (no cookies
    of the page under test), reused from check to check instead of a new context each time."""
    helper = _helpers.get(browser)
    if helper is None or helper.is_closed():
        helper = _helpers[browser] = browser.new_context().new_page()
    return helper


# What axe's outcome depends on: the rendered document (scripts left out: they do not render, and the
# CSP nonce and CSRF token differ per response without changing what is shown), what is filled in, where
# the focus is, the viewport and the media. The stylesheets are the same for the whole run, so the same
# fingerprint means the same result.
_FINGERPRINT = """() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll("script").forEach(el => el.remove());
  copy.querySelectorAll("[nonce]").forEach(el => el.removeAttribute("nonce"));
  copy.querySelectorAll("input[name=csrf_token]").forEach(el => el.removeAttribute("value"));
  const focus = [];
  for (let el = document.activeElement; el && el !== document.body; el = el.parentElement) {
    focus.unshift([...el.parentElement?.children ?? []].indexOf(el));
  }
  const filled = [...document.querySelectorAll("input, select, textarea")].map(el =>
    el.name === "csrf_token" ? "" : ["checkbox", "radio"].includes(el.type) ? el.checked : el.value);
  return [location.href, innerWidth, innerHeight, matchMedia("print").matches, focus.join("."),
    JSON.stringify(filled), copy.outerHTML].join("\\n");
}"""
_passed: set[str] = set()
AXE_FIGURES: Counter = Counter()


def _check(page, shown_url: str | None = None) -> None:
    """Run axe on the page, unless a page with the very same fingerprint already passed in this run (the
    start page before each login, a JavaScript-off page that renders exactly as with JavaScript on)."""
    # After a click the new page may still be waiting for its stylesheet (on a busy machine): axe would then
    # measure unstyled links (target-size) and contrast.
    page.wait_for_load_state("load")
    fingerprint = hashlib.sha256(page.evaluate(_FINGERPRINT).encode()).hexdigest()
    if fingerprint in _passed:
        AXE_FIGURES["same"] += 1
        return
    AXE_FIGURES["runs"] += 1
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(node["html"][:120] for node in v["nodes"][:3])
        for v in violations
    ]
    assert not violations, f"axe violations on {shown_url or page.url}:\n- " + "\n- ".join(details)
    _passed.add(fingerprint)


def log_in_with_mock_digid(page, *, person: str = "Suzanne Moulin", level: str = "Midden", check: bool = True) -> None:
    """From the start page: Inloggen met DigiD → pick a test person and a level → Inloggen.
    With `check`, the start and login pages are checked with axe on the way."""
    page.goto("/")
    if check:
        assert_accessible(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    if check:
        assert_accessible(page)
    page.get_by_label(re.compile(person)).check()
    page.get_by_label(level, exact=True).check()
    page.get_by_role("button", name="Inloggen").click()


def log_in_as_staff(page, *, staff: str = "Sanne Jansen", check: bool = True) -> None:
    """Through the staff login: /medewerker → the mock provider's staff page → pick a staff member."""
    page.goto("/medewerker/")
    if check:
        assert_accessible(page)
    page.get_by_label(re.compile(staff)).check()
    page.get_by_role("button", name="Inloggen").click()


def in_portal(portal, action):
    """Run `action(db)` against the live portal's database (to arrange data or run the outbox worker)."""
    from portal.db import get_session

    with portal.app.app_context():
        return action(get_session())


def _at_width(page, width: int, measure):
    """Run `measure()` with the viewport `width` CSS pixels wide, then set it back."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        page.wait_for_load_state()
        try:
            return measure()
        except PlaywrightError:  # a click's navigation replaced the page while we measured: measure the new one
            page.wait_for_load_state()
            return measure()
    finally:
        if before:
            page.set_viewport_size(before)


_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The innermost elements that stick out on the right, to say what makes the page too wide.
_WIDE = """() => {
  const edge = document.documentElement.clientWidth + 1, out = el => el.getBoundingClientRect().right > edge;
  return [...document.body.querySelectorAll("*")].filter(el => out(el) && ![...el.children].some(out)).slice(0, 3)
    .map(el => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


def assert_reflows(page, width: int = 320, *, spacing: bool = False) -> None:
    """WCAG 1.4.10: at `width` CSS pixels the current page needs no sideways scrolling. With `spacing`, also
    `assert_text_spacing` at that width, in the same viewport change (what `assert_accessible` does).

    The viewport is set back to what it was afterwards."""

    def measure():
        overflow = page.evaluate(_OVERFLOW)
        return overflow, page.evaluate(_WIDE) if overflow > 0 else [], page.evaluate(_TEXT_SPACING) if spacing else []

    overflow, wide, problems = _at_width(page, width, measure)
    assert overflow <= 0, f"{page.url} is {overflow} px wider than {width} px (WCAG 1.4.10 Reflow): {wide}"
    _no_spacing_problems(page, problems)


# The WCAG 1.4.12 bookmarklet's overrides, then a look for what they broke: a page wider than the screen,
# and boxes whose text no longer fits them (clipped, or spilling over what comes next).
_TEXT_SPACING = """() => {
  const style = document.createElement("style");
  style.textContent = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }`;
  document.head.appendChild(style);
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`page ${root.scrollWidth - root.clientWidth} px too wide`);
  for (const el of document.body.querySelectorAll("*")) {
    if (problems.length > 5) break;
    const box = el.getBoundingClientRect();
    if (box.width <= 2 || box.height <= 2 || !el.textContent.trim() || el.matches("dialog:not([open]) *")) continue;
    const tall = el.scrollHeight - el.clientHeight > 1, wide = el.scrollWidth - el.clientWidth > 1;
    if ((tall || wide) && el.clientHeight > 0 && !["HTML", "BODY", "TEXTAREA", "SELECT"].includes(el.tagName)) {
      const css = getComputedStyle(el);
      const scrolls = ["auto", "scroll"].includes(css.overflowX) || ["auto", "scroll"].includes(css.overflowY);
      if (!scrolls) problems.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent.trim().slice(0, 40)}"`
        + ` needs ${el.scrollWidth}x${el.scrollHeight}, has ${el.clientWidth}x${el.clientHeight}`);
    }
  }
  style.remove();
  return problems;
}"""


def assert_text_spacing(page, width: int = 320) -> None:
    """WCAG 1.4.12: with line height 1.5, paragraph spacing 2em, letter spacing 0.12em and word spacing
    0.16em, no text is clipped or overlaps and the page still fits `width` CSS pixels."""
    _no_spacing_problems(page, _at_width(page, width, lambda: page.evaluate(_TEXT_SPACING)))


def _no_spacing_problems(page, problems: list[str]) -> None:
    assert not problems, f"{page.url} breaks with WCAG 1.4.12 text spacing:\n- " + "\n- ".join(problems)


SCREENSHOT_DIR = Path(os.environ.get("MG_SCREENSHOTS_DIR", "test-artifacts/screenshots"))
_seen: set[str] = set()
_counts: dict[str, int] = {}


def _shot_name() -> str:
    """module, test (with its JS on/off id) and a counter, safe as a file name: one name per page a test visits."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "page").split(" ")[0]
    module, _, test = current.rpartition("::")
    test = re.sub(r"-?chromium|\[\]", "", test)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{Path(module).stem}.{test}").strip("_")
    _counts[name] = _counts.get(name, 0) + 1
    return f"{name}--{_counts[name]:02d}"


def dev_screenshots(page, stem: str, height: int = 900) -> None:
    """With MG_SCREENSHOTS=1: the page at 320 and 1280 px wide as /tmp/<stem>-<width>.png (for a look at a
    new page while building it); the viewport is set back afterwards."""
    if not os.environ.get("MG_SCREENSHOTS"):
        return
    before = page.viewport_size
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"/tmp/{stem}-{width}.png", full_page=True)
    if before:
        page.set_viewport_size(before)


def save_screenshots(page) -> None:
    """With MG_SCREENSHOTS=1: save the whole page at 320 and 1280 CSS pixels wide, with its URL beside it.

    A page a test shows again unchanged (the start page before every login) is saved once."""
    if not os.environ.get("MG_SCREENSHOTS"):
        return
    js = "js-off" if page in JS_OFF_PAGES else "js-on"
    key = f"{js} {urlsplit(page.url).path} {hash(page.locator('body').inner_text())}"
    if key in _seen:
        return
    _seen.add(key)
    name = _shot_name()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for width in (320, 1280):
        path = str(SCREENSHOT_DIR / f"{name}@{width}.png")
        _at_width(page, width, lambda path=path: page.screenshot(path=path, full_page=True))
    (SCREENSHOT_DIR / f"{name}.url").write_text(f"{page.url} ({js})", encoding="utf-8")
