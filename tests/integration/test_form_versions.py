"""Publishing stores immutable versions with a content hash (SQLite, and PostgreSQL with TEST_DATABASE_URL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.formdefs import content_hash, validate_text
from portal.formdefs.publish import PublishError, publish, publish_files
from portal.models.forms import FormVersion, ImmutableVersionError
from portal.queries import forms as queries
from tests.support.formdefs import as_yaml, form, text


def checked(definition: dict):
    result = validate_text(as_yaml(definition), "proef.yaml")
    assert result.ok, result.problems
    return result


def test_the_first_publish_makes_version_one_live(db):
    published = publish(db, checked(form()), published_by="Fatima El Amrani", change_note="Eerste versie")
    assert published.new and published.version == 1
    live = queries.live_version(db, "proef")
    assert (live.version, live.status, live.published_by, live.change_note) == (
        1,
        "live",
        "Fatima El Amrani",
        "Eerste versie",
    )
    assert live.content_hash == content_hash(form()) and len(live.content_hash) == 64
    assert live.definition == form()


def test_the_same_content_twice_makes_no_new_version(db):
    publish(db, checked(form()), published_by="a")
    # Same content, other layout and a comment: the canonical JSON is the same.
    relaid = "# een opmerking\n" + as_yaml(form()).replace("slug: proef", "slug:    proef")
    again = publish(db, validate_text(relaid, "proef.yaml"), published_by="b")
    assert not again.new and again.version == 1
    assert len(queries.versions_of(db, "proef")) == 1


def test_a_change_makes_a_new_version_and_leaves_the_old_one_as_it_was(db):
    first = publish(db, checked(form()), published_by="a")
    old = queries.version_by_id(db, first.version_id)
    changed = publish(db, checked(form(title=text("Proef twee"))), published_by="b", change_note="Nieuwe titel")
    assert changed.new and changed.version == 2 and changed.content_hash != first.content_hash
    again = queries.version_by_id(db, first.version_id)
    assert again.definition == old.definition and again.content_hash == old.content_hash
    assert again.status == "retired"
    assert queries.live_version(db, "proef").version == 2


def test_going_back_to_earlier_content_is_a_new_version(db):
    publish(db, checked(form()), published_by="a")
    publish(db, checked(form(title=text("Anders"))), published_by="a")
    back = publish(db, checked(form()), published_by="a")
    assert back.new and back.version == 3


def test_a_stored_version_cannot_be_changed(db):
    first = publish(db, checked(form()), published_by="a")
    row = db.get(FormVersion, first.version_id)
    row.definition = {**row.definition, "slug": "anders"}
    with pytest.raises(ImmutableVersionError, match="definition cannot change"):
        db.flush()
    db.rollback()


def test_a_definition_with_problems_is_not_published(db):
    broken = validate_text(as_yaml(form(title={"nl": "Alleen Nederlands"})), "proef.yaml")
    with pytest.raises(PublishError, match="has no en"):
        publish(db, broken, published_by="a")
    assert queries.newest_version(db, "proef") is None


def test_the_shipped_forms_publish_once(db):
    first = publish_files(db, published_by="test")
    assert all(result.new for result in first) and len(first) >= 5
    second = publish_files(db, published_by="test")
    assert not any(result.new for result in second)
    slugs = [slug for slug, live in queries.list_forms(db) if live is not None]
    assert "verhuizing-doorgeven" in slugs
    assert db.scalar(select(FormVersion.definition).where(FormVersion.id == first[0].version_id))["schema_version"] == 1


def test_seed_demo_publishes_the_shipped_forms_once(app):
    from portal.db import get_session
    from portal.demo import load_demo_data

    for _ in range(2):
        with app.app_context():
            load_demo_data()
    with app.app_context():
        rows = dict(queries.list_forms(get_session()))
    assert rows["wmo-hulp-bij-het-huishouden"].version == 1
    assert rows["melding-openbare-ruimte"].published_by == "seed-demo"


def test_the_migration_goes_down_and_up_again(tmp_path):
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect

    from portal.cli import alembic_config
    from portal.db import make_engine

    url = f"sqlite:///{tmp_path}/migrate.db"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, ScriptDirectory.from_config(config).get_revision("0010").down_revision)
    assert "form_version" not in inspect(make_engine(url)).get_table_names()
    command.upgrade(config, "head")
    assert {"form_definition", "form_version"} <= set(inspect(make_engine(url)).get_table_names())
