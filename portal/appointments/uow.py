"""Commit the request's work before the response is finished, once, outside the views.

The server-side session is saved while the response is processed, on its own connection. On SQLite, a
request that still holds an uncommitted write would then wait for itself (the session store waits for the
write lock this request holds) until `busy_timeout`. Committing in an after-request hook keeps "views never
commit; the request commits once at its end" and comes before the session is saved. When the shared unit of
work (issue 7) commits at the same point for every request, this module can go.
"""

from __future__ import annotations

from functools import wraps

from flask import Response, after_this_request, g


def commit_request(response: Response) -> Response:
    session = g.get("db_session")
    if session is not None and response.status_code < 500:
        session.commit()
    return response


def commits_before_response(view):
    """For views on a blueprint that is not ours (the staff agenda on the staff blueprint)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        after_this_request(commit_request)
        return view(*args, **kwargs)

    return wrapper
