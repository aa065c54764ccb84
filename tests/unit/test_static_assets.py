"""Static assets: the built stylesheet is current, light, self-hosted and licensed."""

import gzip
import os

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


def test_each_asset_appears_only_with_its_compressed_variants(tmp_path, monkeypatch):
    """WhiteNoise indexes the folder when its process starts; another process may be building it at that moment
    (the workers of a fresh deploy, test runs side by side). The variants are in place before the file is."""
    from portal import assets

    renamed = []
    real_replace = os.replace

    def replace(source, target):
        renamed.append(str(target))
        real_replace(source, target)

    monkeypatch.setattr(assets.os, "replace", replace)
    manifest = assets.build(tmp_path)
    css = str(tmp_path / manifest["css/portal.css"])
    assert renamed.index(css + ".br") < renamed.index(css) and renamed.index(css + ".gz") < renamed.index(css)
    assert not list(tmp_path.rglob(".tmp-*"))
    assert oct(os.stat(css).st_mode & 0o777) == "0o644"


def test_processes_building_at_once_leave_every_asset_with_its_variants(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from portal import assets

    with ThreadPoolExecutor(4) as pool:
        manifests = list(pool.map(lambda _: assets.build(tmp_path), range(4)))
    css = tmp_path / manifests[0]["css/portal.css"]
    assert all(manifest == manifests[0] for manifest in manifests)
    assert css.with_name(css.name + ".br").exists() and css.with_name(css.name + ".gz").exists()
    assert not list(tmp_path.rglob(".tmp-*"))
