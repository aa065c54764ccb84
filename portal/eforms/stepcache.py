"""A step page of a resident's own draft, served again from the page cache while nothing it shows has changed.

The step GET goes through `personal_page` (portal/pagecache.py): the key holds the session and the path (draft id,
step id, `?wijzig=1`), and the page is served only while the resident's versions (portal/queries/versions.py) are
those it was rendered at. Every write of the draft changes them: an autosave, a post from another tab or another
device (the same resident), a submit, the scheduled cleanup that deletes it. What no write tells, this module
checks before the cache is asked:
- time: a draft past its `expires_at` is refused (flow.load), so a page kept from before that moment is not
  served after it;
- a form without login: its writes do not mark the request as the resident's (`g.resident_sub`), so their versions
  would not change; such a step is never cached, nor a visitor's, nor a preview.
Only drafts this process has shown a page of are known (`note`, called by flow.load); any other step GET goes to
the view, which notes the draft, so its next GET may be kept. Forgetting a draft only costs a render.
"""

from __future__ import annotations

from functools import wraps

from flask import current_app, g, request, session
from flask_login import current_user

from portal.db import utcnow
from portal.eforms import access
from portal.pagecache import personal_page
from portal.security import mark_personal

KNOWN = "eform_step_drafts"
LIMIT = 10_000  # drafts noted per process; when full the list starts again (the next GETs render once)


def init_app(app) -> None:
    app.extensions[KNOWN] = {}


def note(form, draft) -> None:
    """Remember until when this draft's step pages may be served from the cache (see the module docstring).
    Only a GET notes: a POST never comes from the cache, and the GET after it notes the draft."""
    known = current_app.extensions.get(KNOWN)
    if known is None or request.method != "GET" or form.preview or draft.submitted_at is not None:
        return
    if access.needed_level(form.definition) is None or draft.owner != access.resident_owner():
        return
    if len(known) >= LIMIT:
        known.clear()
    known[draft.public_id] = draft.expires_at


def _servable(draft_id: str) -> bool:
    expires_at = current_app.extensions.get(KNOWN, {}).get(draft_id)
    return (
        expires_at is not None
        and utcnow() < expires_at
        and bool(session.get("resident"))
        and current_user.is_authenticated
    )


def cached_step(view):
    """The step view; its GET from the page cache when the draft is known and still open."""
    cached = personal_page(view)

    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.method != "GET" or not _servable(kwargs.get("draft_id", "")):
            return view(*args, **kwargs)
        mark_personal()  # what flow.load's login gate does, also when the page comes from the cache
        g.resident_sub = current_user.sub
        return cached(*args, **kwargs)

    return wrapper
