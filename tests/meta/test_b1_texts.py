"""Every resident-facing Dutch string (templates, Python, including the mock DigiD pages) passes the B1 check."""

from portal.b1 import check
from tests.meta.test_translations import source_messages

# Proper names and addresses: not sentences a resident has to understand.
ALLOWED = {"Gemeentehuis, Marktplein 1, 1234 AB Voorbeeld"}


def test_every_resident_facing_string_is_b1():
    failures = []
    for text in sorted(source_messages() - ALLOWED):
        report = check(text)
        if not report.passed:
            failures.append(f"{text!r}: {'; '.join(report.problems)}")
    assert not failures, "Not B1:\n" + "\n".join(failures)
