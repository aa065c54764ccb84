"""Every table has a rule for whose cached pages a write there makes stale (portal/queries/versions.py).

A new table without a rule would make every write there mark every resident's pages stale: correct, but it
quietly turns the page cache off for the pages people use most. This test makes the choice explicit.
"""

from __future__ import annotations

import portal.models  # noqa: F401  (registers every table)
from portal.db import Base
from portal.queries import versions


def rule_of(name: str, columns: set[str]) -> str:
    if name in versions.MACHINERY:
        return "machinery"
    if name in versions.REQUESTER_TABLES:
        return "the resident of the request"
    if name in versions.EVERYONE_TABLES:
        return "everyone"
    if columns & set(versions.RESIDENT_COLUMNS):
        return "the resident of the row"
    if "zaak_id" in columns:
        return "the resident of the case"
    return "no rule"


def test_every_table_has_a_rule_for_whose_pages_it_makes_stale():
    unruled = [name for name, table in Base.metadata.tables.items() if rule_of(name, set(table.c.keys())) == "no rule"]
    assert unruled == []


def test_the_lists_name_only_tables_that_exist():
    named = versions.MACHINERY | versions.REQUESTER_TABLES | versions.EVERYONE_TABLES
    elsewhere = {"alembic_version", "page_version", "mock_digid_key", "mock_digid_code", "mock_digid_token"}
    assert named - set(Base.metadata.tables) - elsewhere == set()  # the mock DigiD has its own MetaData


def test_a_residents_half_filled_form_concerns_only_that_resident():
    assert rule_of("form_draft", set()) == "the resident of the request"
    assert rule_of("zaak", {"initiator_bsn"}) == "the resident of the row"
