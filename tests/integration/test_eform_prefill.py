"""Prefill of an e-form: one snapshot at the start of a draft, from the mock BRP over real HTTP and from the
contact details the resident gave before; a slow or broken BRP gives an empty form, never an error."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from portal.db import get_session
from portal.eforms.prefill import brp_paths, snapshot, value_at
from portal.integrations.brp import FakeBrpClient, HttpBrpClient
from portal.models.processing_log import ProcessingLogEntry
from portal.queries.contact import remember_contact

FORMS = Path(__file__).resolve().parents[2] / "forms"
SUZANNE, CHRISTINA = "999993653", "999995078"
# BSNs of family members in the fixture: Christina's partner and first child.
RELATIVE_BSNS = ("999993021", "999991929")


def form(slug: str) -> dict:
    return yaml.safe_load((FORMS / f"{slug}.yaml").read_text(encoding="utf-8"))


def shipped_bindings() -> list[tuple[str, str]]:
    """(form slug, prefill path) of every field of every shipped form that binds to a prefill source."""

    def walk(items):
        for item in items or ():
            yield item
            yield from walk(item.get("fields"))

    found = []
    for path in sorted(FORMS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for step in data["steps"]:
            found += [(data["slug"], item["prefill"]) for item in walk(step["fields"]) if "prefill" in item]
    return found


def take(app, definition: dict, bsn: str | None = SUZANNE, sub: str | None = "sub-suzanne") -> dict:
    with app.test_request_context():
        return snapshot(definition, resident_sub=sub, bsn=bsn, lang="nl")


def told_us(app, bsn: str, email: str, phone: str) -> None:
    """The resident gave an email address and a phone number before (when booking an appointment)."""
    with app.test_request_context():
        remember_contact(bsn, email=email, phone=phone)
        get_session().commit()


def brp_log(db) -> list[ProcessingLogEntry]:
    return list(db.scalars(select(ProcessingLogEntry).order_by(ProcessingLogEntry.id)))


def test_the_move_form_prefills_suzannes_name_address_and_family_from_the_brp(app, db):
    data = take(app, form("verhuizing-doorgeven"))
    assert data["status"] == "ok"
    assert value_at(data, "brp.naam.volledigeNaam") == "Suzanne Moulin"
    assert value_at(data, "brp.adressering.adresregel1") == "Boterdiep 31"
    assert data["family"]["partner"] == [
        {
            "key": "partners-1",
            "naam": "Jean Marie Beaudelaire",
            "geboortedatum": "1976-08-01",
            "geboortedatum_tekst": "",
        }
    ]
    assert data["family"]["kinderen"] == [] and data["family"]["ouders"] == []  # the form does not offer parents
    assert data["source"]["brp"]["status"] == "found"
    assert data["fetched_at"].endswith("+00:00")


def test_christinas_children_come_with_opaque_keys_and_no_bsn_anywhere_in_the_snapshot(app, db):
    data = take(app, form("verhuizing-doorgeven"), bsn=CHRISTINA)
    assert [child["key"] for child in data["family"]["kinderen"]] == [
        "kinderen-1",
        "kinderen-2",
        "kinderen-3",
        "kinderen-4",
    ]
    assert data["family"]["kinderen"][0]["naam"] == "Yvonne Johanna Wesseling"
    assert data["family"]["partner"][0]["naam"] == "Leonardus Fredericus Kierkegaard"
    # The BRP's own entries stay for field types that read that shape: name and birth date, no BSN.
    assert [sorted(child) for child in data["brp"]["kinderen"]] == [["geboorte", "naam"]] * 4
    stored = json.dumps(data)
    for bsn in (CHRISTINA, *RELATIVE_BSNS):
        assert bsn not in stored
    assert "burgerservicenummer" not in stored


def test_the_brp_is_asked_only_for_what_the_form_binds_to_and_the_read_is_logged(app, db):
    take(app, form("verhuizing-doorgeven"))
    (entry,) = brp_log(db)
    assert entry.activity == "brp.raadplegen" and entry.outcome == "found" and entry.actor == "sub-suzanne"
    assert entry.purpose == "formulier invullen: verhuizing-doorgeven"
    assert entry.data_categories.split(",") == [
        "adressering.adresregel1",
        "kinderen.geboorte.datum",
        "kinderen.naam",
        "naam.volledigeNaam",
        "partners.geboorte.datum",
        "partners.naam",
    ]
    assert SUZANNE not in repr(vars(entry))


def test_the_arguments_may_be_given_by_position(app, db):
    with app.test_request_context():
        data = snapshot(form("verhuizing-doorgeven"), "sub-suzanne", SUZANNE, "nl")
    assert value_at(data, "brp.naam.volledigeNaam") == "Suzanne Moulin"


def test_a_form_without_brp_bindings_reads_nothing_from_the_brp(app, db):
    data = take(app, form("terugbelverzoek"))
    assert brp_log(db) == []
    assert data["status"] == "ok" and data["brp"] == {} and data["source"]["brp"]["status"] == "not_used"


@pytest.mark.parametrize(("slug", "path"), shipped_bindings(), ids=lambda value: str(value))
@pytest.mark.parametrize("bsn", [SUZANNE, CHRISTINA])
def test_every_prefill_path_of_the_shipped_forms_resolves_on_the_test_persons(app, db, slug, path, bsn):
    told_us(app, bsn, "inwoner@example.nl", "06 12345678")
    value = value_at(take(app, form(slug), bsn=bsn), path)
    assert isinstance(value, str) and value.strip()


def test_contact_details_the_resident_gave_before_are_prefilled(app, db):
    told_us(app, SUZANNE, "suzanne@example.nl", "06 12345678")
    data = take(app, form("verhuizing-doorgeven"))
    assert data["contact"] == {"email": "suzanne@example.nl", "phone": "06 12345678"}
    assert value_at(data, "contact.email") == "suzanne@example.nl"
    assert data["source"]["contact"]["status"] == "found"


def test_no_contact_details_leave_the_fields_empty(app, db):
    data = take(app, form("terugbelverzoek"))
    assert data["contact"] == {"email": "", "phone": ""} and data["status"] == "ok"
    assert value_at(data, "contact.phone") is None


def test_a_brp_that_is_down_gives_an_empty_form_with_status_unavailable(app, db, monkeypatch):
    monkeypatch.setitem(app.extensions, "brp_client", FakeBrpClient(down=True))
    data = take(app, form("verhuizing-doorgeven"))
    assert data["status"] == "unavailable" and data["source"]["brp"]["status"] == "unavailable"
    assert data["brp"] == {} and data["family"] == {"partner": [], "kinderen": [], "ouders": []}
    assert value_at(data, "brp.naam.volledigeNaam") is None
    assert [entry.outcome for entry in brp_log(db)] == ["unavailable"]


def test_a_brp_that_does_not_answer_times_out_and_the_form_goes_on(app, db, monkeypatch):
    with socket.socket() as silent:  # accepts the connection (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        monkeypatch.setitem(app.extensions, "brp_client", HttpBrpClient(f"http://127.0.0.1:{port}", "", 0.3))
        started = time.monotonic()
        data = take(app, form("verhuizing-doorgeven"))
        took = time.monotonic() - started
    assert data["status"] == "unavailable" and data["brp"] == {}
    assert took < 2
    assert [entry.outcome for entry in brp_log(db)] == ["unavailable"]


def test_a_client_that_raises_is_unavailable_never_an_error(app, db, monkeypatch):
    class Broken:
        def get_person(self, *args, **kwargs):
            raise RuntimeError("the BRP client broke")

    monkeypatch.setitem(app.extensions, "brp_client", Broken())
    assert take(app, form("verhuizing-doorgeven"))["status"] == "unavailable"


def test_a_person_not_in_the_brp_is_unavailable(app, db):
    data = take(app, form("verhuizing-doorgeven"), bsn="123456782")
    assert data["status"] == "unavailable" and data["source"]["brp"]["status"] == "not_found"


def test_a_person_without_an_address_line_is_partial(app, db, monkeypatch):
    person = {"naam": {"volledigeNaam": "Suzanne Moulin"}, "burgerservicenummer": SUZANNE}
    monkeypatch.setitem(app.extensions, "brp_client", FakeBrpClient({SUZANNE: person}))
    data = take(app, form("verhuizing-doorgeven"))
    assert data["status"] == "partial"
    assert value_at(data, "brp.naam.volledigeNaam") == "Suzanne Moulin"
    assert value_at(data, "brp.adressering.adresregel1") is None
    assert SUZANNE not in json.dumps(data)


def test_without_login_nothing_is_read(app, db):
    data = take(app, form("verhuizing-doorgeven"), bsn=None, sub=None)
    assert data["status"] == "unavailable" and brp_log(db) == []
    assert data["contact"] == {"email": "", "phone": ""}


def test_a_form_without_prefill_sources_is_ok_and_empty(app, db):
    data = take(app, form("melding-openbare-ruimte"), bsn=None, sub=None)
    assert data["status"] == "ok" and data["brp"] == {} and brp_log(db) == []


def test_brp_paths_follow_conditions_and_repeating_groups():
    definition = {
        "prefill_sources": ["brp"],
        "conditions": {"oud": {"field": "prefill.brp.leeftijd", "op": "at_least", "value": 65}},
        "steps": [
            {
                "id": "a",
                "show_if": {"not": {"field": "prefill.brp.overlijden.indicatieOverleden", "op": "equals", "value": 1}},
                "fields": [
                    {
                        "id": "g",
                        "type": "repeat",
                        "fields": [{"id": "n", "type": "display", "prefill": "brp.geboorte"}],
                    },
                    {"id": "f", "type": "family_member", "family": ["ouders"]},
                ],
            }
        ],
    }
    assert brp_paths(definition) == [
        "geboorte",
        "leeftijd",
        "ouders.geboorte.datum",
        "ouders.naam",
        "overlijden.indicatieOverleden",
    ]


@pytest.mark.parametrize(
    ("snapshot_data", "path", "expected"),
    [
        (
            {"brp": {"verblijfplaats": {"verblijfadres": {"huisnummer": 31}}}},
            "brp.verblijfplaats.verblijfadres.huisnummer",
            "31",
        ),
        ({"brp": {"naam": {"volledigeNaam": "  "}}}, "brp.naam.volledigeNaam", None),
        ({"brp": {"naam": {"volledigeNaam": "A"}}}, "brp.naam", None),  # not a plain value
        ({"brp": {"naam": "A"}}, "brp.naam.volledigeNaam", None),
        ({"contact": {"email": "a@example.nl"}}, "prefill.contact.email", "a@example.nl"),
        ({}, "brp.naam.volledigeNaam", None),
        ({"brp": {"x": True}}, "brp.x", None),
    ],
)
def test_value_at_reads_plain_values_only(snapshot_data, path, expected):
    assert value_at(snapshot_data, path) == expected


def test_a_brp_that_sends_more_than_asked_still_leaves_no_bsn_in_the_snapshot(app, db, monkeypatch):
    person = {
        "burgerservicenummer": CHRISTINA,
        "naam": {"volledigeNaam": "Christina Maria Maassen"},
        "adressering": {"adresregel1": "Noorderhagen 1"},
        "partners": [{"burgerservicenummer": RELATIVE_BSNS[0], "naam": {"voornamen": "Leonardus"}}],
        "kinderen": [{"naam": {}}, {"burgerservicenummer": RELATIVE_BSNS[1], "naam": {"voornamen": "Yvonne"}}],
    }
    monkeypatch.setitem(app.extensions, "brp_client", FakeBrpClient({CHRISTINA: person}))
    data = take(app, form("verhuizing-doorgeven"), bsn=CHRISTINA)
    stored = json.dumps(data)
    assert not any(bsn in stored for bsn in (CHRISTINA, *RELATIVE_BSNS))
    # A nameless entry is not offered, and the numbering still follows the BRP list.
    assert [(member["key"], member["naam"]) for member in data["family"]["kinderen"]] == [("kinderen-2", "Yvonne")]
