"""One parser per field type: the posted inputs → the stored answer, or `Refused` with the check that failed.

Part of the runner-side stand-in for the `fields` package (see portal/eforms/fields/__init__.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from stdnum import iban
from stdnum.nl import postcode as nl_postcode

from portal.cases.uploads import UploadRefused, check_upload
from portal.eforms.texts import options

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{8,18}$")
MAX_INPUT = 10_000  # longer than any field allows: cut before checking, so a huge post costs nothing
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "januari", "january"),
            ("feb", "februari", "february"),
            ("mrt", "maart", "march", "mar"),
            ("apr", "april"),
            ("mei", "may"),
            ("jun", "juni", "june"),
            ("jul", "juli", "july"),
            ("aug", "augustus", "august"),
            ("sep", "sept", "september"),
            ("okt", "oktober", "oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class Refused(ValueError):
    def __init__(self, check: str, raw: dict, input_name: str | None = None, fallback: str = ""):
        super().__init__(check)
        self.check, self.raw, self.input_name, self.fallback = check, raw, input_name, fallback


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _posted(formdata, name: str) -> str:
    value = formdata.get(name, "")
    return value[:MAX_INPUT] if isinstance(value, str) else ""


def _clean(item: Mapping, name: str, formdata) -> tuple[str, dict]:
    raw = _posted(formdata, name)
    if any(unicodedata.category(char) == "Cc" and char not in "\n\r\t" for char in raw):
        raise Refused("characters", {name: raw}, name, _("Haal de tekens weg die we niet kunnen opslaan."))
    return raw.strip(), {name: raw}


def _rule(item: Mapping, check: str):
    rule = (item.get("validate") or {}).get(check)
    return rule.get("value") if isinstance(rule, Mapping) else None


def _lengths(item: Mapping, text: str, raw: dict) -> None:
    longest, shortest = _rule(item, "max_length"), _rule(item, "min_length")
    if longest is not None and len(text) > longest:
        raise Refused("max_length", raw, item["id"], _("Uw antwoord is te lang."))
    if shortest is not None and text and len(text) < shortest:
        raise Refused("min_length", raw, item["id"], _("Uw antwoord is te kort."))
    rule = (item.get("validate") or {}).get("pattern")
    if text and isinstance(rule, Mapping) and not re.fullmatch(rule["regex"], text):
        raise Refused("pattern", raw, item["id"])


def text(item, formdata, _files, _ctx):
    value, raw = _clean(item, item["id"], formdata)
    _lengths(item, value, raw)
    return value, raw, None


def _matching(pattern: re.Pattern, normal=lambda value: value):
    def parse(item, formdata, _files, _ctx):
        value, raw = _clean(item, item["id"], formdata)
        if value and not pattern.fullmatch(normal(value)):
            raise Refused("invalid", raw, item["id"], _("Controleer wat u heeft ingevuld."))
        _lengths(item, value, raw)
        return normal(value) if value else "", raw, None

    return parse


def postcode(item, formdata, _files, _ctx):
    value, raw = _clean(item, item["id"], formdata)
    if value and not nl_postcode.is_valid(value):
        raise Refused("invalid", raw, item["id"], _("Vul een postcode in zoals 1234 AB."))
    return nl_postcode.compact(value) if value else "", raw, None


def iban_field(item, formdata, _files, _ctx):
    value, raw = _clean(item, item["id"], formdata)
    if value and not iban.is_valid(value):
        raise Refused("invalid", raw, item["id"], _("Vul een IBAN in zoals NL91 ABNA 0417 1643 00."))
    return iban.compact(value) if value else "", raw, None


def number(item, formdata, _files, _ctx):
    value, raw = _clean(item, item["id"], formdata)
    if not value:
        return None, raw, None
    try:
        amount = Decimal(value.replace(",", ".")) if item["type"] == "money" else Decimal(int(value))
    except (InvalidOperation, ValueError):
        raise Refused("invalid", raw, item["id"], _("Vul een getal in.")) from None
    if not amount.is_finite():
        raise Refused("invalid", raw, item["id"], _("Vul een getal in."))
    lowest, highest = _rule(item, "min"), _rule(item, "max")
    if lowest is not None and amount < lowest:
        raise Refused("min", raw, item["id"], _("Vul een hoger getal in."))
    if highest is not None and amount > highest:
        raise Refused("max", raw, item["id"], _("Vul een lager getal in."))
    return (f"{amount:.2f}" if item["type"] == "money" else int(amount)), raw, None


def choice(item, formdata, _files, _ctx):
    value, raw = _clean(item, item["id"], formdata)
    allowed = {option["value"] for option in options(item)}
    if value and value not in allowed:
        raise Refused("invalid", raw, item["id"], _("Kies een van de antwoorden."))
    return value, raw, None


def checkboxes(item, formdata, _files, _ctx):
    chosen = [value[:200] for value in formdata.getlist(item["id"])] if hasattr(formdata, "getlist") else []
    raw = {item["id"]: "\n".join(chosen)}
    allowed = [option["value"] for option in options(item)]
    if any(value not in allowed for value in chosen):
        raise Refused("invalid", raw, item["id"], _("Kies een van de antwoorden."))
    return [value for value in allowed if value in chosen], raw, None


def yes_no(item, formdata, _files, _ctx):
    value, raw = _clean(item, item["id"], formdata)
    if value not in ("", "ja", "nee"):
        raise Refused("invalid", raw, item["id"], _("Kies ja of nee."))
    return {"ja": True, "nee": False}.get(value), raw, None


def _relative_day(value: str, today: date) -> date:
    if value.startswith("today"):
        rest = value[5:]
        return today + timedelta(days=int(rest[:-1])) if rest else today
    return date.fromisoformat(value)


def _date_bounds(item: Mapping, day: date, today: date, raw: dict) -> None:
    for check in ("after", "before"):
        rule = (item.get("validate") or {}).get(check)
        if not isinstance(rule, Mapping):
            continue
        bound = _relative_day(str(rule["value"]), today)
        inclusive = rule.get("inclusive", False)
        wrong = (
            (day < bound or (day == bound and not inclusive))
            if check == "after"
            else (day > bound or (day == bound and not inclusive))
        )
        if wrong:
            raise Refused(check, raw, item["id"] + "-dag")


def date_field(item, formdata, _files, ctx):
    parts = {part: _posted(formdata, f"{item['id']}-{part}").strip() for part in ("dag", "maand", "jaar")}
    raw = {f"{item['id']}-{part}": value for part, value in parts.items()}
    if not any(parts.values()):
        return "", raw, None
    month = MONTHS.get(parts["maand"].lower().rstrip("."), parts["maand"])
    try:
        day = date(int(parts["jaar"]), int(month), int(parts["dag"]))
    except (ValueError, OverflowError):
        raise Refused("invalid", raw, item["id"] + "-dag", _("Vul een echte datum in.")) from None
    _date_bounds(item, day, ctx.today, raw)
    return day.isoformat(), raw, None


def address(item, formdata, _files, _ctx):
    names = {part: f"{item['id']}-{part}" for part in ("postcode", "huisnummer", "toevoeging")}
    raw = {name: _posted(formdata, name) for name in names.values()}
    code, house, extra = (raw[names[part]].strip() for part in ("postcode", "huisnummer", "toevoeging"))
    if not (code or house):
        return {}, raw, None
    if not nl_postcode.is_valid(code) or not house.isdigit() or len(house) > 5 or len(extra) > 6:
        raise Refused("invalid", raw, names["postcode"], _("Vul een postcode en een huisnummer in."))
    return {"postcode": nl_postcode.compact(code), "huisnummer": int(house), "toevoeging": extra.upper()}, raw, None


def family_names(item: Mapping, prefill: Mapping) -> list[str]:
    """The resident's own partner and children in the prefill snapshot (never from the POST)."""
    brp = (prefill or {}).get("brp") or {}
    people = [person for key in item.get("family", []) for person in brp.get(key, []) or []]
    return [name for person in people if (name := str((person.get("naam") or {}).get("volledigeNaam") or ""))]


