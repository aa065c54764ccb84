"""Every resident page stays light: HTML + CSS + JS ≤ 30 KB gzip in total (an old phone on a slow line)."""

import gzip
import re

import pytest

BUDGET = 30 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.parametrize("path", ["/", "/mijn-overzicht", "/mijn-gegevens", "/mijn-gegevens/klopt-niet"])
def test_page_with_its_assets_is_within_budget(client, login, path):
    login("999993653")
    html = client.get(path).get_data()
    total = gzip_size(html)
    for asset in sorted(set(ASSET.findall(html.decode()))):
        response = client.get(asset)
        assert response.status_code == 200, asset
        total += gzip_size(response.get_data())
    assert total <= BUDGET, f"{path}: {total} bytes gzip"
