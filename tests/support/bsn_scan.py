"""After the suite: no BSN (a 9-digit number that passes the 11-check) in any log line or URL.

Log records are captured *before* the portal's own redaction filter, so this checks that the code
never logs a BSN in the first place, rather than that the safety net works.
"""

from __future__ import annotations

import logging
import re

from stdnum.nl import bsn as bsn_check

# Nine digits on their own: not inside a longer run of digits or letters, so the digits of a random
# UUID such as a concept's public id ("…-189882529d49") are not taken for a BSN.
_NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")
_SKIP = set(vars(logging.LogRecord("", 0, "", 0, "", (), None)))


class RawLogCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def addFilter(self, filter) -> None:
        """Refuse the portal's RedactingFilter (portal.logs installs one on every root handler): this
        collector must see records as the code wrote them. It is the first root handler, so it sees them
        before the portal's handler redacts them in place."""

    def emit(self, record: logging.LogRecord) -> None:
        extras = {key: value for key, value in vars(record).items() if key not in _SKIP}
        self.lines.append(f"{record.name} {record.getMessage()} {extras}")


def find_bsns(texts) -> list[str]:
    found = []
    for text in texts:
        for match in _NINE_DIGITS.findall(text or ""):
            if bsn_check.is_valid(match):
                found.append(f"{match[:2]}…{match[-2:]} in: {text[:160]}")
    return found
