"""Staff publishing pages: who may see them, new concepts, the YAML editor (revision check, upload, hostile
input), and the audit log."""

from __future__ import annotations

import io

from portal.queries import formadmin as queries
from portal.queries import forms as form_queries
from tests.support.formadmin import published_form, submit, template_text

BASE = "/medewerkers/formulieren/"
FATIMA = {"name": "Fatima El Amrani", "sub": "staff-sub-fatima"}
JEROEN = {"name": "Jeroen Bakker", "sub": "staff-sub-jeroen"}


def _concept(client, slug="proef-formulier"):
    response = submit(client, BASE, f"{BASE}nieuw", {"nieuw-slug": slug})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


def test_staff_without_the_publisher_role_get_a_403_that_says_why_and_no_menu_link(client, staff_login):
    staff_login("zaakbehandelaar")
    response = client.get(BASE)
    assert response.status_code == 403
    assert "Alleen wie formulieren beheert, mag ze maken en publiceren" in response.get_data(as_text=True)
    home = client.get("/medewerker/").get_data(as_text=True)
    assert BASE not in home
    assert client.post(f"{BASE}nieuw", data={}).status_code in (400, 403)


def test_a_publisher_sees_every_form_with_its_live_version_and_a_menu_link(client, staff_login, db, parse_page):
    published_form(db, "proef-online")
    staff_login("formulierbeheerder", **FATIMA)
    response = client.get(BASE)
    page = parse_page(response)
    assert response.status_code == 200
    assert "proef-online" in page.body_text and "Versie 1" in page.body_text
    assert BASE in client.get("/medewerker/").get_data(as_text=True)


def test_a_new_concept_from_the_template_opens_and_is_in_the_audit_log(client, staff_login, db, parse_page):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    page = parse_page(client.get(f"{BASE}concept/{public_id}"))
    assert "Concept van proef-formulier" in page.h1[0]
    assert "Het concept heeft geen fouten." in page.body_text
    assert [entry.action for entry in queries.audit_entries(db, slug="proef-formulier")] == ["concept_created"]


def test_a_slug_that_is_taken_or_wrong_is_refused_with_the_reason(client, staff_login, db):
    published_form(db, "bestaat-al")
    staff_login("formulierbeheerder", **FATIMA)
    taken = submit(client, BASE, f"{BASE}nieuw", {"nieuw-slug": "bestaat-al"})
    assert taken.status_code == 400 and "Er is al een formulier met deze naam" in taken.get_data(as_text=True)
    wrong = submit(client, BASE, f"{BASE}nieuw", {"nieuw-slug": "Niet Goed!"})
    assert wrong.status_code == 400 and "Kies een naam met kleine letters" in wrong.get_data(as_text=True)


def test_copying_a_form_makes_a_concept_with_the_new_slug(client, staff_login, db):
    published_form(db, "wmo-proef")
    staff_login("formulierbeheerder", **FATIMA)
    response = submit(client, BASE, f"{BASE}kopie", {"kopie-source": "wmo-proef", "kopie-slug": "wmo-kopie"})
    assert response.status_code == 302
    concept = queries.concepts(db, slug="wmo-kopie")[0]
    assert "slug: wmo-kopie" in concept.definition_yaml


def test_restoring_an_older_version_makes_a_new_concept_of_it(client, staff_login, db):
    published_form(db, "terug-proef")
    published_form(db, "terug-proef", template_text("terug-proef").replace("Wat is uw vraag?", "Wat wilt u vragen?"))
    staff_login("formulierbeheerder", **FATIMA)
    response = submit(client, f"{BASE}terug-proef/versies", f"{BASE}terug-proef/versies/1/terugzetten")
    assert response.status_code == 302
    concept = queries.concepts(db, slug="terug-proef")[0]
    assert "Wat is uw vraag?" in concept.definition_yaml
    assert queries.audit_entries(db, slug="terug-proef")[0].action == "concept_restored"


