"""Another resident's case, document, message or task: 404, whatever id is tried, on every route.

The sweep walks every resident route under /mijn-zaken with every id of the other resident's records
(and ids mixed across the two residents), by GET and by POST, and expects a 404 each time.
"""

from __future__ import annotations

import io

from sqlalchemy import select

from portal.cases import service
from portal.models.cases import Bericht, Taak
from tests.support.cases import PDF, add_document, add_task, make_case
from tests.support.forms import csrf_token

SUZANNE, CHRISTINA = "999993653", "999995078"


def _records(db, bsn: str):
    zaak = make_case(db, bsn)
    document = add_document(db, zaak)
    taak = add_task(db, zaak)
    service.message_to_resident(db, zaak, onderwerp="Vraag", tekst="Tekst", afzender="Sanne")
    return zaak, document, taak


def _case_routes(app) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("cases.") and "<reference>" in rule.rule
    )


def test_every_case_route_is_covered_by_the_sweep(app):
    assert _case_routes(app) == [
        "/mijn-zaken/<reference>",
        "/mijn-zaken/<reference>/berichten",
        "/mijn-zaken/<reference>/documenten/<int:document_id>",
        "/mijn-zaken/<reference>/taken/<int:task_id>",
    ]


def test_the_other_residents_records_are_404_on_every_route(client, login, db):
    own_case, own_document, own_task = _records(db, SUZANNE)
    other_case, other_document, other_task = _records(db, CHRISTINA)
    login(SUZANNE)
    token = csrf_token(client, "/mijn-zaken")
    other, own = other_case.identificatie, own_case.identificatie
    urls = [
        f"/mijn-zaken/{other}",
        f"/mijn-zaken/{other}/documenten/{other_document.id}",
        f"/mijn-zaken/{other}/documenten/{own_document.id}",
        f"/mijn-zaken/{own}/documenten/{other_document.id}",
        f"/mijn-zaken/{other}/taken/{other_task.id}",
        f"/mijn-zaken/{other}/taken/{own_task.id}",
        f"/mijn-zaken/{own}/taken/{other_task.id}",
        "/mijn-zaken/ZK-AAAA-AAAA",
        f"/mijn-zaken/{own.lower()}",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = {
        f"/mijn-zaken/{other}/berichten": {"onderwerp": "Hallo", "tekst": "Ik ben iemand anders"},
        f"/mijn-zaken/{other}/taken/{other_task.id}": {
            "antwoord": "Niet van mij",
            "bestanden": (io.BytesIO(PDF), "a.pdf"),
        },
        f"/mijn-zaken/{own}/taken/{other_task.id}": {"antwoord": "Niet van mij"},
    }
    for url, data in posts.items():
        response = client.post(url, data={"csrf_token": token, **data}, content_type="multipart/form-data")
        assert response.status_code == 404, url
    sent = select(Bericht).where(Bericht.zaak_id == other_case.id, Bericht.richting == "inwoner")
    assert db.scalars(sent).all() == []
    assert db.get(Taak, other_task.id).afgerond_op is None
    # and the own records do open
    assert client.get(f"/mijn-zaken/{own}/documenten/{own_document.id}").status_code == 200
    assert client.get(f"/mijn-zaken/{own}/taken/{own_task.id}").status_code == 200


def test_a_resident_cannot_reach_staff_pages_or_change_a_status(client, login, db):
    zaak, _, _ = _records(db, SUZANNE)
    login(SUZANNE)
    token = csrf_token(client, "/mijn-zaken")
    for url in (
        "/medewerker/",
        "/medewerker/werkvoorraad",
        f"/medewerker/zaken/{zaak.identificatie}",
        "/medewerker/kcc",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith("/medewerker/inloggen"), url
    last = zaak.zaaktype.statustypen[-1]
    response = client.post(
        f"/medewerker/zaken/{zaak.identificatie}/status", data={"csrf_token": token, "statustype": last.id}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/medewerker/inloggen")
    # the resident's own routes have no way to set a status at all
    response = client.post(f"/mijn-zaken/{zaak.identificatie}", data={"csrf_token": token, "statustype": last.id})
    assert response.status_code == 405
    db.expire_all()
    assert zaak.einddatum is None and zaak.statustype_id == zaak.zaaktype.statustypen[0].id
