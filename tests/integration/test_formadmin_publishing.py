"""Publishing a concept: a change note, one version for a double click, a second publisher's approval when
B1 findings are open (never the author's own), a planned publish, retiring a form, import and export."""

from __future__ import annotations

from datetime import timedelta

from portal.db import utcnow
from portal.formadmin import publishing
from portal.formadmin.commands import export_text, import_file
from portal.formadmin.concepts import Actor, canonical_yaml, from_template, save
from portal.formdefs.loader import shipped_paths
from portal.queries import formadmin as queries
from portal.queries import forms as form_queries
from tests.support.formadmin import hidden_fields, published_form, submit, template_text

BASE = "/medewerkers/formulieren/"
FATIMA = {"name": "Fatima El Amrani", "sub": "staff-sub-fatima"}
JEROEN = {"name": "Jeroen Bakker", "sub": "staff-sub-jeroen"}
LONG = (
    "Wij vragen u om hier zo precies mogelijk op te schrijven welke hulp u in en om het huis nodig heeft "
    "omdat wij dat moeten weten voor de beslissing."
)


def _concept(client, slug="publiceer-proef", text=None):
    response = submit(client, BASE, f"{BASE}nieuw", {"nieuw-slug": slug})
    public_id = response.headers["Location"].rsplit("/", 1)[1]
    if text:
        editor = f"{BASE}concept/{public_id}/yaml"
        assert submit(client, editor, editor, {"yaml-definition": text}).status_code == 302
    return public_id


def test_publishing_needs_a_change_note_and_makes_a_live_version(client, staff_login, db):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    page, action = f"{BASE}concept/{public_id}", f"{BASE}concept/{public_id}/publiceren"
    refused = submit(client, page, action, {"publiceren-note": ""})
    assert refused.status_code == 400 and "Schrijf kort wat er is veranderd" in refused.get_data(as_text=True)
    response = submit(client, page, action, {"publiceren-note": "Eerste versie"}, follow_redirects=True)
    assert "Versie 1 staat nu online." in response.get_data(as_text=True)
    live = form_queries.live_version(db, "publiceer-proef")
    assert (live.version, live.change_note, live.published_by) == (1, "Eerste versie", "Fatima El Amrani")
    assert queries.get_concept(db, public_id).state == "published"


def test_a_double_click_on_publish_makes_one_version(client, staff_login, db):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    page, action = f"{BASE}concept/{public_id}", f"{BASE}concept/{public_id}/publiceren"
    fields = {**hidden_fields(client.get(page).get_data(as_text=True), action), "publiceren-note": "Eén keer"}
    first, second = client.post(action, data=fields), client.post(action, data=fields)
    assert first.status_code == second.status_code == 302
    assert [version.version for version in form_queries.versions_of(db, "publiceer-proef")] == [1]


def test_a_b1_finding_needs_a_second_publishers_approval_with_a_reason(client, staff_login, db):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client, text=template_text("publiceer-proef").replace("Wat is uw vraag?", LONG))
    page = f"{BASE}concept/{public_id}"
    refused = submit(client, page, f"{page}/publiceren", {"publiceren-note": "Lange zin"})
    assert refused.status_code == 400
    assert "Een tweede beheerder moet het eerst goedkeuren" in refused.get_data(as_text=True)
    own = submit(client, page, f"{page}/goedkeuren", {"goedkeuren-reason": "Mag van mij"})
    assert own.status_code == 400 and "U heeft dit concept zelf gemaakt of bewaard" in own.get_data(as_text=True)
    staff_login("formulierbeheerder", **JEROEN)
    no_reason = submit(client, page, f"{page}/goedkeuren", {"goedkeuren-reason": " "})
    assert no_reason.status_code == 400 and "Schrijf waarom u het concept goedkeurt" in no_reason.get_data(as_text=True)
    assert submit(client, page, f"{page}/goedkeuren", {"goedkeuren-reason": "Wettekst, moet zo"}).status_code == 302
    assert submit(client, page, f"{page}/publiceren", {"publiceren-note": "Met goedkeuring"}).status_code == 302
    published = [entry for entry in queries.audit_entries(db, slug="publiceer-proef") if entry.action == "published"]
    assert published[0].detail["approved_by"] == "Jeroen Bakker"


