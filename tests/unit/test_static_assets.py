"""Static assets: the built stylesheet is current, light, self-hosted and licensed."""

import gzip

from scripts.build_css import OUTPUT, SOURCES, build

STATIC = OUTPUT.parent.parent


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def test_portal_css_is_built_from_the_current_sources():
    assert OUTPUT.read_text(encoding="utf-8") == build(), "run: .venv/bin/python scripts/build_css.py"


def test_css_and_js_stay_within_their_share_of_the_page_budget():
    # 13 KB since Mijn zaken (timeline, case lists, work queue); the page budget of 30 KB is the real limit.
    assert gzip_size(OUTPUT.read_bytes()) <= 13 * 1024
    assert gzip_size((STATIC / "js" / "portal.js").read_bytes()) <= 3 * 1024


def test_nothing_is_loaded_from_another_site():
    css = OUTPUT.read_text(encoding="utf-8")
    assert "url(http" not in css and "@import" not in css


def test_vendored_css_is_licensed_and_noted():
    readme = (STATIC / "vendor" / "nlds" / "README.md").read_text(encoding="utf-8")
    assert "EUPL-1.2" in readme
    for source in SOURCES:
        if "vendor" in source.parts:
            assert source.stem in readme
            assert "EUPL-1.2" in source.read_text(encoding="utf-8")[:200]
