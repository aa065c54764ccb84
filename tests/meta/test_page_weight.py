"""Every resident page stays light: HTML + CSS + JS ≤ 30 KB gzip in total (an old phone on a slow line)."""

import gzip
import re

import pytest

BUDGET = 30 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.parametrize("path", ["/", "/mijn-overzicht", "/mijn-gegevens", "/mijn-gegevens/klopt-niet",
                                  "/mijn-zaken", "/mijn-zaken/{case}", "/mijn-zaken/{case}/taken/{task}"])
def test_page_with_its_assets_is_within_budget(client, login, db, path):
    from tests.support.cases import add_task, make_case

    login("999993653")
    zaak = make_case(db, "999993653")
    taak = add_task(db, zaak)
    html = client.get(path.format(case=zaak.identificatie, task=taak.id)).get_data()
    total = gzip_size(html)
    for asset in sorted(set(ASSET.findall(html.decode()))):
        response = client.get(asset)
        assert response.status_code == 200, asset
        total += gzip_size(response.get_data())
    assert total <= BUDGET, f"{path}: {total} bytes gzip"
