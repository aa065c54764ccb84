"""Case types are versioned: a loaded case type never changes, open cases keep their version."""

from __future__ import annotations

import copy
import os
import re
import tempfile
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, select, text

from portal.cases.casetypes import Definition, content_hash, read_definitions, sync_casetypes
from portal.cli import alembic_config
from portal.models.cases import Zaaktype
from tests.support.cases import make_case, zaaktype
from tests.support.forms import csrf_token

MEREL = "999993847"
SHIPPED = {definition.data["identificatie"]: definition for definition in read_definitions()}


def _changed(identificatie: str, change) -> Definition:
    data = copy.deepcopy(SHIPPED[identificatie].data)
    change(data)
    return Definition(source=f"{identificatie}.yaml", data=data)


def _rename_second_step(data):
    data["statustypen"][1]["omschrijving"] = {"nl": "Gebeld of gemaild", "en": "Called or emailed"}


def test_loading_the_same_definitions_again_makes_no_new_version(db):
    before = db.scalar(select(Zaaktype.id).order_by(Zaaktype.id.desc()).limit(1))
    results = sync_casetypes(db)
    assert results and not any(result.new for result in results)
    assert str(results[0]).endswith("unchanged, version 1")
    assert db.scalar(select(Zaaktype.id).order_by(Zaaktype.id.desc()).limit(1)) == before


def test_every_loaded_version_carries_the_hash_of_its_definition(db):
    for identificatie, definition in SHIPPED.items():
        assert zaaktype(db, identificatie).inhoud_hash == content_hash(definition.data)


def test_a_changed_step_makes_version_2_and_the_open_case_keeps_its_old_steps(db, client, login, parse_page):
    old_case = make_case(db, MEREL, "terugbelverzoek")
    [result] = sync_casetypes(db, [_changed("terugbelverzoek", _rename_second_step)])
    assert (result.versie, result.new) == (2, True)
    new_case = make_case(db, MEREL, "terugbelverzoek")
    assert (old_case.zaaktype.versie, new_case.zaaktype.versie) == (1, 2)
    assert [step.omschrijving for step in old_case.zaaktype.statustypen][1] == "We hebben u gebeld"
    login(MEREL)
    old_page = parse_page(client.get(f"/mijn-zaken/{old_case.identificatie}")).body_text
    new_page = parse_page(client.get(f"/mijn-zaken/{new_case.identificatie}")).body_text
    assert "We hebben u gebeld" in old_page and "Gebeld of gemaild" not in old_page
    assert "Gebeld of gemaild" in new_page


def test_a_removed_step_makes_a_new_version_and_never_changes_an_open_case(db):
    open_case = make_case(db, MEREL, "uittreksel-brp")
    steps_before = [(step.id, step.omschrijving) for step in open_case.zaaktype.statustypen]
    [result] = sync_casetypes(db, [_changed("uittreksel-brp", lambda data: data["statustypen"].pop(1))])
    assert result.new and result.versie == 2
    db.expire_all()
    assert [(step.id, step.omschrijving) for step in open_case.zaaktype.statustypen] == steps_before
    assert len(zaaktype(db, "uittreksel-brp").statustypen) == 2