def test_an_approval_no_longer_holds_once_the_text_changes(db):
    fatima, jeroen = Actor("s-fatima", "Fatima"), Actor("s-jeroen", "Jeroen")
    concept = from_template(db, fatima, "goedkeuring-proef")
    concept, _ = save(db, fatima, concept, template_text("goedkeuring-proef").replace("Wat is uw vraag?", LONG), 1)
    publishing.approve(db, jeroen, concept, expected_revision=concept.revision, reason="Wettekst")
    assert publishing.readiness(db, concept).needs_approval is False
    changed = LONG.replace("Wij vragen", "We vragen")
    concept, _ = save(db, fatima, concept, template_text("goedkeuring-proef").replace("Wat is uw vraag?", changed), 2)
    assert publishing.readiness(db, concept).needs_approval is True


def test_a_concept_with_errors_cannot_be_published(client, staff_login):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client, text="slug: publiceer-proef\n")
    page = f"{BASE}concept/{public_id}"
    refused = submit(client, page, f"{page}/publiceren", {"publiceren-note": "Kapot"})
    assert refused.status_code == 400 and "Het concept heeft nog fouten" in refused.get_data(as_text=True)


def test_a_planned_publish_happens_once_when_its_moment_has_come(client, staff_login, db):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    page = f"{BASE}concept/{public_id}"
    past = submit(
        client, page, f"{page}/plannen", {"plannen-day": "2020-01-01", "plannen-time": "09:00", "plannen-note": "Oud"}
    )
    assert past.status_code == 400 and "Kies een moment in de toekomst" in past.get_data(as_text=True)
    tomorrow = (utcnow() + timedelta(days=2)).date().isoformat()
    data = {"plannen-day": tomorrow, "plannen-time": "09:00", "plannen-note": "Gepland"}
    assert submit(client, page, f"{page}/plannen", data).status_code == 302
    assert publishing.publish_due(db) == []
    later = utcnow() + timedelta(days=3)
    assert publishing.publish_due(db, later) == ["publiceer-proef: published as version 1"]
    assert publishing.publish_due(db, later) == []
    assert form_queries.live_version(db, "publiceer-proef").change_note == "Gepland"


def test_retiring_a_form_gives_residents_the_message_in_their_language(client, staff_login, db):
    published_form(db, "stop-proef")
    staff_login("formulierbeheerder", **FATIMA)
    page = f"{BASE}stop-proef/uit-gebruik"
    empty = submit(client, page, page, {"uit-gebruik-message_nl": "", "uit-gebruik-message_en": ""})
    assert empty.status_code == 400 and "Schrijf waar inwoners nu terechtkunnen" in empty.get_data(as_text=True)
    data = {"uit-gebruik-message_nl": "Gebruik het nieuwe formulier.", "uit-gebruik-message_en": "Use the new form."}
    assert submit(client, page, page, data).status_code == 302
    assert queries.retirement_message(db, "stop-proef", "en") == "Use the new form."
    assert queries.retirement_message(db, "stop-proef", "de") == "Gebruik het nieuwe formulier."
    assert queries.retirement_message(db, "bestaat-niet", "nl") is None
    assert "Uit gebruik" in client.get(BASE).get_data(as_text=True)


def test_every_shipped_form_survives_export_import_export_unchanged(db, tmp_path):
    for path in shipped_paths():
        assert "live as version" in import_file(db, path, live=True), path.name
        slug = path.stem
        exported = export_text(db, slug)
        copy = tmp_path / f"{slug}.yaml"
        copy.write_text(exported, encoding="utf-8")
        assert "unchanged" in import_file(db, copy, live=True)
        assert export_text(db, slug) == exported


