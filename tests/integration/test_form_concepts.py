"""Concepts of form definitions: saves name the revision they began from; the audit log only grows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.models.formadmin import AuditLogIsAppendOnly, FormAuditEntry
from portal.queries import formadmin as queries


def new_concept(db):
    return queries.create_concept(db, slug="proef", definition_yaml="slug: proef\n", staff_name="Fatima El Amrani")


def test_a_new_concept_starts_at_revision_one(db):
    concept = new_concept(db)
    assert (concept.revision, concept.state, concept.created_by) == (1, "open", "Fatima El Amrani")
    assert queries.get_concept(db, concept.public_id) == concept


def test_a_save_from_the_current_revision_stores_the_text_and_counts_up(db):
    concept = new_concept(db)
    saved = queries.save_concept(
        db, concept.public_id, definition_yaml="slug: proef\n# twee\n", expected_revision=1, staff_name="Joost"
    )
    assert (saved.revision, saved.updated_by, saved.definition_yaml) == (2, "Joost", "slug: proef\n# twee\n")


def test_a_save_from_a_stale_revision_is_refused_and_keeps_the_other_publishers_text(db):
    concept = new_concept(db)
    queries.save_concept(db, concept.public_id, definition_yaml="van Joost\n", expected_revision=1, staff_name="Joost")
    with pytest.raises(queries.ConceptConflict) as refused:
        queries.save_concept(
            db, concept.public_id, definition_yaml="van Fatima\n", expected_revision=1, staff_name="Fatima"
        )
    assert refused.value.current.definition_yaml == "van Joost\n"
    assert refused.value.current.revision == 2


def test_audit_entries_can_be_read_but_not_changed_or_removed(db):
    queries.add_audit(db, staff_sub="s-1", staff_name="Fatima", action="concept_created", slug="proef")
    assert [entry.action for entry in queries.audit_entries(db, slug="proef")] == ["concept_created"]
    row = db.scalar(select(FormAuditEntry))
    with pytest.raises(AuditLogIsAppendOnly), db.begin_nested():
        row.action = "iets anders"
        db.flush()
    db.expire_all()
    row = db.scalar(select(FormAuditEntry))
    assert row.action == "concept_created"
    with pytest.raises(AuditLogIsAppendOnly), db.begin_nested():
        db.delete(row)
        db.flush()
