"""Of the requests that loaded the same session at the same last-seen moment, only the first writes a new one."""

from datetime import datetime, timedelta

from portal.sessions import PortalSession, _first_touch


def test_only_the_first_request_with_the_same_last_seen_moment_touches_the_session():
    seen = datetime(2026, 12, 1, 12, 0, 0)
    now = seen + timedelta(seconds=31)
    first, second = PortalSession(token="t-1", last_seen_at=seen), PortalSession(token="t-1", last_seen_at=seen)
    assert _first_touch(first, now) is True
    assert _first_touch(second, now) is False
    later = PortalSession(token="t-1", last_seen_at=now)  # loaded after the touch: its own next touch is due later
    assert _first_touch(later, now + timedelta(seconds=31)) is True
    assert _first_touch(PortalSession(token="t-2", last_seen_at=seen), now) is True  # another session