def test_the_status_change_offers_only_the_steps_of_the_case_own_version(db, client, staff_login, parse_page):
    old_case = make_case(db, MEREL, "terugbelverzoek")
    sync_casetypes(db, [_changed("terugbelverzoek", _rename_second_step)])
    newest = zaaktype(db, "terugbelverzoek")
    staff_login("zaakbehandelaar")
    html = client.get(f"/medewerker/zaken/{old_case.identificatie}").get_data(as_text=True)
    parse_page(html)
    select_html = re.search(r'<select[^>]*id="status-statustype".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select_html) == ["We hebben u gebeld"]
    page_url = f"/medewerker/zaken/{old_case.identificatie}"
    response = client.post(
        f"{page_url}/status",
        data={"csrf_token": csrf_token(client, page_url), "status-statustype": newest.statustypen[1].id},
    )
    assert response.status_code == 400
    db.refresh(old_case)
    assert old_case.statustype.volgnummer == 1


def test_the_queue_filter_finds_the_cases_of_every_version(db, client, staff_login):
    old_case = make_case(db, MEREL, "terugbelverzoek")
    sync_casetypes(db, [_changed("terugbelverzoek", _rename_second_step)])
    new_case = make_case(db, MEREL, "terugbelverzoek")
    staff_login("zaakbehandelaar")
    page = client.get("/medewerker/werkvoorraad?zaaktype=terugbelverzoek").get_data(as_text=True)
    assert old_case.identificatie in page and new_case.identificatie in page
    assert page.count(">Terugbelverzoek</option>") == 1  # one choice per case type, not per version


def test_load_casetypes_reports_what_it_did(app):
    result = app.test_cli_runner().invoke(args=["load-casetypes"])
    assert result.exit_code == 0, result.output
    assert "terugbelverzoek: unchanged, version 1" in result.output
    assert f"0 new versions, {len(read_definitions())} unchanged." in result.output


# --- the migration: existing case types become version 1 with their hash ---------------------------------


def _scratch_urls():
    urls = [("sqlite", f"sqlite:///{tempfile.mkdtemp(prefix='mg-migrate-')}/portal.db")]
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"):
        urls.append(("postgresql", None))
    return urls


@pytest.fixture(params=_scratch_urls(), ids=lambda item: item[0])
def scratch_database(request):
    kind, url = request.param
    if kind == "sqlite":
        yield url
        return
    admin_url = os.environ.get("POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"mg_migrate_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _insert_old_casetype(connection, data: dict) -> None:
    connection.execute(
        text(
            "INSERT INTO zaaktype (id, identificatie, omschrijving, omschrijving_en, servicenorm_dagen, "
            "doorlooptijd_dagen, opschorting_en_aanhouding_mogelijk, verlenging_mogelijk, verlengingstermijn_dagen) "
            "VALUES (1, :id, :nl, :en, 14, NULL, false, false, NULL)"
        ),
        {"id": data["identificatie"], "nl": data["omschrijving"]["nl"], "en": data["omschrijving"]["en"]},
    )
    for number, step in enumerate(data["statustypen"], start=1):
        connection.execute(
            text(
                "INSERT INTO statustype (zaaktype_id, volgnummer, omschrijving, omschrijving_en, statustekst, "
                "statustekst_en, informeren, doorlooptijd_dagen) VALUES (1, :n, :o, :oe, :s, :se, :i, :d)"
            ),
            {
                "n": number,
                "o": step["omschrijving"]["nl"],
                "oe": step["omschrijving"]["en"],
                "s": step["statustekst"]["nl"],
                "se": step["statustekst"]["en"],
                "i": step["informeren"],
                "d": step["doorlooptijd_dagen"],
            },
        )
    connection.execute(
        text(
            "INSERT INTO zaak (identificatie, zaaktype_id, omschrijving, initiator_bsn, registratiedatum, startdatum, "
            "einddatum_gepland) VALUES ('ZK-OLD1-CASE', 1, '', '999993847', '2026-03-01 09:00:00', '2026-03-01', "
            "'2026-03-15')"
        )
    )


def test_the_migration_makes_every_existing_case_type_version_1_with_its_hash(scratch_database):
    from alembic import command

    melding = SHIPPED["melding-openbare-ruimte"].data  # 14 kalenderdagen: the same after the migration
    engine = create_engine(scratch_database)
    config = alembic_config(scratch_database)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        _insert_old_casetype(connection, melding)
        command.upgrade(config, "0004")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT versie, inhoud_hash, servicenorm_aantal, servicenorm_eenheid FROM zaaktype")
        ).one()
        suspended = connection.execute(text("SELECT opschorting_indicatie, opgeschorte_dagen FROM zaak")).one()
    assert tuple(row) == (1, content_hash(melding), 14, "kalenderdagen")
    assert (bool(suspended[0]), suspended[1]) == (False, 0)
    with engine.begin() as connection:  # and back, while there is only version 1
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT servicenorm_dagen FROM zaaktype")).scalar_one() == 14
    engine.dispose()
