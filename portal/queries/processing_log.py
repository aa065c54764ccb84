"""The processing log (Logboek Dataverwerkingen): who read which personal data, why and when."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from flask import current_app, g

from portal.db import side_transaction
from portal.models.processing_log import ProcessingLogEntry


def pseudonym(bsn: str) -> str:
    """A stable pseudonym for a subject: HMAC-SHA256 with a secret key, so the log holds no BSN."""
    key = current_app.config["PSEUDONYM_KEY"].encode()
    return hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest()


def record_read(
    *,
    actor: str,
    bsn: str,
    activity: str,
    purpose: str,
    fields: Sequence[str],
    outcome: str,
    actor_type: str = "resident",
) -> None:
    """Written in its own short transaction (portal.db.side_transaction): the read happened, so the record
    stays even when the request fails later, and the request's own work (and its row locks) go on untouched."""
    entry = ProcessingLogEntry(
        actor=actor,
        actor_type=actor_type,
        subject_pseudonym=pseudonym(bsn),
        activity=activity,
        purpose=purpose,
        data_categories=",".join(fields)[:512],
        outcome=outcome,
        request_id=g.get("request_id", ""),
    )
    side_transaction(lambda db: db.add(entry))
