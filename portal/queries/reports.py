"""Public references (ZK-7K4M-9Q2X). A resident's "klopt niet" report is a case now: portal/cases/correction.py."""

from __future__ import annotations

import secrets

# No I, O, Q, Z (or 0/1 look-alikes) so a reference can be read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPRSTUVWXY"


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"
