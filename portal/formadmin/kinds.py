"""The words staff see for the parts of a form definition: question types, prefill sources, operators.

Shared by the builder (what can be chosen) and the summary (what a definition says, in plain words).
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from flask_babel import lazy_gettext as _l

from portal.config import ROOT
from portal.formdefs.semantics import CASETYPES_DIR

# The question types the builder offers, in the order of the list, with their plain Dutch names.
BUILDER_KINDS = {
    "text": _l("Korte tekst"),
    "textarea": _l("Lange tekst"),
    "yes_no": _l("Ja of nee"),
    "radios": _l("Eén keuze uit een lijst"),
    "checkboxes": _l("Meer keuzes uit een lijst"),
    "select": _l("Eén keuze uit een uitklaplijst"),
    "date": _l("Datum"),
    "address_nl": _l("Adres"),
    "postcode": _l("Postcode"),
    "number": _l("Getal"),
    "money": _l("Bedrag in euro"),
    "email": _l("E-mailadres"),
    "phone": _l("Telefoonnummer"),
    "iban": _l("Rekeningnummer (IBAN)"),
    "file": _l("Bestand sturen"),
}
# Types a definition may hold that only the YAML editor makes: the summary still names them.
OTHER_KINDS = {
    "family_member": _l("Iemand uit het gezin (uit de BRP)"),
    "display": _l("Gegeven uit de BRP (alleen tonen)"),
    "content": _l("Uitleg (geen vraag)"),
    "repeat": _l("Groep vragen die vaker kan"),
}
KIND_HINTS = {
    "text": _l("Voor een naam of een kort antwoord."),
    "textarea": _l("Voor een uitleg in een paar zinnen."),
    "yes_no": _l("De inwoner kiest ja of nee."),
    "radios": _l("De inwoner kiest één antwoord."),
    "checkboxes": _l("De inwoner kiest één of meer antwoorden."),
    "select": _l("Voor een lange lijst met antwoorden."),
    "date": _l("Dag, maand en jaar."),
    "address_nl": _l("Postcode en huisnummer. Wij zoeken de straat op."),
}
CHOICE_KINDS = frozenset({"radios", "checkboxes", "select"})
# Questions a route can look at: their answers are known values.
ROUTE_KINDS = frozenset({"yes_no", "radios", "select", "checkboxes"})

# BRP fields by their plain name (Haal Centraal field paths), and the contact details we hold.
PREFILL_CHOICES = {
    "brp": {
        "brp.naam.volledigeNaam": _l("Naam (uit de BRP)"),
        "brp.naam.voornamen": _l("Voornamen (uit de BRP)"),
        "brp.naam.geslachtsnaam": _l("Achternaam (uit de BRP)"),
        "brp.geboorte.datum.datum": _l("Geboortedatum (uit de BRP)"),
        "brp.adressering.adresregel1": _l("Straat en huisnummer (uit de BRP)"),
        "brp.adressering.adresregel2": _l("Postcode en woonplaats (uit de BRP)"),
    },
    "contact": {
        "contact.email": _l("E-mailadres (uit Mijn gegevens)"),
        "contact.phone": _l("Telefoonnummer (uit Mijn gegevens)"),
    },
}

OUTCOME_TYPES = {
    "order": _l("Bestelling: het werk begint meteen"),
    "case": _l("Aanvraag: daarna volgt een gesprek of een belletje"),
}
HAND_OFFS = {"appointment": _l("Een afspraak maken"), "callback": _l("Laten terugbellen")}


def kind_name(kind: str) -> str:
    return str(BUILDER_KINDS.get(kind) or OTHER_KINDS.get(kind) or kind)


def prefill_choices(definition: dict) -> dict[str, str]:
    """The prefill bindings this form may use: only from the sources it lists."""
    choices: dict[str, str] = {}
    for source in definition.get("prefill_sources", ()):
        choices.update({key: str(label) for key, label in PREFILL_CHOICES.get(source, {}).items()})
    return choices


def prefill_name(binding: str) -> str:
    for choices in PREFILL_CHOICES.values():
        if binding in choices:
            return str(choices[binding])
    return binding


@lru_cache(maxsize=1)
def casetype_names() -> dict[str, str]:
    """identificatie -> Dutch name of every case type in casetypes/ (the list to choose a zaaktype from)."""
    names = {}
    for path in sorted(CASETYPES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("identificatie"), str):
            description = data.get("omschrijving")
            name = description.get("nl") if isinstance(description, dict) else description
            names[data["identificatie"]] = str(name or data["identificatie"])
    return names


@lru_cache(maxsize=1)
def appointment_products() -> dict[str, str]:
    """slug -> Dutch name of every kind of appointment in scheduling/ (for a hand-off to an appointment)."""
    products = {}
    for path in sorted((ROOT / "scheduling").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for product in (data or {}).get("products", ()):
            products[product["slug"]] = str(product.get("name") or product["slug"])
    return products
