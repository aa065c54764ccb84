"""Staff publishing in a browser, JavaScript on and off: every page and state with axe (0 violations) and
reflow at 320 px. A publisher makes a form, breaks and fixes its YAML, gets a long sentence flagged, has it
approved by a second publisher, publishes it, sees the diff and the log, and retires it."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.support import assert_accessible, in_portal, log_in_as_staff
from tests.support.formadmin import published_form, template_text

LONG = (
    "Wij vragen u om hier zo precies mogelijk op te schrijven welke hulp u in en om het huis nodig heeft "
    "omdat wij dat moeten weten voor de beslissing."
)


def _publish(slug):
    def act(db):
        published_form(db, slug)
        db.commit()

    return act


def _log_out(page):
    page.get_by_role("button", name="Uitloggen").first.click()


def test_a_publisher_makes_checks_approves_publishes_and_retires_a_form(visit, portal):
    slug = f"proef-{uuid.uuid4().hex[:6]}"
    in_portal(portal, _publish(f"{slug}-bron"))
    concept_url = _make_and_check(visit, slug)
    _log_out(visit)
    _approve_and_publish(visit, concept_url)
    _versions_log_and_retire(visit, slug)


def _make_and_check(visit, slug):
    """Fatima makes a concept, breaks and fixes it, sees the long sentence, and is told publishing needs approval."""
    log_in_as_staff(visit, staff="Fatima El Amrani", check=False)
    visit.get_by_role("link", name="Formulieren", exact=True).click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Formulieren")
    assert_accessible(visit)
    visit.get_by_label("Naam van het formulier in het webadres").fill(slug)
    visit.get_by_role("button", name="Maak een nieuw formulier").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text(f"Concept van {slug}")
    assert_accessible(visit)

    visit.get_by_role("link", name="De YAML aanpassen").click()
    visit.get_by_label("De YAML van het formulier").fill(template_text(slug) + "kleur: blauw\n")
    visit.get_by_role("button", name="Bewaren").click()
    expect(visit.get_by_role("cell", name=re.compile("De sleutel 'kleur' kennen we niet"))).to_be_visible()
    assert_accessible(visit)
    visit.get_by_label("De YAML van het formulier").fill(template_text(slug).replace("Wat is uw vraag?", LONG))
    visit.get_by_role("button", name="Bewaren").click()
    assert_accessible(visit)

    visit.get_by_role("link", name="Terug naar het concept").click()
    visit.get_by_role("link", name="Bekijk het kwaliteitsrapport").click()
    expect(visit.get_by_text("Deze zin is te lang (29 woorden).")).to_be_visible()
    assert_accessible(visit)
    # The server runs axe on every preview page in its own Chromium: seconds, more on a busy machine.
    visit.get_by_role("button", name="Toegankelijkheid controleren").click(timeout=120_000)
    expect(visit.get_by_text("De controle is klaar.")).to_be_visible(timeout=120_000)
    assert_accessible(visit)
    visit.get_by_role("link", name="Terug naar het concept").click()
    visit.get_by_label("Wat is er veranderd?").first.fill("Eerste versie")
    visit.get_by_role("button", name="Publiceren", exact=True).click()
    expect(visit.get_by_role("alert").filter(has_text="moet het eerst goedkeuren")).to_be_visible()
    assert_accessible(visit)
    return visit.url


def _approve_and_publish(visit, concept_url):
    log_in_as_staff(visit, staff="Jeroen Bakker", check=False)
    visit.goto(concept_url.replace("/publiceren", ""))
    visit.get_by_label("Waarom keurt u het concept goed?").fill("De lange zin komt uit de wet.")
    visit.get_by_role("button", name="Goedkeuren").click()
    expect(visit.get_by_text("U heeft het concept goedgekeurd.")).to_be_visible()
    visit.get_by_label("Wat is er veranderd?").first.fill("Eerste versie")
    visit.get_by_role("button", name="Publiceren", exact=True).click()
    expect(visit.get_by_text("Versie 1 staat nu online.")).to_be_visible()
    assert_accessible(visit)


def _versions_log_and_retire(visit, slug):
    visit.goto(f"/medewerkers/formulieren/{slug}-bron/versies")
    assert_accessible(visit)
    visit.goto("/medewerkers/formulieren/logboek")
    expect(visit.get_by_role("cell", name="Goedgekeurd").first).to_be_visible()
    assert_accessible(visit)
    visit.goto(f"/medewerkers/formulieren/{slug}/uit-gebruik")
    assert_accessible(visit)
    visit.get_by_role("button", name="Uit gebruik nemen").click()
    expect(visit.get_by_role("alert")).to_be_visible()
    assert_accessible(visit)
    visit.get_by_label("Bericht voor inwoners (Nederlands)").fill("Gebruik het nieuwe formulier.")
    visit.get_by_label("Bericht voor inwoners (Engels)").fill("Use the new form.")
    visit.get_by_role("button", name="Uit gebruik nemen").click()
    expect(visit.get_by_text("Het formulier is uit gebruik.")).to_be_visible()
    assert_accessible(visit)


def test_a_version_diff_is_a_table_in_words(visit, portal):
    slug = f"verschil-{uuid.uuid4().hex[:6]}"

    def two_versions(db):
        published_form(db, slug)
        published_form(db, slug, template_text(slug).replace("Wat is uw vraag?", "Wat wilt u vragen?"))
        db.commit()

    in_portal(portal, two_versions)
    log_in_as_staff(visit, staff="Fatima El Amrani", check=False)
    visit.goto(f"/medewerkers/formulieren/{slug}/versies")
    visit.get_by_role("link", name="Wat is er anders dan versie 1").click()
    expect(visit.get_by_role("cell", name="Weg", exact=True)).to_be_visible()
    assert_accessible(visit)


def test_staff_without_the_role_see_why_they_cannot_manage_forms(visit, portal):
    log_in_as_staff(visit, staff="Lotte Visser", check=False)
    assert visit.get_by_role("link", name="Formulieren", exact=True).count() == 0
    visit.goto("/medewerkers/formulieren/")
    expect(visit.get_by_role("heading", level=1)).to_have_text("U mag formulieren niet beheren")
    assert_accessible(visit)


def test_a_second_publishers_save_is_refused_with_the_change_shown_and_an_upload_error_is_plain(
    visit, portal, tmp_path
):
    slug = f"botsing-{uuid.uuid4().hex[:6]}"
    log_in_as_staff(visit, staff="Fatima El Amrani", check=False)
    visit.goto("/medewerkers/formulieren/")
    visit.get_by_label("Naam van het formulier in het webadres").fill(slug)
    visit.get_by_role("button", name="Maak een nieuw formulier").click()
    visit.get_by_role("link", name="De YAML aanpassen").click()
    public_id = visit.url.rsplit("/", 2)[1]

    def other_publisher_saves(db):
        from portal.queries import formadmin as queries

        text = template_text(slug).replace("Wat is uw vraag?", "Wat wilt u weten?")
        queries.save_concept(db, public_id, definition_yaml=text, expected_revision=1, staff_name="Jeroen Bakker")
        db.commit()

    in_portal(portal, other_publisher_saves)
    visit.get_by_label("De YAML van het formulier").fill(template_text(slug).replace("Wat is uw vraag?", "Waarover?"))
    visit.get_by_role("button", name="Bewaren").click()
    expect(visit.get_by_role("heading", name="Iemand anders heeft dit concept net bewaard")).to_be_visible()
    expect(visit.get_by_label("De YAML van het formulier")).to_have_value(re.compile("Waarover?"))
    expect(visit.get_by_role("cell", name=re.compile("Wat wilt u weten")).first).to_be_visible()
    assert_accessible(visit)

    latin = tmp_path / "oud.yaml"
    latin.write_bytes("titel: café".encode("latin-1"))
    visit.get_by_label("YAML-bestand").set_input_files(str(latin))
    visit.get_by_role("button", name="Bestand laden").click()
    expect(visit.get_by_text("Het bestand is geen UTF-8-tekst").first).to_be_visible()
    assert_accessible(visit)


def test_the_accessibility_check_runs_axe_and_reflow_on_rendered_pages(portal):
    from portal.formadmin.accessibility import RenderedPage, accessibility_findings

    client = portal.app.test_client()
    good = client.get("/").get_data(as_text=True)
    bad = good.replace("<h1", '<img src="/static/favicon.svg"><h1', 1).replace(
        "</body>", '<div style="inline-size: 2000px">breed</div></body>'
    )
    with portal.app.test_request_context():
        checked = accessibility_findings([RenderedPage("start", "Start", good), RenderedPage("kapot", "Kapot", bad)])
    assert checked.browser and checked.pages == 2
    assert [finding.step_id for finding in checked.findings if finding.rule == "image-alt"] == ["kapot"]
    assert [finding.step_id for finding in checked.findings if finding.rule == "reflow"] == ["kapot"]
    assert [finding for finding in checked.findings if finding.step_id == "start"] == []


def test_a_publisher_copies_the_wmo_form_and_publishes_the_copy(visit, portal):
    slug = f"wmo-kopie-{uuid.uuid4().hex[:6]}"
    log_in_as_staff(visit, staff="Jeroen Bakker", check=False)
    visit.goto("/medewerkers/formulieren/")
    visit.get_by_role("button", name="Kopieer het formulier").click()
    expect(visit.get_by_role("alert")).to_be_visible()
    assert_accessible(visit)
    visit.get_by_label("Welk formulier wilt u kopiëren?").select_option("wmo-hulp-bij-het-huishouden")
    visit.get_by_label("Naam van het nieuwe formulier in het webadres").fill(slug)
    visit.get_by_role("button", name="Kopieer het formulier").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text(f"Concept van {slug}")
    visit.get_by_label("Wat is er veranderd?").first.fill("Kopie van het Wmo-formulier")
    visit.get_by_role("button", name="Publiceren", exact=True).click()
    expect(visit.get_by_text("Versie 1 staat nu online.")).to_be_visible()
    assert_accessible(visit)
