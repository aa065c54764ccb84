"""The agenda as the booking steps read it on every request: cheap, and exact without any invalidation.

- A product and its places come as plain values (`ProductView`, `PlaceView`) from one Core SELECT: loading ORM
  objects with their relationship cost more than the rest of the day step.
- The opening grid of a place for a product (`OpeningGrid`: every time the agenda offers, per day) is kept per
  process, keyed by the agenda's content itself: the product's rules and the place's opening blocks and
  exceptions, read fresh (two small SELECTs) in the request's own transaction. Any change to the agenda, by
  whoever and however it is written, gives another key, so a kept grid is never stale and nothing has to be
  told to forget it. Claims (bookings and holds) are never kept: they are counted live on every request.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache

from sqlalchemy import bindparam, select

from portal.appointments.scheduler import DayChange, OpeningGrid, Rules, Schedule, Window
from portal.db import get_session
from portal.models.appointments import Location, OpeningBlock, OpeningException, Product, product_location


@dataclass(frozen=True, slots=True)
class PlaceView:
    """A location's own columns (the names of the model's attributes)."""

    id: int
    slug: str
    name: str
    name_en: str
    address: str
    accessibility: str
    accessibility_en: str
    is_home: bool


@dataclass(frozen=True, slots=True)
class ProductView:
    """A product's own columns and its places (in the order of their ids, as `Product.locations`)."""

    id: int
    slug: str
    name: str
    name_en: str
    duration_minutes: int
    extra_minutes: int
    max_persons: int
    capacity: int
    bring: str
    bring_en: str
    at_home: bool
    login_required: bool
    lead_hours: int
    horizon_days: int
    one_open_per_resident: bool
    locations: tuple[PlaceView, ...] = ()


PRODUCT_COLUMNS = tuple(Product.__table__.c[item.name] for item in fields(ProductView) if item.name != "locations")
PLACE_COLUMNS = tuple(Location.__table__.c[item.name] for item in fields(PlaceView))
_PRODUCT = (
    select(*PRODUCT_COLUMNS, *PLACE_COLUMNS)
    .select_from(Product)
    .outerjoin(product_location, product_location.c.product_id == Product.id)
    .outerjoin(Location, Location.id == product_location.c.location_id)
    .where(Product.slug == bindparam("slug"))
    .order_by(Location.id)
)
_BLOCKS = (
    select(OpeningBlock.weekday, OpeningBlock.starts, OpeningBlock.ends, OpeningBlock.desks)
    .where(OpeningBlock.location_id == bindparam("location"))
    .order_by(OpeningBlock.weekday, OpeningBlock.starts, OpeningBlock.id)
)
_CHANGE_COLUMNS = ("day", "kind", "starts", "ends", "desks")  # the fields of DayChange, in its order
_CHANGES = (
    select(*(OpeningException.__table__.c[name] for name in _CHANGE_COLUMNS))
    .where(OpeningException.location_id == bindparam("location"), OpeningException.day >= bindparam("since"))
    .order_by(OpeningException.day, OpeningException.id)
)


def product_view(slug: str) -> ProductView | None:
    """The product with this slug (the caller checked its form) and its places, or None."""
    rows = get_session().execute(_PRODUCT, {"slug": slug}).all()
    if not rows:
        return None
    cut = len(PRODUCT_COLUMNS)
    places = tuple(PlaceView(*row[cut:]) for row in rows if row[cut] is not None)
    return ProductView(*rows[0][:cut], locations=places)


def opening_grid(rules: Rules, location_id: int, since: date) -> OpeningGrid:
    """The grid of this place for a product with these rules, valid from `since` on (older exceptions are not
    read). Reads the agenda in the caller's transaction (autoflushed: a pending change counts)."""
    db = get_session()
    blocks = tuple(tuple(row) for row in db.execute(_BLOCKS, {"location": location_id}))
    changes = tuple(tuple(row) for row in db.execute(_CHANGES, {"location": location_id, "since": since}))
    return _grid(rules, blocks, changes)


@lru_cache(maxsize=32)  # a grid per (product rules, place agenda): a handful in practice
def _grid(rules: Rules, blocks: tuple[tuple, ...], changes: tuple[tuple, ...]) -> OpeningGrid:
    week: dict[int, tuple[Window, ...]] = {}
    for weekday, starts, ends, desks in blocks:
        week[weekday] = (*week.get(weekday, ()), Window(starts, ends, desks))
    return OpeningGrid(rules, Schedule(week=week, changes=tuple(DayChange(*row) for row in changes)))


def forget_grids() -> None:
    """Drop the kept grids (a benchmark of computing them; nothing else needs it: a kept grid is never stale)."""
    _grid.cache_clear()
