"""One-time form tokens: claimed in the request's transaction, so they are stored exactly with the work."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from portal.db import get_session, utcnow
from portal.models.submissions import UsedFormToken


def earlier_use(key: str) -> UsedFormToken | None:
    return get_session().get(UsedFormToken, key, populate_existing=True)


def claim(key: str) -> UsedFormToken | None:
    """Claim the token; None when it is ours now, else the earlier use. Of two requests at once, the second
    insert waits for the first transaction (PostgreSQL: the unique key; SQLite: the write lock) and then
    fails, so it sees what the first one stored."""
    db = get_session()
    earlier = earlier_use(key)
    if earlier is not None:
        return earlier
    try:
        with db.begin_nested():  # a SAVEPOINT: the failed insert does not undo the request's other work
            db.add(UsedFormToken(key=key))
    except IntegrityError:
        return earlier_use(key)
    return None


def purge_used(older_than: timedelta) -> int:
    """Forget tokens of forms that can no longer be sent again (their session has ended). Does not commit."""
    return get_session().execute(delete(UsedFormToken).where(UsedFormToken.used_at < utcnow() - older_than)).rowcount


def remember_result(key: str, url: str, message: str) -> None:
    row = get_session().get(UsedFormToken, key)
    row.result_url, row.message = url[:500], message[:500]
