"""The accessibility check of a concept's preview pages: axe-core in Chromium when the server has both,
with the same WCAG rules as the browser tests (tests/browser/support.py) and reflow at 320 px; otherwise the
HTML checks every page of the portal must pass (one `lang`, one h1, every input labelled, unique ids).

`accessibility_findings(pages)` takes the rendered preview pages (the staff preview renders them; see
`preview_pages`) and is slow with a browser (seconds), so the report page only shows the stored result and a
button runs the check.
"""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REFLOW_WIDTH = 320
HASHED = re.compile(r"\.[0-9a-f]{12}(\.[A-Za-z0-9]+)$")
BROWSER_TIMEOUT = 120  # seconds for all pages of one concept
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}
CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class RenderedPage:
    step_id: str
    title: str
    html: str


@dataclass(frozen=True)
class Finding:
    step_id: str
    rule: str
    message: str


@dataclass
class AccessibilityResult:
    browser: bool  # False: no browser on the server, only the HTML checks ran
    pages: int
    findings: list[Finding] = field(default_factory=list)

    def as_detail(self) -> dict:
        return {
            "browser": self.browser,
            "pages": self.pages,
            "findings": [[item.step_id, item.rule, item.message] for item in self.findings],
        }

    @classmethod
    def from_detail(cls, detail: dict) -> AccessibilityResult:
        return cls(detail["browser"], detail["pages"], [Finding(*item) for item in detail["findings"]])


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.h1, self.ids, self.labelled, self.inputs = "", 0, [], set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        elif tag == "h1":
            self.h1 += 1
        elif tag == "label" and attributes.get("for"):
            self.labelled.add(attributes["for"])
        elif (
            tag in ("input", "select", "textarea")
            and attributes.get("type") not in UNLABELLED_TYPES
            and not (attributes.get("aria-label") or attributes.get("aria-labelledby"))
        ):
            self.inputs.append(attributes.get("id") or attributes.get("name") or tag)


def html_findings(page: RenderedPage) -> list[Finding]:
    parser = _Parser()
    parser.feed(page.html)
    found = []
    if parser.lang not in ("nl", "en"):
        found.append(Finding(page.step_id, "html-lang", _("De pagina heeft geen taal (lang) nl of en.")))
    if parser.h1 != 1:
        found.append(
            Finding(
                page.step_id, "one-h1", _("De pagina heeft %(num)s koppen h1. Dat moet er één zijn.", num=parser.h1)
            )
        )
    for name in parser.inputs:
        if name not in parser.labelled:
            found.append(Finding(page.step_id, "label", _("Het veld '%(name)s' heeft geen label.", name=name)))
    for duplicate in sorted({item for item in parser.ids if parser.ids.count(item) > 1}):
        found.append(Finding(page.step_id, "unique-id", _("Het id '%(id)s' staat er meer dan één keer.", id=duplicate)))
    return found


def browser_available() -> bool:
    """Chromium on the server and the Python packages to drive it (a dev dependency: not on every server)."""
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return False
    return _chromium() is not None


def _serve(pages: dict[str, str], static_dir: Path):
    """Answer the browser from memory and disk: the preview HTML, the portal's own static files, nothing else
    (no request goes over the network, so the check also runs inside a single-threaded server)."""

    def handler(route):
        path = urlsplit(route.request.url).path
        if path in pages:
            return route.fulfill(status=200, content_type="text/html; charset=utf-8", body=pages[path])
        # Templates link content-hashed names (portal/assets.py): css/portal.<hash>.css is css/portal.css.
        file = (static_dir / HASHED.sub(r"\1", path.removeprefix("/static/"))).resolve()
        if path.startswith("/static/") and file.is_relative_to(static_dir.resolve()) and file.is_file():
            return route.fulfill(status=200, path=str(file))
        return route.fulfill(status=404, body="")

    return handler


def _check_page(page, axe, rendered: RenderedPage, url: str, reflow_message: str) -> list[Finding]:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url, wait_until="load")
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = [
        Finding(rendered.step_id, violation["id"], violation["help"])
        for violation in axe.run(page, options=options).response["violations"]
    ]
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        found.append(Finding(rendered.step_id, "reflow", reflow_message))
    return found


def _browser_findings(pages: list[RenderedPage], static_dir: Path, reflow_message: str) -> list[Finding]:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    urls = {f"/voorbeeld/{index}/{page.step_id}": page for index, page in enumerate(pages)}
    axe, found = Axe(), []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.route("**/*", _serve({url: item.html for url, item in urls.items()}, static_dir))
            for url, rendered in urls.items():
                found += _check_page(page, axe, rendered, f"http://preview.invalid{url}", reflow_message)
        finally:
            browser.close()
    return found


def _chromium() -> str | None:
    return shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)


def accessibility_findings(pages: list[RenderedPage], *, use_browser: bool = True) -> AccessibilityResult:
    """The HTML checks always; axe and reflow too when a browser is available (and `use_browser`)."""
    found = [finding for page in pages for finding in html_findings(page)]
    browser = use_browser and browser_available() and bool(pages)
    if browser:
        # In a thread of its own: Playwright's sync API refuses to run where an event loop (or another
        # Playwright) already runs, which a server or a test session may have.
        with ThreadPoolExecutor(max_workers=1) as pool:
            work = pool.submit(
                _browser_findings,
                pages,
                Path(current_app.static_folder),
                _("Op 320 pixels breed is de pagina te breed."),
            )
            found += work.result(timeout=BROWSER_TIMEOUT)
    return AccessibilityResult(browser=browser, pages=len(pages), findings=found)


def preview_pages(definition: dict) -> list[RenderedPage]:
    """Every page of the definition as the runner's preview renders it, in each language of the form."""
    from portal.eforms.preview import render_pages

    return [
        RenderedPage(page.step_id, page.title, page.html)
        for lang in definition.get("languages", ["nl"])
        for page in render_pages(definition, lang)
    ]