def family(item, formdata, _files, ctx):
    names = family_names(item, ctx.prefill)
    chosen = formdata.getlist(item["id"]) if hasattr(formdata, "getlist") else []
    raw = {item["id"]: "\n".join(value[:200] for value in chosen)}
    if any(value not in names for value in chosen):
        raise Refused("invalid", raw, item["id"], _("Kies een van de antwoorden."))
    return [name for name in names if name in chosen], raw, None


def upload(item, _formdata, files, _ctx):
    given = files.get(item["id"]) if files else None
    if given is None or not given.filename:
        return None, {}, None
    try:
        checked = check_upload(given, int((_rule(item, "max_size_mb") or 10) * 1024 * 1024))
    except UploadRefused as refused:
        check = "max_size_mb" if refused.code == "too_large" else "file_types"
        raise Refused(check, {}, item["id"], _("Kies een ander bestand.")) from None
    meta = {"filename": checked.filename, "size": checked.size, "content_type": checked.content_type}
    return meta, {}, {"filename": checked.filename, "content_type": checked.content_type, "content": checked.content}


PARSERS = {
    "text": text,
    "textarea": text,
    "email": _matching(EMAIL),
    "phone": _matching(PHONE),
    "postcode": postcode,
    "iban": iban_field,
    "number": number,
    "money": number,
    "radios": choice,
    "select": choice,
    "checkboxes": checkboxes,
    "yes_no": yes_no,
    "date": date_field,
    "address_nl": address,
    "family_member": family,
    "file": upload,
}