def test_saving_shows_each_problem_in_plain_dutch_with_its_line(client, staff_login):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    editor = f"{BASE}concept/{public_id}/yaml"
    broken = template_text("proef-formulier").replace("inloggen: basis", "inloggen: basis\nkleur: blauw")
    response = submit(client, editor, editor, {"yaml-definition": broken}, follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "Het concept is bewaard. Er zijn nog 1 fouten." in body or "Er zijn nog 1 fouten" in body
    assert "De sleutel &#39;kleur&#39; kennen we niet" in body
    assert 'href="#regel-' in body and "kleur: blauw" in body


def test_a_second_save_from_an_old_revision_is_refused_shows_the_change_and_keeps_the_text(client, staff_login, db):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    editor = f"{BASE}concept/{public_id}/yaml"
    stale_page = client.get(editor).get_data(as_text=True)
    other = template_text("proef-formulier").replace("Wat is uw vraag?", "Wat wilt u weten?")
    assert submit(client, editor, editor, {"yaml-definition": other}).status_code == 302
    from tests.support.formadmin import hidden_fields

    mine = template_text("proef-formulier").replace("Wat is uw vraag?", "Waar gaat het over?")
    response = client.post(editor, data={**hidden_fields(stale_page, editor), "yaml-definition": mine})
    body = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Iemand anders heeft dit concept net bewaard" in body
    assert "Waar gaat het over?" in body and "Wat wilt u weten?" in body
    assert queries.get_concept(db, public_id).definition_yaml == other


def test_an_alias_bomb_a_goto_loop_and_a_later_condition_are_refused_in_plain_dutch(client, staff_login):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    editor = f"{BASE}concept/{public_id}/yaml"
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    body = submit(client, editor, editor, {"yaml-definition": bomb}, follow_redirects=True).get_data(as_text=True)
    assert "Ankers en verwijzingen (&amp; en *) mogen niet" in body
    loop = (
        template_text("proef-formulier")
        .replace(
            "        validate:\n          required:\n            nl: Vul uw vraag in",
            "        validate:\n          required:\n            nl: Vul uw vraag in",
        )
        .replace("  - id: vraag\n    fields:", "  - id: vraag\n    next:\n      - goto: vraag\n    fields:")
    )
    body = submit(client, editor, editor, {"yaml-definition": loop}, follow_redirects=True).get_data(as_text=True)
    assert "Deze route gaat terug naar een eerdere stap" in body


def test_html_in_a_text_is_escaped_on_every_page(client, staff_login):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    editor = f"{BASE}concept/{public_id}/yaml"
    script = template_text("proef-formulier").replace("Wat is uw vraag?", "<script>alert(1)</script>")
    submit(client, editor, editor, {"yaml-definition": script})
    for path in (editor, f"{BASE}concept/{public_id}", f"{BASE}concept/{public_id}/kwaliteit"):
        body = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in body, path


def test_an_upload_of_5_mb_or_not_utf8_is_refused_and_a_good_one_is_saved(client, staff_login, db):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    editor, action = f"{BASE}concept/{public_id}/yaml", f"{BASE}concept/{public_id}/bestand"
    big = {"bestand-file": (io.BytesIO(b"a" * (5 * 1024 * 1024)), "groot.yaml")}
    response = submit(client, editor, action, big, content_type="multipart/form-data")
    assert response.status_code == 400 and "Het bestand is te groot" in response.get_data(as_text=True)
    latin = {"bestand-file": (io.BytesIO("titel: café".encode("latin-1")), "oud.yaml")}
    response = submit(client, editor, action, latin, content_type="multipart/form-data")
    assert response.status_code == 400 and "geen UTF-8-tekst" in response.get_data(as_text=True)
    text = template_text("proef-formulier").replace("Wat is uw vraag?", "Wat wilt u ons vragen?")
    good = {"bestand-file": (io.BytesIO(text.encode()), "proef-formulier.yaml")}
    assert submit(client, editor, action, good, content_type="multipart/form-data").status_code == 302
    assert "Wat wilt u ons vragen?" in queries.get_concept(db, public_id).definition_yaml


def test_a_post_without_csrf_is_refused(client, staff_login):
    staff_login("formulierbeheerder", **FATIMA)
    assert client.post(f"{BASE}nieuw", data={"nieuw-slug": "zonder-token"}).status_code == 400


def test_the_audit_log_and_the_versions_and_diff_pages_show_what_changed(client, staff_login, db, parse_page):
    published_form(db, "verschil-proef")
    published_form(
        db, "verschil-proef", template_text("verschil-proef").replace("Wat is uw vraag?", "Wat wilt u vragen?")
    )
    staff_login("formulierbeheerder", **FATIMA)
    _concept(client, "logboek-proef")
    page = parse_page(client.get(f"{BASE}logboek"))
    assert "Concept gemaakt" in page.body_text and "Fatima El Amrani" in page.body_text
    page = parse_page(client.get(f"{BASE}verschil-proef/versies"))
    assert "Versie 2 (online)" in page.body_text
    page = parse_page(client.get(f"{BASE}verschil-proef/verschil?van=1&naar=2"))
    assert "Weg" in page.body_text and "Nieuw" in page.body_text and "Wat wilt u vragen?" in page.body_text
    assert client.get(f"{BASE}verschil-proef/verschil?van=1&naar=9").status_code == 404
    assert form_queries.live_version(db, "verschil-proef").version == 2
