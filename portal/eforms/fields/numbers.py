"""Numbers and amounts as people type them: "1.000", "12,5", "2.5", "€ 12", "12,50", "12,-".

A comma is the decimal sign (Dutch). A point is one too ("2.5"), unless it groups thousands ("1.000",
"12.500.000"). With both, the last one is the decimal sign ("1.000,50", "1,000.50"). A number is stored as an
int when it is whole, else as a float; an amount as whole cents (int).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal

from portal.eforms.fields.inputs import Input

NUMBER = re.compile(r"[+-]?[0-9][0-9.,]*")
THOUSANDS = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
COMMA_THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")
CURRENCY = re.compile(r"^(€|eur|euro)\s*|\s*(€|eur|euro)$", re.IGNORECASE)


def read_decimal(value: str, comma_groups: bool = False) -> Decimal | None:
    """`comma_groups` (an English page): "1,000" is a thousand. On a Dutch page it is 1 (a number) or refused
    (an amount has at most 2 decimals): never a thousand times what the resident meant."""
    text = value.replace(" ", "").replace("\u00a0", "")
    if comma_groups and COMMA_THOUSANDS.fullmatch(text.lstrip("+-")):
        text = text.replace(",", "")
    if len(text) > 30 or not NUMBER.fullmatch(text):
        return None
    sign, digits = ("-", text[1:]) if text[0] == "-" else ("", text.lstrip("+"))
    if "," in digits and "." in digits:
        grouping, decimal_sign = (".", ",") if digits.rfind(",") > digits.rfind(".") else (",", ".")
        digits = digits.replace(grouping, "").replace(decimal_sign, ".")
    elif THOUSANDS.fullmatch(digits):
        digits = digits.replace(".", "")
    else:
        digits = digits.replace(",", ".")
    if digits.count(".") > 1 or digits.endswith("."):
        return None
    try:
        return Decimal(sign + digits)
    except InvalidOperation:
        return None


def as_json_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _bounds(inp: Input, number: Decimal, shown) -> bool:
    """The definition's min and max; `shown` formats a bound for the default message."""
    for rule, too_far in (("min", lambda limit: number < limit), ("max", lambda limit: number > limit)):
        limit = inp.limit(rule)
        if limit is not None and too_far(Decimal(str(limit))):
            inp.fail(rule, value=shown(limit))
            return False
    return True


def parse_number(inp: Input) -> None:
    value = inp.present()
    if value is None:
        return
    number = read_decimal(value, comma_groups=inp.ctx.lang != "nl")
    if number is None:
        return inp.fail("invalid")
    if inp.rule("integer") is not None and number != number.to_integral_value():
        return inp.fail("integer")
    if _bounds(inp, number, lambda limit: format_decimal(limit, locale=inp.ctx.lang)):
        inp.accept(as_json_number(number))


def parse_money(inp: Input) -> None:
    value = inp.present()
    if value is None:
        return
    value = CURRENCY.sub("", value)
    value = value[:-2] if value.endswith((",-", ".-")) else value
    amount = read_decimal(value, comma_groups=inp.ctx.lang != "nl")
    if amount is None or amount.as_tuple().exponent < -2:
        return inp.fail("invalid")
    if _bounds(inp, amount, lambda limit: format_money(round(limit * 100), inp.ctx.lang)):
        inp.accept(int(amount * 100))


def format_money(cents: int, lang: str) -> str:
    """ "€ 12,50" (nl), "€12.50" (en)."""
    return format_currency(Decimal(cents) / 100, "EUR", locale=lang)


def format_number(number: int | float, lang: str, grouped: bool = True) -> str:
    """ "1.000,5" (nl) / "1,000.5" (en); `grouped=False` for an input's value ("1000,5"), read back the same."""
    return format_decimal(number, locale=lang, group_separator=grouped)
