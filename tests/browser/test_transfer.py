"""What a browser really receives: a first visit to any resident page moves at most 30 KB over the wire (HTML,
CSS, JS, icon; compressed as served), and a second visit moves only the HTML (the assets are cached as immutable;
the session timer's status call is not an asset).

Measured with Chromium's own network events (encoded bytes, headers included), not by compressing in the test.
"""

from __future__ import annotations

import pytest

from tests.browser.support import log_in_with_mock_digid

BUDGET = 30 * 1024
PAGES = [
    "/",
    "/mijn-overzicht",
    "/mijn-gegevens",
    "/mijn-gegevens/klopt-niet",
    "/mijn-zaken",
    "/mijn-zaken/ZK-SMB3-TAAK",
    "/formulier/verhuizing-doorgeven",
    "/formulier/melding-openbare-ruimte",
    "/afspraak-maken",
]


class Transfers:
    """Bytes per request from the DevTools protocol: encodedDataLength is what came over the network."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.session.send("Network.setCacheDisabled", {"cacheDisabled": False})
        self.urls, self.sizes, self.cached, self.types = {}, {}, set(), {}
        self.session.on("Network.requestWillBeSent", self._sent)
        self.session.on(
            "Network.loadingFinished", lambda e: self.sizes.__setitem__(e["requestId"], e["encodedDataLength"])
        )
        self.session.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))

    def _sent(self, event) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]
        self.types[event["requestId"]] = event.get("type", "")

    def reset(self) -> None:
        for collected in (self.urls, self.sizes, self.cached, self.types):
            collected.clear()

    def assets_over_network(self) -> dict[str, int]:
        """Stylesheets, scripts, images and fonts that were not served from the browser's cache."""
        return {
            url: size
            for url, size in self.over_network().items()
            if self.types[self._id(url)] in {"Stylesheet", "Script", "Image", "Font"}
        }

    def _id(self, url: str) -> str:
        return next(rid for rid, seen in self.urls.items() if seen == url)

    def over_network(self) -> dict[str, int]:
        return {
            self.urls[rid]: size
            for rid, size in self.sizes.items()
            if rid in self.urls and rid not in self.cached and size > 0
        }


@pytest.fixture
def resident(browser, portal):
    context = browser.new_context(base_url=portal.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in_with_mock_digid(page, check=False)
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_first_visit_moves_at_most_30_kb_and_a_second_visit_only_the_html(browser, portal, resident, path):
    # A first visit: a browser with an empty cache (a new context with the same login cookies).
    context = browser.new_context(base_url=portal.url, locale="nl-NL", storage_state=resident.context.storage_state())
    page = context.new_page()
    transfers = Transfers(page)
    try:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        first = transfers.over_network()
        assert sum(first.values()) <= BUDGET, f"{path}: first visit moved {sum(first.values())} bytes: {first}"
        assert len(first) >= 2, f"{path}: expected the page and its stylesheet, got {list(first)}"
        transfers.reset()
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert portal.url + path in transfers.over_network()
        assert transfers.assets_over_network() == {}, f"{path}: a second visit fetched assets again"
    finally:
        context.close()
