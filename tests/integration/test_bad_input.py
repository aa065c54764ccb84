"""A NUL character (PostgreSQL refuses it in text) is never a 500: a field error that keeps what was typed in
every field of every resident and staff form, a 400 in a query string and a 404 in a path."""

from __future__ import annotations

import io
import re

import pytest

from portal.forms import NUL_ERROR
from tests.integration.test_unit_of_work import form_fields
from tests.support.cases import PDF, add_task, make_case

MEREL = "999993847"
POISON = "abc\x00def"
ERROR_TEXT = str(NUL_ERROR)

# form: (who, page to load, path to post to (None: the page), valid data, the fields a person types in)
FORMS = {
    "bericht": (
        "resident",
        "{case}",
        "{case}/berichten",
        {"onderwerp": "Vraag", "tekst": "Tekst"},
        ["onderwerp", "tekst"],
    ),
    "antwoord": ("resident", "{task}", None, {"antwoord": "Hierbij."}, ["antwoord", "bestanden"]),
    "klopt-niet": (
        "resident",
        "/mijn-gegevens/klopt-niet",
        None,
        {"topic": "naam", "explanation": "Anders."},
        ["topic", "explanation"],
    ),
    "meldingen": (
        "resident",
        "/mijn-gegevens/meldingen",
        None,
        {"email": "m@example.nl", "notify": "ja"},
        ["email", "notify"],
    ),
    "status": (
        "staff",
        "{staff}",
        "{staff}/status",
        {"status-statustype": "{step}", "status-toelichting": "Uitleg", "status-resultaat": ""},
        ["status-statustype", "status-toelichting", "status-resultaat"],
    ),
    "staff-bericht": (
        "staff",
        "{staff}",
        "{staff}/bericht",
        {"bericht-onderwerp": "Vraag", "bericht-tekst": "Tekst"},
        ["bericht-onderwerp", "bericht-tekst"],
    ),
    "taak": (
        "staff",
        "{staff}",
        "{staff}/taak",
        {"taak-titel": "Loonstrook", "taak-toelichting": "Van mei.", "taak-uiterlijk": "2099-01-01"},
        ["taak-titel", "taak-toelichting", "taak-uiterlijk"],
    ),
    "document": (
        "staff",
        "{staff}",
        "{staff}/document",
        {"document-titel": "Besluit", "document-vertrouwelijkheid": "openbaar"},
        ["document-titel", "document-vertrouwelijkheid", "document-bestand"],
    ),
    "vertraging": (
        "staff",
        "{staff}",
        "{staff}/vertraging",
        {"vertraging-reden": "Drukte.", "vertraging-verwachte_einddatum": "2099-01-01"},
        ["vertraging-reden", "vertraging-verwachte_einddatum"],
    ),
    "kcc": ("staff", "/medewerker/kcc", None, {"bsn": MEREL}, ["bsn"]),
}
CASES = [(form, field) for form, spec in FORMS.items() for field in spec[4]]
FILE_FIELDS = {"bestanden", "document-bestand"}
CHOICE_FIELDS = {"topic", "notify", "status-statustype", "document-vertrouwelijkheid"}


@pytest.fixture
def places(db):
    zaak = make_case(db, MEREL)
    taak = add_task(db, zaak)
    return {
        "case": f"/mijn-zaken/{zaak.identificatie}",
        "task": f"/mijn-zaken/{zaak.identificatie}/taken/{taak.id}",
        "staff": f"/medewerker/zaken/{zaak.identificatie}",
        "step": str(zaak.zaaktype.statustypen[1].id),
    }


def _post(client, places, form: str, poisoned: str):
    _who, page, target, valid, _fields = FORMS[form]
    page = page.format(**places)
    data = {**form_fields(client, page), **{key: value.format(**places) for key, value in valid.items()}}
    if poisoned in FILE_FIELDS:
        data[poisoned] = (io.BytesIO(PDF), "teken\x00ing.pdf")
    elif form == "antwoord" or form == "document":
        data.setdefault("bestanden" if form == "antwoord" else "document-bestand", (io.BytesIO(PDF), "a.pdf"))
    if poisoned not in FILE_FIELDS:
        data[poisoned] = POISON
    return client.post((target or page).format(**places), data=data, content_type="multipart/form-data")


@pytest.mark.parametrize(("form", "field"), CASES, ids=[f"{form}:{field}" for form, field in CASES])
def test_a_nul_in_any_field_is_a_field_error_that_keeps_the_input(
    client, login, staff_login, places, parse_page, form, field
):
    if FORMS[form][0] == "resident":
        login(MEREL)
    else:
        staff_login("zaakbehandelaar", "kcc")
    response = _post(client, places, form, field)
    assert response.status_code == 400, response.get_data(as_text=True)[:500]
    page = parse_page(response)
    assert page.title.startswith("Fout: ")
    html = response.get_data(as_text=True)
    error = re.search(rf'id="{field}-fout">(.*?)</p>', html, re.S)
    assert error is not None and ERROR_TEXT in error.group(1), f"no field error for {field}"
    if field not in FILE_FIELDS | CHOICE_FIELDS:
        kept = re.search(rf'name="{field}"[^>]*?(?:value="([^"]*)"[^>]*>|>([^<]*)</textarea>)', html, re.S)
        assert kept is not None and POISON in kept.groups(), f"{field} lost what was typed"


@pytest.mark.parametrize(
    "path",
    [
        "/mijn-zaken/ZK-AB\x00CD",
        "/mijn-zaken/ZK-ABCD/taken/1%00",
        "/taal/nl%00",
        "/medewerker/zaken/%00",
        "/mijn-zaken/%00/documenten/1",
        "/%00",
    ],
)
def test_a_nul_in_a_path_is_not_found(client, login, staff_login, path, parse_page):
    login(MEREL)
    response = client.get(path.replace("\x00", "%00"))
    assert response.status_code == 404
    assert parse_page(response).h1 == ["Deze pagina bestaat niet"]


@pytest.mark.parametrize("query", ["toon=%00", "pagina=1%00", "terug=/%00", "a%00=b"])
def test_a_nul_in_a_query_string_is_a_b1_400(client, login, query, parse_page):
    login(MEREL)
    response = client.get(f"/mijn-zaken?{query}")
    assert response.status_code == 400
    assert parse_page(response).h1


def test_a_nul_in_a_token_request_to_the_mock_digid_is_refused(mock_services):
    response = mock_services.app.test_client().post(
        "/mock-digid/token", data={"grant_type": "authorization_code", "code": "x\x00y"}
    )
    assert response.status_code == 400
