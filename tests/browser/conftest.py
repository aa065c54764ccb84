"""Browser tests: Playwright on Debian's Chromium (never `playwright install`), axe-core on every page.

A live portal server runs with its embedded mock DigiD and mock BRP, as after `make run`.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.support import JS_OFF_PAGES
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


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium")
    require(executable is not None, "Debian's chromium (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


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
