"""The base of every form: characters we cannot store are a field error, and a one-time token per form.

`PortalForm` refuses a NUL character (PostgreSQL cannot store it in text) in any field, file names included,
with a B1 error on that field; what was typed stays in the field. `OnceForm` adds a hidden one-time token,
so that a double-clicked or retried POST is stored once (see portal/once.py).
"""

from __future__ import annotations

import secrets

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms import HiddenField

NUL = "\x00"
HIDDEN = frozenset({"HiddenField", "CSRFTokenField"})  # a NUL there fails their own check (token, CSRF)
NUL_ERROR = _l("Dit veld bevat een teken dat we niet kunnen opslaan. Haal het weg en probeer het opnieuw.")


def _has_nul(value) -> bool:
    if isinstance(value, FileStorage):
        return NUL in (value.filename or "")
    return isinstance(value, str) and NUL in value


class PortalForm(FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        refused = [
            field
            for field in self
            if field.type not in HIDDEN and any(_has_nul(value) for value in field.raw_data or ())
        ]
        for field in refused:  # this error only: the field's other checks ran on a value we will not keep
            field.errors = [NUL_ERROR]
        return valid and not refused


class OnceForm(PortalForm):
    """A form whose POST is stored once: render its token with `csrf(form)` and submit with portal.once."""

    once_token = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.once_token.data:
            self.once_token.data = secrets.token_urlsafe(18)
            if has_request_context():  # the page cache gives every served copy its own (portal/pagecache.py)
                g.setdefault("once_tokens", []).append(self.once_token.data)