def test_import_never_overwrites_a_newer_version_made_by_staff(db):
    path = shipped_paths()[0]
    import_file(db, path, live=True)
    definition = {**form_queries.live_version(db, path.stem).definition, "time_needed_minutes": 9}
    concept = queries.create_concept(
        db, slug=path.stem, definition_yaml=canonical_yaml(definition), staff_name="Fatima"
    )
    published = publishing.publish_concept(db, Actor("s-fatima", "Fatima"), concept, expected_revision=1, note="Staf")
    assert published.version == 2
    assert "skipped, staff published version 2" in import_file(db, path, live=True)
    assert "skipped" in import_file(db, path, live=False)
    assert form_queries.live_version(db, path.stem).version == 2


def test_the_quality_report_names_the_long_sentence_and_the_plain_word(client, staff_login):
    staff_login("formulierbeheerder", **FATIMA)
    official = "Indien u een vraag heeft, lees dan dit. " + LONG
    text = template_text("publiceer-proef").replace("Wat is uw vraag?", official)
    public_id = _concept(client, text=text)
    body = client.get(f"{BASE}concept/{public_id}/kwaliteit").get_data(as_text=True)
    assert "Deze zin is te lang" in body and "Maak er twee zinnen van" in body
    assert "&#39;Indien&#39; is ambtelijke taal." in body and "Schrijf: als" in body
    assert "Deze tekst is nog niet gecontroleerd." in body


def test_an_accessibility_finding_of_a_preview_page_needs_approval_too(client, staff_login, monkeypatch):
    from portal.formadmin import accessibility

    monkeypatch.setattr(accessibility, "browser_available", lambda: False)
    pages = [accessibility.RenderedPage("vraag", "Vraag", '<html lang="nl"><body><p>Geen kop</p></body></html>')]
    monkeypatch.setattr(accessibility, "preview_pages", lambda definition: pages)
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    page = f"{BASE}concept/{public_id}"
    report = submit(client, f"{page}/kwaliteit", f"{page}/toegankelijkheid", follow_redirects=True)
    body = report.get_data(as_text=True)
    assert "Alleen de HTML is gecontroleerd." in body and "De pagina heeft 0 koppen h1" in body
    assert "Op deze server is geen browser" in body
    refused = submit(client, page, f"{page}/publiceren", {"publiceren-note": "Zonder kop"})
    assert refused.status_code == 400 and "Een tweede beheerder moet het eerst goedkeuren" in refused.get_data(
        as_text=True
    )


def test_two_publishes_of_the_same_revision_without_one_time_tokens_make_one_version(client, staff_login, db):
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    page, action = f"{BASE}concept/{public_id}", f"{BASE}concept/{public_id}/publiceren"
    fields = hidden_fields(client.get(page).get_data(as_text=True), action)
    fields.pop("publiceren-once_token", None)
    first = client.post(action, data={**fields, "publiceren-note": "Eerste"})
    second = client.post(action, data={**fields, "publiceren-note": "Tweede"})
    assert first.status_code == 302
    assert second.status_code == 400 and "al gepubliceerd of weggegooid" in second.get_data(as_text=True)
    assert [version.change_note for version in form_queries.versions_of(db, "publiceer-proef")] == ["Eerste"]


def test_the_accessibility_check_runs_on_the_runners_own_preview_pages(client, staff_login, monkeypatch):
    from portal.formadmin import accessibility

    monkeypatch.setattr(accessibility, "browser_available", lambda: False)
    staff_login("formulierbeheerder", **FATIMA)
    public_id = _concept(client)
    page = f"{BASE}concept/{public_id}"
    report = submit(client, f"{page}/kwaliteit", f"{page}/toegankelijkheid", follow_redirects=True)
    body = report.get_data(as_text=True)
    assert "Alleen de HTML is gecontroleerd." in body
    assert "Er zijn nog geen pagina&#39;s om te bekijken." not in body and "0 pagina" not in body
