"""The runner's rules without HTTP: where the resident is, "Stap x van y", what a valid POST stores, which
posted names are refused, and the outcome a preview would take."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from portal.eforms.runner import Form, on_route, position, previous_step, store_step, unknown_inputs, where_to
from portal.eforms.submit import NotReady, preview_submit
from portal.formdefs.loader import shipped_paths
from portal.formdefs.validate import validate_file


def _form(slug: str) -> Form:
    return Form(next(validate_file(path).definition for path in shipped_paths() if path.stem == slug), preview=True)


WMO = _form("wmo-hulp-bij-het-huishouden")
DONE = {
    "voor_wie": "mijzelf",
    "wat_lukt_niet": ["koken"],
    "toelichting": "",
    "al_hulp": False,
    "huisgenoten": [],
    "gesprek": "thuis",
    "telefoonnummer": "+31612345678",
}


def test_a_new_draft_starts_at_the_first_step_and_cannot_skip_ahead():
    assert where_to(WMO, {}, {}) == "voor-wie"
    assert on_route(WMO, {}, {}, "voor-wie") and not on_route(WMO, {}, {}, "gesprek")


def test_the_step_count_follows_the_answers():
    assert position(WMO, {"voor_wie": "mijzelf"}, {}, "situatie") == (2, 7)
    assert position(WMO, {**DONE, "al_hulp": True}, {}, "al-hulp")[1] == 8  # one more question on the route
    assert previous_step(WMO, DONE, {}, "situatie") == "voor-wie"


def test_an_answer_that_leads_to_an_exit_ends_the_route_there():
    assert where_to(WMO, {"voor_wie": "iemand-anders"}, {}) == "exit:voor-iemand-anders"
    with pytest.raises(NotReady):
        preview_submit(WMO, {"voor_wie": "iemand-anders"}, {})


def test_storing_a_step_replaces_its_answers_and_keeps_the_others():
    step = WMO.step("al-hulp")
    stored = store_step(WMO, step, {**DONE, "al_hulp": True}, {"al_hulp": False}, {})
    assert stored["al_hulp"] is False and stored["gesprek"] == "thuis"


def test_a_step_without_questions_is_marked_seen():
    verhuizing = _form("verhuizing-doorgeven")
    stored = store_step(verhuizing, verhuizing.step("huidige-gegevens"), {"binnen_nederland": True}, {}, {})
    assert stored["seen:huidige-gegevens"] is True


def test_a_posted_name_no_question_asks_for_is_refused():
    step = WMO.step("voor-wie")
    assert unknown_inputs(WMO, step, MultiDict({"voor_wie": "mijzelf", "csrf_token": "x"}), MultiDict()) == []
    assert unknown_inputs(WMO, step, MultiDict({"voor_wie": "mijzelf", "bsn": "1"}), MultiDict()) == ["bsn"]


def test_the_first_outcome_that_holds_wins():
    assert preview_submit(WMO, DONE, {}).rule["hand_off"]["choices"] == ["appointment", "callback"]
    assert preview_submit(WMO, {**DONE, "gesprek": "telefonisch"}, {}).rule["hand_off"]["choices"] == ["callback"]
