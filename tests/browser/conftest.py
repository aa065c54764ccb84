"""Browser tests: Playwright on Debian's Chromium (never `playwright install`), axe-core on every page.

A live portal server runs with its embedded mock DigiD and mock BRP, as after `make run`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.browser.support import AXE_FIGURES, JS_OFF_PAGES
from tests.conftest import LiveServer, live_app_factory
from tests.support.services import require

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


FAILURES = Path("test-artifacts/failures")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails leaves a screenshot of the page as it was: test-artifacts/failures/<test>.png."""
    report = yield
    page = next((item.funcargs.get(name) for name in ("visit", "visit_js") if name in item.funcargs), None)
    if report.failed and page is not None and not page.is_closed():
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.removeprefix("tests/browser/")).strip("_")
        path = FAILURES / f"{name}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
            report.sections.append(("screenshot", str(path)))
        except Exception as error:  # noqa: BLE001 - a missing screenshot must not hide the real failure
            report.sections.append(("screenshot", f"none: {error}"))
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium")
    require(executable is not None, "Debian's chromium (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


class AxeFigures:
    """The summary line: how many pages axe checked, and how many it left out as checked already."""

    def figures_line(self) -> str:
        return (
            f"axe: {AXE_FIGURES['runs']} pages checked, {AXE_FIGURES['same']} left out because the very same "
            "rendered page had passed already"
        )

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.write_line(self.figures_line())


@pytest.fixture(scope="session", autouse=True)
def _axe_figures(request):
    request.config.pluginmanager.register(AxeFigures(), "axe figures")


@pytest.fixture(scope="session")
def portal():
    """The whole portal on a real port, with the mocks mounted, like `make run`."""
    server = LiveServer(live_app_factory({"MOCK_DIGID_ENABLED": True, "MOCK_BRP_ENABLED": True}, demo=True)).start()
    yield server
    server.stop()


@pytest.fixture(params=["js-on", "js-off"])
def js(request):
    return request.param == "js-on"


@pytest.fixture
def visit(browser, portal, js):
    """A fresh browser context (JavaScript on or off) and a page in it."""
    context = browser.new_context(java_script_enabled=js, base_url=portal.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    if not js:
        JS_OFF_PAGES.add(page)
    yield page
    context.close()


@pytest.fixture
def visit_js(browser, portal):
    context = browser.new_context(base_url=portal.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
