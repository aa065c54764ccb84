"""Helpers for the tests of the e-form field types (portal/eforms/fields): an app for Babel, contexts, posts."""

from __future__ import annotations

import io
from datetime import date

import pytest
from werkzeug.datastructures import FileStorage, MultiDict

from portal import create_app
from portal.eforms.fields import FieldContext, parse_step
from portal.integrations.bag import Address, FakeBagClient

TODAY = date(2026, 3, 1)
SUZANNE = {
    "naam": {"volledigeNaam": "Suzanne Moulin", "voornamen": "Suzanne", "geslachtsnaam": "Moulin"},
    "adressering": {"adresregel1": "Laan van Nieuw-Oost-Indië 264A", "adresregel2": "2252 EB  'S-GRAVENHAGE"},
    "partners": [
        {
            "burgerservicenummer": "999993847",
            "naam": {"voornamen": "Merel", "geslachtsnaam": "Kooyman"},
            "geboorte": {"datum": {"type": "Datum", "datum": "1982-04-10"}},
        }
    ],
    "kinderen": [
        {"burgerservicenummer": "999993851", "naam": {"voornamen": "Lotte", "geslachtsnaam": "Moulin"}},
        {
            "burgerservicenummer": "999993863",
            "naam": {"voornamen": "Daan", "voorvoegsel": "de", "geslachtsnaam": "Vries"},
        },
    ],
    "ouders": [{"naam": {"voornamen": "Joris", "geslachtsnaam": "Moulin"}}],
}
PREFILL = {"brp": SUZANNE, "contact": {"email": "suzanne@example.nl", "phone": "0612345678"}, "status": "ok"}
ADDRESSES = [
    Address("Kerkstraat", 1, "1234AB", "Voorbeeld", nummeraanduiding="0000200000000001"),
    Address(
        "Laan van Nieuw-Oost-Indië", 264, "2252EB", "'s-Gravenhage", huisletter="A", nummeraanduiding="0518200000000264"
    ),
    Address(
        "Laan van Nieuw-Oost-Indië", 264, "2252EB", "'s-Gravenhage", huisletter="B", nummeraanduiding="0518200000000265"
    ),
]
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def text(nl: str, en: str | None = None) -> dict:
    return {"nl": nl, "en": en or f"EN {nl}"}


def field(field_id: str, kind: str, required: str | None = None, **extra) -> dict:
    item = {"id": field_id, "type": kind, "label": text(f"Vraag {field_id}"), **extra}
    if required:
        item.setdefault("validate", {})["required"] = text(required, f"EN {required}")
    return item


def context(lang: str = "nl", bag=None, prefill=None, lists=None) -> FieldContext:
    return FieldContext(
        lang=lang,
        prefill=PREFILL if prefill is None else prefill,
        today=TODAY,
        bag=FakeBagClient(ADDRESSES) if bag is None else bag,
        lists=lists or {},
    )


def parse(fields, data=None, files=None, ctx=None, **options):
    if isinstance(fields, dict):
        fields = [fields]
    data = data if isinstance(data, MultiDict) else MultiDict(data or {})
    files = files if isinstance(files, MultiDict) else MultiDict(files or {})
    return parse_step(fields, data, files, ctx or context(), **options)


def upload(content: bytes, name: str) -> FileStorage:
    return FileStorage(io.BytesIO(content), filename=name)


@pytest.fixture(scope="module", autouse=True)
def babel_app():
    """Babel needs an app: messages are translated into the context's language."""
    app = create_app("test")
    with app.test_request_context():
        yield app
