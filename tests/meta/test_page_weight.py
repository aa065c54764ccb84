"""Every resident page stays light: HTML + CSS + JS ≤ 30 KB in total as the server sends them (compressed), for an
old phone on a slow line. tests/browser/test_transfer.py measures the same in a real browser, first and second visit.
"""

import re

import pytest

BUDGET = 30 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js|svg))"')
BROWSER = {"Accept-Encoding": "br, gzip, deflate"}


def sent_size(response) -> int:
    assert response.headers.get("Content-Encoding") in {"br", "gzip"}, response.request.path
    return len(response.get_data())


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/mijn-overzicht",
        "/mijn-gegevens",
        "/mijn-gegevens/klopt-niet",
        "/mijn-zaken",
        "/mijn-zaken/{case}",
        "/mijn-zaken/{case}/taken/{task}",
    ],
)
def test_page_with_its_assets_is_within_budget(client, login, db, path):
    from tests.support.cases import add_task, make_case

    login("999993653")
    zaak = make_case(db, "999993653")
    taak = add_task(db, zaak)
    page = client.get(path.format(case=zaak.identificatie, task=taak.id), headers=BROWSER)
    total = sent_size(page)
    for asset in sorted(set(ASSET.findall(client.get(page.request.path).get_data(as_text=True)))):
        response = client.get(asset, headers=BROWSER)
        assert response.status_code == 200, asset
        assert "immutable" in response.headers["Cache-Control"], asset
        total += sent_size(response)
    assert total <= BUDGET, f"{path}: {total} bytes sent"
