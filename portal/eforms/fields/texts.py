"""Text-like types: text, textarea, email, phone, postcode and IBAN.

Libraries do the checking where one exists: email-validator (syntax, no DNS), phonenumbers (Dutch and
international numbers), python-stdnum (postcode through the BAG module's normaliser, IBAN).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import iban
from stdnum.exceptions import ValidationError

from portal.eforms.fields.inputs import MAX_INPUT, Input
from portal.integrations.bag import normalise_postcode

# Without a max_length in the definition, a text is at most this long: a 1 MB post is a field error.
DEFAULT_MAX = {False: 500, True: 5000}
PHONE_CHARACTERS = re.compile(r"[0-9+()\-. ]{6,30}")


def _checked_length(inp: Input, value: str, multiline: bool) -> bool:
    maximum = min(int(inp.limit("max_length", DEFAULT_MAX[multiline])), MAX_INPUT)
    if len(value) > maximum:
        inp.fail("max_length", value=maximum)
        return False
    minimum = inp.limit("min_length")
    if minimum is not None and len(value) < minimum:
        inp.fail("min_length", value=int(minimum))
        return False
    words = inp.limit("max_words")
    if words is not None and len(value.split()) > words:
        inp.fail("max_words", value=int(words))
        return False
    return True


@lru_cache(maxsize=256)
def _pattern(regex: str) -> re.Pattern | None:
    try:
        return re.compile(regex)
    except re.error:
        return None


def _matches_pattern(inp: Input, value: str) -> bool:
    given = inp.rule("pattern")
    if not isinstance(given, dict) or not isinstance(given.get("regex"), str):
        return True
    pattern = _pattern(given["regex"])
    if pattern is None or not pattern.fullmatch(value):
        inp.fail("pattern")
        return False
    return True


def parse_text(inp: Input, multiline: bool = False) -> None:
    value = inp.present(multiline)
    if value is not None and _checked_length(inp, value, multiline) and _matches_pattern(inp, value):
        inp.accept(value)


def parse_textarea(inp: Input) -> None:
    parse_text(inp, multiline=True)


def _typed(inp: Input, clean) -> None:
    """A value a library checks: `clean(text)` gives the stored form or None."""
    value = inp.present()
    if value is None:
        return
    cleaned = clean(value) if len(value) <= 320 else None
    if cleaned is None:
        inp.fail("invalid")
    else:
        inp.accept(cleaned)


def clean_email(value: str) -> str | None:
    try:
        # No SMTPUTF8: every mail server on the way must be able to deliver our reply.
        return validate_email(value, check_deliverability=False, allow_smtputf8=False).normalized
    except EmailNotValidError:
        return None


def clean_phone(value: str) -> str | None:
    """E.164 ("+31612345678"); a number without + or 00 is read as Dutch."""
    if not PHONE_CHARACTERS.fullmatch(value):
        return None
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """ "06 12345678" for a Dutch number, "+32 470 12 34 56" for another."""
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        return value
    style = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(number, style.NATIONAL if number.country_code == 31 else style.INTERNATIONAL)


def clean_iban(value: str) -> str | None:
    try:
        return iban.validate(value)
    except ValidationError:
        return None


def format_postcode(value: str) -> str:
    return f"{value[:4]} {value[4:]}" if len(value) == 6 else value


def parse_email(inp: Input) -> None:
    _typed(inp, clean_email)


def parse_phone(inp: Input) -> None:
    _typed(inp, clean_phone)


def parse_postcode(inp: Input) -> None:
    _typed(inp, normalise_postcode)


def parse_iban(inp: Input) -> None:
    _typed(inp, clean_iban)
