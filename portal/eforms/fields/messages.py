"""Error messages: the definition's own B1 message for a rule, else one default per type, written once here.

A definition gives `required: {nl, en}` or `<rule>: {..., message: {nl, en}}`; the messages below are used
when it does not, and for refusals no definition can foresee (a character we cannot store, two answers where
one is asked). They are in Dutch B1 with an English translation in the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from portal.eforms.fields.context import text
from portal.forms import NUL_ERROR

CHOICE_TYPES = ("radios", "select", "checkboxes", "family_member")

# (type, rule) first, then (None, rule).
DEFAULTS = {
    (None, "required"): _l("Vul dit veld in"),
    ("date", "required"): _l("Vul een datum in"),
    ("yes_no", "required"): _l("Kies ja of nee"),
    ("file", "required"): _l("Kies een bestand"),
    ("address_nl", "required"): _l("Vul de postcode en het huisnummer in"),
    ("repeat", "required"): _l("Vul minstens één antwoord in"),
    **{(kind, "required"): _l("Kies een antwoord") for kind in CHOICE_TYPES},
    (None, "invalid"): _l("Vul dit veld in zoals gevraagd"),
    ("number", "invalid"): _l("Vul een getal in, zoals 12 of 2,5"),
    ("money", "invalid"): _l("Vul een bedrag in euro in, zoals 12,50"),
    ("email", "invalid"): _l("Vul een e-mailadres in zoals naam@voorbeeld.nl"),
    ("phone", "invalid"): _l("Vul een telefoonnummer in zoals 06 12345678"),
    ("postcode", "invalid"): _l("Vul een postcode in zoals 1234 AB"),
    ("iban", "invalid"): _l("Vul een IBAN in zoals NL91 ABNA 0417 1643 00"),
    ("date", "invalid"): _l("Vul een echte datum in, met dag, maand en jaar"),
    ("address_nl", "invalid"): _l("Vul een postcode in zoals 1234 AB en een huisnummer zoals 12"),
    **{(kind, "invalid"): _l("Kies een van de antwoorden die er staan") for kind in ("yes_no", *CHOICE_TYPES)},
    (None, "max_length"): _l("Gebruik hoogstens %(value)s tekens"),
    (None, "min_length"): _l("Gebruik minstens %(value)s tekens"),
    (None, "max_words"): _l("Gebruik hoogstens %(value)s woorden"),
    (None, "pattern"): _l("Vul dit veld in zoals gevraagd"),
    (None, "integer"): _l("Vul een heel getal in, zonder komma"),
    (None, "min"): _l("Vul een getal in van %(value)s of meer"),
    (None, "max"): _l("Vul een getal in van %(value)s of minder"),
    ("money", "min"): _l("Vul een bedrag in van %(value)s of meer"),
    ("money", "max"): _l("Vul een bedrag in van %(value)s of minder"),
    (None, "after"): _l("Vul een datum in na %(value)s"),
    (None, "before"): _l("Vul een datum in voor %(value)s"),
    (None, "max_size_mb"): _l("Het bestand is groter dan %(value)s MB. Kies een kleiner bestand."),
    (None, "file_types"): _l("Dit soort bestand kunnen we niet gebruiken. Kies een %(value)s."),
    (None, "empty_file"): _l("Het bestand is leeg. Kies een ander bestand."),
    (None, "not_a_file"): _l("Kies een bestand op uw apparaat"),
    (None, "unsafe"): NUL_ERROR,
    (None, "one_value"): _l("Geef hier één antwoord"),
    (None, "wrong_type"): _l("Vul dit veld opnieuw in"),
    (None, "too_many"): _l("U kunt hoogstens %(value)s keer iets toevoegen"),
    (None, "street"): _l("Vul de straat in"),
    (None, "town"): _l("Vul de plaats in"),
    (None, "choose_address"): _l("Kies uw adres uit de lijst"),
    (None, "house_letter"): _l("Vul bij huisletter één letter in, zoals A"),
    (None, "addition"): _l("Vul bij toevoeging hoogstens 4 letters of cijfers in"),
}


def translate(message, lang: str, **params) -> str:
    """A Babel message (lazy or not) in `lang`, with its %(name)s parameters filled in."""
    if str(get_locale()) == lang:  # the usual case: no need to switch catalogues
        result = str(message)
    else:
        with force_locale(lang):
            result = str(message)
    return result % params if params else result


def default(kind: str | None, rule: str):
    return DEFAULTS.get((kind, rule)) or DEFAULTS[(None, rule)]


def message(field: Mapping, rule: str, lang: str, **params) -> str:
    """The message of a failed rule: the definition's own when it has one, else the default for its type."""
    rules = field.get("validate")
    given = rules.get(rule) if isinstance(rules, Mapping) else None
    if rule == "required" and isinstance(given, Mapping):
        return text(given, lang)
    if isinstance(given, Mapping) and isinstance(given.get("message"), Mapping):
        return text(given["message"], lang)
    return translate(default(field.get("type"), rule), lang, **params)
