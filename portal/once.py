"""A POST that is stored once, however often it arrives (a double click, a retry, the back button).

Every form that changes something is an `OnceForm` (portal/forms.py): it carries a hidden one-time token.
The view asks `repeated(form)` first, and does its work through `submit(form, act)`:

    form = MessageForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat                      # the first one's result, nothing stored again
    if not form.validate_on_submit():
        return render_template(..., form=form), 400
    return once.submit(form, lambda: (url_for(...), _("Uw bericht is verstuurd.")))

`submit` claims the token in the request's unit of work, runs `act` (which stores the work and returns
where to go and what to say), and remembers both with the token. A repeat redirects there and says the same.
The token is bound to whoever is logged in, so a copy of someone else's form is not a repeat of theirs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from flask import flash, redirect, session

from portal.forms import OnceForm
from portal.queries import submissions

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _key(form: OnceForm) -> str | None:
    token = form.once_token.data or ""
    if not TOKEN.fullmatch(token):
        return None  # no usable token (a client that sends none): the POST is handled, just not de-duplicated
    who = (session.get("resident") or session.get("staff") or {}).get("sub", "")
    return hashlib.sha256(f"{who}\n{token}".encode()).hexdigest()


def _show(url: str, message: str):
    if message:
        flash(message)
    return redirect(url)


def repeated(form: OnceForm):
    """The response of the first submission of this form, or None when it was not submitted before."""
    key = _key(form) if form.is_submitted() else None
    earlier = submissions.earlier_use(key) if key else None
    return _show(earlier.result_url, earlier.message) if earlier is not None else None


def submit(form: OnceForm, act: Callable[[], tuple[str, str]]):
    key = _key(form)
    if key is not None and (earlier := submissions.claim(key)) is not None:
        return _show(earlier.result_url, earlier.message)
    url, message = act()
    if key is not None:
        submissions.remember_result(key, url, message)
    return _show(url, message)
