from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class UsedFormToken(Base):
    """A form's one-time token, stored in the same transaction as what the form did (portal/once.py).

    `key` is the SHA-256 of who submitted and the token, so another person's copy of a form is not a repeat;
    its uniqueness is what makes the second of two identical POSTs a repeat. `result_url` and `message` are
    what the first one showed, so a repeat shows them too.
    """

    __tablename__ = "used_form_token"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    result_url: Mapped[str] = mapped_column(String(500), default="")
    message: Mapped[str] = mapped_column(String(500), default="")
