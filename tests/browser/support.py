"""Helpers for browser tests: axe-core checks and logging in the way a person does."""

from __future__ import annotations

import re
import weakref

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
JS_OFF_PAGES: weakref.WeakSet = weakref.WeakSet()


def assert_accessible(page) -> None:
    """0 axe-core violations for the WCAG 2.0/2.1/2.2 A and AA rules on the current page.

    axe needs JavaScript (timers, promises). For a page in a context with JavaScript off, the exact HTML
    that page received is checked in a helper page, with the same URL and styles but without scripts,
    which is what a visitor without JavaScript gets.
    """
    if page not in JS_OFF_PAGES:
        _check(page)
        return
    html, url = _SCRIPT.sub("", page.content()), page.url
    helper_context = page.context.browser.new_context()
    helper = helper_context.new_page()
    helper.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    helper.goto(url)
    try:
        _check(helper, shown_url=url)
    finally:
        helper_context.close()


def _check(page, shown_url: str | None = None) -> None:
    # After a click the new page may still be waiting for its stylesheet (on a busy machine): axe would then
    # measure unstyled links (target-size) and contrast.
    page.wait_for_load_state("load")
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(node["html"][:120] for node in v["nodes"][:3])
        for v in violations
    ]
    assert not violations, f"axe violations on {shown_url or page.url}:\n- " + "\n- ".join(details)


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


def assert_reflows(page, width: int = 320) -> None:
    """WCAG 1.4.10: at `width` CSS pixels the current page needs no sideways scrolling.

    The viewport is set back to what it was afterwards."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page.url} is {overflow} px wider than {width} px (WCAG 1.4.10 Reflow)"
    finally:
        if before:
            page.set_viewport_size(before)
