"""E-form questions with answers to choose (yes/no, radios, select, checkboxes, family members) and file uploads."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from portal.eforms.fields import family_members
from tests.support.cases import PDF, PNG
from tests.support.eform_fields import HEIC, JPEG, babel_app, context, field, parse, upload  # noqa: F401

KINDS = [
    {"value": "straatverlichting", "label": {"nl": "Lantaarnpaal", "en": "Street light"}},
    {"value": "afval", "label": {"nl": "Afval", "en": "Rubbish"}},
]
SOORT = field("soort", "radios", "Kies wat u wilt melden", options={"list": "soort_melding"})
WHAT = field("wat", "checkboxes", "Kies wat niet lukt", options=KINDS)
MOVERS = field("mee", "family_member", family=["partner", "kinderen"])


def ctx(lang="nl"):
    return context(lang, lists={"soort_melding": KINDS})


def test_yes_no_is_stored_as_true_or_false():
    question = field("hond", "yes_no", "Kies ja of nee")
    assert parse(question, {"hond": "ja"}).values == {"hond": True}
    assert parse(question, {"hond": "nee"}).values == {"hond": False}
    assert parse(question, {}).errors == {"hond": "Kies ja of nee"}
    assert parse(question, {"hond": "misschien"}).errors == {"hond": "Kies een van de antwoorden die er staan"}


def test_radios_take_their_options_from_a_list_of_the_form():
    assert parse(SOORT, {"soort": "afval"}, ctx=ctx()).values == {"soort": "afval"}
    assert parse(SOORT, {"soort": "brand"}, ctx=ctx()).errors == {"soort": "Kies een van de antwoorden die er staan"}
    assert parse(SOORT, {}, ctx=ctx("en")).errors == {"soort": "EN Kies wat u wilt melden"}


def test_select_is_a_choice_of_one_with_an_empty_first_option():
    choice = field("land", "select", options=KINDS)
    assert parse(choice, {"land": ""}).values == {"land": None}
    assert parse(choice, {"land": "afval"}).values == {"land": "afval"}
    assert parse(choice, MultiDict([("land", "afval"), ("land", "straatverlichting")])).errors == {
        "land": "Geef hier één antwoord"
    }


def test_checkboxes_keep_the_order_of_the_options_and_refuse_unknown_values():
    chosen = MultiDict([("wat", "afval"), ("wat", "straatverlichting"), ("wat", "afval")])
    assert parse(WHAT, chosen).values == {"wat": ["straatverlichting", "afval"]}
    assert parse(WHAT, {}).errors == {"wat": "Kies wat niet lukt"}
    result = parse(WHAT, MultiDict([("wat", "afval"), ("wat", "<script>")]))
    assert result.errors == {"wat": "Kies een van de antwoorden die er staan"}
    assert result.raw == {"wat": ["afval", "<script>"]}


def test_family_members_come_from_the_brp_snapshot_by_key_never_by_bsn():
    members = family_members(MOVERS, context())
    assert [(member.key, member.name) for member in members] == [
        ("partners-1", "Merel Kooyman"),
        ("kinderen-1", "Lotte Moulin"),
        ("kinderen-2", "Daan de Vries"),
    ]
    assert members[0].person["burgerservicenummer"] == "999993847"  # for the runner, at submit
    assert parse(MOVERS, MultiDict([("mee", "kinderen-2"), ("mee", "partners-1")])).values == {
        "mee": ["partners-1", "kinderen-2"]
    }
    assert parse(MOVERS, {"mee": "999993847"}).errors == {"mee": "Kies een van de antwoorden die er staan"}
    assert parse(MOVERS, {"mee": "ouders-1"}).errors == {"mee": "Kies een van de antwoorden die er staan"}


def test_a_required_family_choice_never_blocks_when_the_brp_has_nobody_or_is_down():
    required = field("mee", "family_member", "Kies wie", family=["partner"])
    assert parse(required, {}, ctx=context(prefill={"status": "unavailable"})).values == {"mee": []}
    assert parse(required, {}).errors == {"mee": "Kies wie"}


PHOTO = field(
    "foto",
    "file",
    validate={
        "file_types": {"value": ["jpeg", "png", "heic"], "message": {"nl": "Kies een foto", "en": "Choose a photo"}},
        "max_size_mb": {"value": 1, "message": {"nl": "Te groot", "en": "Too large"}},
    },
)


def test_a_file_is_judged_by_its_content_and_comes_back_with_its_checksum():
    result = parse(PHOTO, files={"foto": upload(PNG, "lantaarn.png")})
    stored = result.files["foto"]
    assert (stored.name, stored.content_type, stored.size, stored.data) == ("lantaarn.png", "image/png", len(PNG), PNG)
    assert result.values == {"foto": stored.meta()} and len(stored.sha256) == 64
    assert parse(PHOTO, files={"foto": upload(JPEG, "foto.png")}).files["foto"].name == "foto.jpg"
    assert parse(PHOTO, files={"foto": upload(HEIC, "IMG_0001.HEIC")}).files["foto"].content_type == "image/heic"


def test_a_file_of_the_wrong_kind_too_large_or_empty_is_refused_with_its_message():
    assert parse(PHOTO, files={"foto": upload(PDF, "foto.jpg")}).errors == {"foto": "Kies een foto"}
    assert parse(PHOTO, files={"foto": upload(b"<?php echo 1;", "foto.png")}).errors == {"foto": "Kies een foto"}
    assert parse(PHOTO, files={"foto": upload(PNG + b"\x00" * 1024 * 1024, "foto.png")}).errors == {"foto": "Te groot"}
    assert parse(PHOTO, files={"foto": upload(b"", "foto.png")}).errors == {
        "foto": "Het bestand is leeg. Kies een ander bestand."
    }
    default = field("bijlage", "file")
    assert parse(default, files={"bijlage": upload(HEIC, "x.heic")}).errors == {
        "bijlage": "Dit soort bestand kunnen we niet gebruiken. Kies een PDF, JPG, PNG."
    }


def test_no_file_chosen_keeps_an_earlier_upload_or_is_empty_or_required():
    earlier = {"name": "a.png", "content_type": "image/png", "size": 10, "sha256": "ab" * 32}
    assert parse(PHOTO, files={"foto": upload(b"", "")}, previous={"foto": earlier}).values == {"foto": earlier}
    assert parse(PHOTO, {}).values == {"foto": None}
    assert parse(field("f", "file", "Kies een bestand"), {}).errors == {"f": "Kies een bestand"}


def test_two_files_or_text_for_one_file_question_are_field_errors():
    two = MultiDict([("foto", upload(PNG, "a.png")), ("foto", upload(PNG, "b.png"))])
    assert parse(PHOTO, files=two).errors == {"foto": "Geef hier één antwoord"}
    assert parse(PHOTO, files={"foto": "geen bestand"}).errors == {"foto": "Kies een bestand op uw apparaat"}
