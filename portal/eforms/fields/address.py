"""A Dutch address: postcode + house number (+ letter, addition); the street and town come from the BAG.

Inputs: <name>-postcode, -huisnummer, -huisletter, -toevoeging; then, depending on the BAG's answer,
-adres (the key of the address the resident confirms or chooses), -gekozen (hidden: for which postcode and
number a choice was offered), -straat and -woonplaats (typed by the resident when the BAG has no answer).

Every POST looks the address up again: what the BAG said is never read back from the form, only the key of
an address it gives now. One match is shown as a fact and waits for the resident (`pending`) until a POST
carries its key; several become a choice; none, or the BAG down, lets the resident type street and town.
The answer: {postcode, huisnummer, huisletter, toevoeging, straat, woonplaats, bron: "bag"|"bewoner",
nummeraanduiding}. While pending, the value is {status: found|several|manual, reason, matches: [...], ...}.
"""

from __future__ import annotations

import logging

from portal.eforms.fields.inputs import Input
from portal.eforms.fields.texts import format_postcode
from portal.integrations.bag import (
    ADDITION,
    LETTER,
    Address,
    BagResult,
    _normalise_part,
    normalise_house_number,
    normalise_postcode,
)

logger = logging.getLogger("portal.eforms")
PARTS = ("postcode", "huisnummer", "huisletter", "toevoeging")
CHOICE = ("adres", "gekozen", "straat", "woonplaats")
MAX_TYPED = 100
MAX_PART = 20


def address_line(value: dict) -> str:
    """ "Laan van Nieuw-O-Indië 264A-2, 2252 EB 's-Gravenhage"."""
    number = f"{value.get('huisnummer', '')}{value.get('huisletter', '')}"
    if value.get("toevoeging"):
        number += f"-{value['toevoeging']}"
    street = f"{value.get('straat', '')} {number}".strip()
    town = f"{format_postcode(str(value.get('postcode', '')))} {value.get('woonplaats', '')}".strip()
    return ", ".join(part for part in (street, town) if part)


def _query(inp: Input, typed: dict) -> dict | None:
    """The normalised parts, or None after an error on the part that is wrong."""
    typed = {part: value if len(value) <= MAX_PART else "!" for part, value in typed.items()}  # never 1 MB to stdnum
    query = {
        "postcode": normalise_postcode(typed["postcode"]),
        "huisnummer": normalise_house_number(typed["huisnummer"]),
        "huisletter": _normalise_part(typed["huisletter"], LETTER),
        "toevoeging": _normalise_part(typed["toevoeging"], ADDITION),
    }
    rules = {"postcode": "invalid", "huisnummer": "invalid", "huisletter": "house_letter", "toevoeging": "addition"}
    for part, rule in rules.items():
        if query[part] is None:
            inp.fail(rule, f"{inp.name}-{part}")
    if any(value is None for value in query.values()):
        return None
    query["huisletter"] = query["huisletter"].upper()
    return query


def _lookup(inp: Input, query: dict) -> BagResult:
    if inp.ctx.bag is None:
        return BagResult("unavailable")
    try:
        return inp.ctx.bag.lookup(query["postcode"], query["huisnummer"], query["huisletter"], query["toevoeging"])
    except Exception:  # a client should be total; if one is not, the resident types street and town
        logger.exception("BAG client failed", extra={"event": "eforms.bag_failed"})
        return BagResult("unavailable")


def _key(address: Address, number: int) -> str:
    return address.nummeraanduiding or str(number)


def _answer(address: Address, key: str) -> dict:
    return {
        "postcode": address.postcode,
        "huisnummer": address.huisnummer,
        "huisletter": address.huisletter,
        "toevoeging": address.toevoeging,
        "straat": address.straat,
        "woonplaats": address.woonplaats,
        "bron": "bag",
        "nummeraanduiding": key,
    }


def offered_for(query: dict) -> str:
    """What the hidden -gekozen input holds: the address a choice was offered for."""
    return "-".join(str(query[part]) for part in PARTS)


def _choose(inp: Input, query: dict, result: BagResult, chosen: dict) -> None:
    matches = {_key(address, number): address for number, address in enumerate(result.addresses, start=1)}
    if chosen["adres"] in matches:
        return inp.accept(_answer(matches[chosen["adres"]], chosen["adres"]))
    if result.status == "several" and chosen["gekozen"] == offered_for(query):
        inp.fail("choose_address", f"{inp.name}-adres")
    inp.out.pending = True
    listed = [{"key": key, "line": address_line(_answer(address, key))} for key, address in matches.items()]
    inp.accept({"status": result.status, "matches": listed, **query})


def _typed_by_resident(inp: Input, query: dict, result: BagResult, chosen: dict) -> None:
    if not any(inp.name + f"-{part}" in inp.out.raw for part in ("straat", "woonplaats")):
        inp.out.pending = True
        return inp.accept({"status": "manual", "reason": result.status, "matches": [], **query})
    complete = True
    for part, rule in (("straat", "street"), ("woonplaats", "town")):
        if not chosen[part] or len(chosen[part]) > MAX_TYPED:
            complete = False
            inp.fail(rule if not chosen[part] else "max_length", f"{inp.name}-{part}", value=MAX_TYPED)
    if not complete:  # the inputs for street and town must show again
        return inp.accept({"status": "manual", "reason": result.status, "matches": [], **query})
    inp.accept({**query, "straat": chosen["straat"], "woonplaats": chosen["woonplaats"], "bron": "bewoner"})


def parse_address(inp: Input) -> None:
    typed = {part: inp.read("-" + part) for part in PARTS}
    chosen = {part: inp.read("-" + part) for part in CHOICE}
    if None in typed.values() or None in chosen.values():
        return
    if not typed["postcode"] and not typed["huisnummer"]:
        return inp.fail("required") if inp.required else inp.accept(None)
    if not typed["postcode"] or not typed["huisnummer"]:
        return inp.fail("invalid", f"{inp.name}-{'huisnummer' if typed['postcode'] else 'postcode'}")
    query = _query(inp, typed)
    if query is None:
        return
    result = _lookup(inp, query)
    if result.status in ("found", "several"):
        return _choose(inp, query, result, chosen)
    _typed_by_resident(inp, query, result, chosen)
