"""Reports from residents that something in the BRP is wrong."""

from __future__ import annotations

import secrets

from portal.db import get_session
from portal.models.reports import DataCorrectionReport

# No I, O, Q, Z (or 0/1 look-alikes) so a reference can be read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPRSTUVWXY"


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def create_correction_report(*, resident_sub: str, bsn: str, topic: str, explanation: str) -> str:
    db = get_session()
    report = DataCorrectionReport(
        reference=new_reference("MG"), resident_sub=resident_sub, bsn=bsn, topic=topic, explanation=explanation.strip()
    )
    db.add(report)
    db.flush()
    return report.reference
