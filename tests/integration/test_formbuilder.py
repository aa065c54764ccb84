"""The form builder's pages: only form publishers, every change a POST with CSRF and the concept's revision,
validated as `flask forms validate` does, saved with an audit entry; a stale revision is a conflict."""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from portal.formadmin import builder
from portal.formdefs.loader import FORMS_DIR
from portal.queries import formadmin as queries
from tests.support.concepts import concept_of
from tests.support.forms import csrf_token

PUBLISHER = "formulierbeheerder"
_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')


@pytest.fixture
def concept(db):
    made = concept_of(db)
    db.commit()
    return made


@pytest.fixture
def publisher(staff_login):
    return staff_login(PUBLISHER, name="Fatima El Amrani", sub="staff-sub-fatima")


def base(concept) -> str:
    return f"/medewerkers/formulieren/concept/{concept.public_id}/bouwer"


def find_form(client, page: str, action: str, containing: str = "") -> tuple[str, dict]:
    """The full action and the hidden fields (CSRF, one-time token, revision) of the form on `page` that posts
    to the path `action` (and holds `containing`)."""
    html = client.get(page).get_data(as_text=True)
    for form in re.findall(r"<form[^>]*>.*?</form>", html, re.S):
        target = re.search(r'action="([^"]*)"', form)
        if target and unescape(target.group(1)).split("?")[0] == action and containing in form:
            hidden = dict(_HIDDEN.findall(form))
            hidden.update(re.findall(r'<input name="(once_token)" type="hidden" value="([^"]*)"', form))
            return unescape(target.group(1)), hidden
    raise AssertionError(f"no form posting to {action} on {page}")


def hidden_fields(client, page: str, action: str) -> dict:
    return find_form(client, page, action)[1]


def post(client, page: str, data: dict, action: str | None = None, containing: str = ""):
    target, fields = find_form(client, page, action or page.split("?")[0], containing)
    return client.post(target, data={**fields, **data})


def test_post_helper_finds_forms_without_an_action():
    assert _HIDDEN.findall('<input type="hidden" name="revision" value="3">') == [("revision", "3")]


def stored(db, concept) -> dict:
    db.expire_all()
    return yaml.safe_load(queries.get_concept(db, concept.public_id).definition_yaml)


def step_ids(definition: dict) -> list[str]:
    return [step["id"] for step in definition["steps"]]


NEW_QUESTION = {"label_nl": "Woont u alleen?", "label_en": "Do you live alone?", "required": "y"}


def test_only_form_publishers_may_build_and_others_are_told_why(client, staff_login, concept):
    assert client.get(base(concept) + "/").status_code == 302  # not logged in: to the staff login
    staff_login("zaakbehandelaar", "kcc")
    for url in ("/", "/samenvatting", "/nieuw", "/pagina/al-hulp/routes", "/uitkomst/1"):
        refused = client.get(base(concept) + url)
        assert refused.status_code == 403, url
        reason = "Deze pagina is alleen voor wie formulieren beheert. U hebt die rol niet."
        assert reason in refused.get_data(as_text=True)
    token = csrf_token(client, "/medewerker/")
    move = base(concept) + "/pagina/voor-wie/verplaatsen"
    assert client.post(move, data={"csrf_token": token, "richting": "omlaag"}).status_code == 403


def test_the_pages_show_every_question_in_order_with_routes_and_the_comment_warning(
    client, publisher, concept, parse_page
):
    response = client.get(base(concept) + "/")
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    text = parse_page(response).body_text
    assert text.index("Vraag 1: Voor wie vraagt u hulp?") < text.index("Vraag 8: Op welk nummer kunnen we u bellen?")
    assert "Als het antwoord op vraag 1 'Voor iemand anders' is, ga naar de uitgang" in text
    assert "Die verdwijnen als u in de bouwer iets opslaat." in text


def test_adding_a_question_saves_the_new_yaml_with_an_audit_entry(client, publisher, concept, db):
    page = base(concept) + "/nieuw/yes_no?na=al-hulp"
    response = post(client, page, NEW_QUESTION, action=base(concept) + "/nieuw/yes_no")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/bouwer/#pagina-woont-u-alleen")
    definition = stored(db, concept)
    assert step_ids(definition)[3:6] == ["al-hulp", "woont-u-alleen", "welke-hulp"]
    assert queries.get_concept(db, concept.public_id).revision == 2
    [entry] = queries.audit_entries(db, slug=concept.slug)
    assert (entry.action, entry.staff_name) == ("builder_add_question", "Fatima El Amrani")
    assert entry.detail["change"] == "Vraag toegevoegd (yes_no): Woont u alleen?" and entry.detail["revision"] == 2
    assert "De verandering is opgeslagen." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_double_click_adds_the_question_once(client, publisher, concept, db):
    page = base(concept) + "/nieuw/yes_no?na=al-hulp"
    action, fields = find_form(client, page, base(concept) + "/nieuw/yes_no")
    assert fields["once_token"]
    for _ in range(2):
        assert client.post(action, data={**fields, **NEW_QUESTION}).status_code == 302
    assert step_ids(stored(db, concept)).count("woont-u-alleen") == 1
    assert queries.get_concept(db, concept.public_id).revision == 2


