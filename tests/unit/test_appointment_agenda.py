"""The agenda loader: the demo file loads, loading twice changes nothing, and a broken file says where."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.appointments.agenda import AgendaError, sync_agenda
from portal.models.appointments import OpeningBlock, Product


def test_the_demo_agenda_loads_and_loading_again_changes_nothing(db):
    assert sync_agenda(db) == (3, 4)
    blocks = db.scalar(select(func.count()).select_from(OpeningBlock))
    sync_agenda(db)
    assert db.scalar(select(func.count()).select_from(OpeningBlock)) == blocks
    passport = db.scalar(select(Product).where(Product.slug == "paspoort-id-kaart"))
    assert passport.one_open_per_resident and passport.extra_minutes == 10
    assert [item.slug for item in passport.locations] == ["stadhuis", "servicepunt-noord"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("locations: [{slug: x, name: X, hours: [{days: [mo], from: '09:00', to: '10:00'}]}]", "unknown weekday"),
        ("locations: [{slug: x, name: X, hours: [{days: [ma], from: '9 uur', to: '10:00'}]}]", "is not a time"),
        ("locations: [{slug: x, name: X, hours: [{days: [ma], from: '10:00', to: '09:00'}]}]", "ends before"),
        ("products: [{slug: p, name: P, duration: 15, locations: [nergens]}]", "unknown locations"),
        ("products: [{slug: p, name: P, duration: 0}]", "positive number"),
    ],
)
def test_a_broken_agenda_file_says_what_is_wrong(db, tmp_path, text, message):
    path = tmp_path / "agenda.yaml"
    path.write_text(text)
    with pytest.raises(AgendaError, match=message):
        sync_agenda(db, path)
