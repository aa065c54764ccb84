"""WCAG 2.2.1: before the session ends, an accessible dialog lets the resident stay logged in (JS on);
without JavaScript the notice and its button are always on the page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, log_in_with_mock_digid
from tests.conftest import LiveServer, live_app_factory


@pytest.fixture(scope="module")
def warning_now_portal():
    """A portal whose warning period is the whole idle time, so the dialog is due at once."""
    overrides = {"MOCK_DIGID_ENABLED": True, "MOCK_BRP_ENABLED": True, "SESSION_WARNING_SECONDS": 15 * 60}
    server = LiveServer(live_app_factory(overrides)).start()
    yield server
    server.stop()


def test_dialog_warns_and_stay_logged_in_keeps_the_session(browser, warning_now_portal):
    context = browser.new_context(base_url=warning_now_portal.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in_with_mock_digid(page)
    dialog = page.get_by_role("dialog", name="Wilt u ingelogd blijven?")
    expect(dialog).to_be_visible()
    assert_accessible(page)
    dialog.get_by_role("button", name="Ingelogd blijven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Suzanne Moulin")
    context.close()


def test_without_javascript_the_notice_offers_to_stay_logged_in(visit):
    log_in_with_mock_digid(visit)
    expect(visit.get_by_text(re.compile(r"Dan logt u om \d\d:\d\d automatisch uit\."))).to_be_visible()
    expect(visit.get_by_role("button", name="Ingelogd blijven").first).to_be_visible()