def test_a_stale_revision_is_a_conflict_that_keeps_what_was_typed(client, publisher, concept, db):
    page = base(concept) + "/pagina/toelichting/vraag/toelichting"
    fields = hidden_fields(client, page, page)
    queries.save_concept(
        db, concept.public_id, definition_yaml=concept.definition_yaml, expected_revision=1, staff_name="Joost"
    )
    db.commit()
    response = client.post(page, data={**fields, "label_nl": "Vertel er meer over", "label_en": "Tell us more"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Iemand anders heeft dit formulier net gewijzigd" in html
    assert 'value="Vertel er meer over"' in html and 'name="revision" value="2"' in html
    assert "Vertel er meer over" not in queries.get_concept(db, concept.public_id).definition_yaml
    again = client.post(page, data={**fields, "revision": "2", "label_nl": "Vertel er meer over"})
    assert again.status_code == 302
    assert stored(db, concept)["steps"][2]["fields"][0]["label"]["nl"] == "Vertel er meer over"


def test_hostile_texts_are_stored_as_text_and_shown_escaped(client, publisher, concept, db):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = base(concept) + "/pagina/toelichting/vraag/toelichting"
    assert post(client, page, {"label_nl": hostile, "label_en": "Tell us"}).status_code == 302
    assert stored(db, concept)["steps"][2]["fields"][0]["label"]["nl"] == hostile
    for url in ("/", "/samenvatting", "/pagina/toelichting/vraag/toelichting"):
        html = client.get(base(concept) + url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(" in html, url


def test_huge_texts_are_refused_with_a_b1_message_and_kept_in_the_field(client, publisher, concept, db):
    page = base(concept) + "/pagina/toelichting/vraag/toelichting"
    response = post(client, page, {"label_nl": "Vertel " * 100})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Gebruik hoogstens 300 tekens." in html and "<title>Fout: " in html
    assert queries.get_concept(db, concept.public_id).revision == 1


def test_a_change_that_makes_the_form_invalid_is_not_saved(client, publisher, concept, db, monkeypatch):
    move_step = builder.move_step

    def broken_move(definition, step_id, direction):
        new = move_step(definition, step_id, direction)
        new["steps"][1]["next"] = [{"goto": new["steps"][0]["id"]}]  # back to the first page: a goto loop
        return new

    monkeypatch.setattr(builder, "move_step", broken_move)
    response = post(
        client, base(concept) + "/", {"richting": "omlaag"}, action=base(concept) + "/pagina/situatie/verplaatsen"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert (
        "Met deze verandering klopt het formulier niet meer. We hebben niets opgeslagen." in html
        and "goto loop" in html
    )
    assert queries.get_concept(db, concept.public_id).revision == 1


def test_problems_that_were_already_there_are_warnings_and_the_change_is_saved(client, publisher, db):
    text = (FORMS_DIR / "wmo-hulp-bij-het-huishouden.yaml").read_text(encoding="utf-8")
    text = text.replace("nl: Voor mijzelf", "nl: Indien voor mijzelf")  # officialese: a B1 finding
    concept = concept_of(db, text=text)
    db.commit()
    page = base(concept) + "/pagina/toelichting/vraag/toelichting"
    response = post(client, page, {"label_nl": "Vertel er meer over", "label_en": "Tell us more"})
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Er zijn nog punten om te verbeteren." in html and "Nog te verbeteren" in html and "indien" in html.lower()


def test_moving_a_page_and_the_refusal_at_the_top(client, publisher, concept, db):
    move = base(concept) + "/pagina/situatie/verplaatsen"
    assert post(client, base(concept) + "/", {"richting": "omlaag"}, action=move).status_code == 302
    assert step_ids(stored(db, concept))[1:3] == ["toelichting", "situatie"]
    refused = post(
        client, base(concept) + "/", {"richting": "omhoog"}, action=base(concept) + "/pagina/voor-wie/verplaatsen"
    )
    assert refused.status_code == 400 and "Deze vraag staat al bovenaan." in refused.get_data(as_text=True)


def test_removing_asks_first_and_refuses_a_page_others_look_at(client, publisher, concept, db, parse_page):
    confirm = client.get(base(concept) + "/pagina/al-hulp/verwijderen")
    text = parse_page(confirm).body_text
    assert "U kunt deze vraag nog niet verwijderen" in text and "vraag 5 (wanneer die getoond wordt)" in text
    refused = post(
        client,
        base(concept) + "/pagina/toelichting/verwijderen",
        {},
        action=base(concept) + "/pagina/toelichting/verwijderen",
    )
    assert refused.status_code == 302
    assert "toelichting" not in step_ids(stored(db, concept))


def test_a_route_to_a_new_exit_page_shows_in_the_summary(client, publisher, concept, db, parse_page):
    target = base(concept) + "/pagina/al-hulp/routes/al_hulp/nee"
    exit_page = {
        "title_nl": "U krijgt geen hulp",
        "body_nl": "Dit formulier is voor mensen die al hulp krijgen.",
        "instead_nl": "Bel ons op 14 020.",
    }
    response = post(client, target, exit_page, containing='name="title_nl"')
    assert response.status_code == 302, response.get_data(as_text=True)
    definition = stored(db, concept)
    assert definition["steps"][3]["next"][0] == {"when": {"ref": "al_hulp_nee"}, "goto": "exit:u-krijgt-geen-hulp"}
    text = parse_page(client.get(base(concept) + "/samenvatting")).body_text
    assert "Als het antwoord op vraag 4 'Nee' is, ga naar de uitgang 'U krijgt geen hulp'." in text


def test_a_route_to_a_later_page_and_removing_it(client, publisher, concept, db):
    target = base(concept) + "/pagina/al-hulp/routes/al_hulp/nee"
    assert post(client, target, {"goto": "gesprek"}).status_code == 302
    assert stored(db, concept)["steps"][3]["next"][0]["goto"] == "gesprek"
    routes = base(concept) + "/pagina/al-hulp/routes"
    removed = post(client, routes, {}, action=routes + "/0/verwijderen")
    assert removed.status_code == 302 and "next" not in stored(db, concept)["steps"][3]


def test_changing_the_outcome(client, publisher, concept, db):
    page = base(concept) + "/uitkomst/2"
    data = {
        "type": "case",
        "zaaktype": "wmo-huishouden",
        "hand_off": ["callback"],
        "callback_zaaktype": "terugbelverzoek",
        "title_nl": "We hebben uw vraag",
        "title_en": "We have your request",
        "next_steps_nl": "We bellen u binnen 2 werkdagen.",
        "next_steps_en": "We call you within 2 working days.",
    }
    assert post(client, page, data).status_code == 302
    assert stored(db, concept)["outcomes"][1]["hand_off"] == {
        "choices": ["callback"],
        "callback_zaaktype": "terugbelverzoek",
    }
    refused = post(client, page, {**data, "zaaktype": "bestaat-niet"})
    assert refused.status_code == 400 and "Kies een zaaktype uit de lijst." in refused.get_data(as_text=True)


def test_a_missing_closed_or_broken_concept_is_explained(client, publisher, concept, db):
    assert client.get("/medewerkers/formulieren/concept/niet-een-id/bouwer/").status_code == 404
    assert (
        client.get("/medewerkers/formulieren/concept/00000000-0000-4000-8000-000000000000/bouwer/").status_code == 404
    )
    broken = concept_of(db, text="steps: [\n")
    closed = concept_of(db)
    queries.save_concept(
        db,
        closed.public_id,
        definition_yaml=closed.definition_yaml,
        expected_revision=1,
        staff_name="x",
        state="published",
    )
    db.commit()
    response = client.get(base(broken) + "/")
    assert response.status_code == 409 and "Haal die eerst weg in de YAML-editor." in response.get_data(as_text=True)
    response = client.get(base(closed) + "/")
    assert response.status_code == 409 and "Dit concept is al gepubliceerd of weggegooid." in response.get_data(
        as_text=True
    )


def test_validation_problems_are_said_in_plain_dutch_with_the_place(client, publisher, concept, db, parse_page):
    page = base(concept) + "/nieuw/yes_no"
    assert post(client, page, {"label_nl": "Woont u alleen?", "required": "y"}).status_code == 302  # no English
    text = parse_page(client.get(base(concept) + "/")).body_text
    assert "Bij vraag 9 mist nog een vertaling (en)." in text
    assert "Nog te verbeteren" in text
