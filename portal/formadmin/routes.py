"""The builder's routes and outcome.

A route is set on a page by picking a question on that page or an earlier one, and one of its answers:
"Als het antwoord op vraag 3 'Nee' is, ga naar de uitgang". It becomes a NAMED structured condition in
`conditions` and a `next` rule `{when: {ref: name}, goto: target}` before the page's default rule. A target
is a later page, check answers, an existing exit page, or a new exit page made with the route.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from flask_babel import gettext as _

from portal.formadmin.definition import (
    BuilderRefused,
    clean_text,
    drop_unused,
    natural_next,
    slug_id,
    step_index,
)
from portal.formadmin.kinds import HAND_OFFS, OUTCOME_TYPES, ROUTE_KINDS
from portal.formdefs.routing import CHECK_ANSWERS
from portal.formdefs.semantics import known_casetypes

YES_NO = {"ja": True, "nee": False}


@dataclass(frozen=True)
class Exit:
    """A new exit page: why the form cannot help, and what the resident can do instead ({language: text})."""

    title: dict
    body: dict
    instead: dict


@dataclass(frozen=True)
class Outcome:
    type: str
    zaaktype: str
    title: dict
    next_steps: dict
    hand_off: tuple[str, ...] = ()
    appointment_product: str = ""
    callback_zaaktype: str = ""


def route_questions(definition: dict, step_id: str) -> list[tuple[int, dict]]:
    """(page number, field) of the questions a route on this page can look at: this page and earlier ones,
    with answers to choose from."""
    last = step_index(definition, step_id)
    return [
        (index + 1, item)
        for index, step in enumerate(definition["steps"][: last + 1])
        for item in step["fields"]
        if item["type"] in ROUTE_KINDS
    ]


def answer_choices(definition: dict, item: dict) -> list[tuple[str, str]]:
    """(key, Dutch label) of every answer a route can pick."""
    if item["type"] == "yes_no":
        return [("ja", _("Ja")), ("nee", _("Nee"))]
    options = item.get("options") or []
    if isinstance(options, dict):
        options = definition.get("lists", {}).get(options["list"], [])
    return [(option["value"], option["label"].get("nl", option["value"])) for option in options]


def answer_value(definition: dict, item: dict, key: str) -> object:
    if key not in {choice for choice, _label in answer_choices(definition, item)}:
        raise BuilderRefused(_("Kies een antwoord uit de lijst."))
    return YES_NO[key] if item["type"] == "yes_no" else key


def route_targets(definition: dict, step_id: str) -> list[tuple[str, str]]:
    """(goto, B1 description) of where a route on this page can go: a later page, check answers, an exit."""
    steps = definition["steps"]
    index = step_index(definition, step_id)
    targets = [
        (step["id"], _("Naar vraag %(number)s: %(label)s", number=number + 1, label=page_label(step)))
        for number, step in enumerate(steps)
        if number > index
    ]
    targets.append((CHECK_ANSWERS, _("Naar de pagina 'Controleer uw antwoorden'")))
    for name, page in definition.get("exits", {}).items():
        targets.append((f"exit:{name}", _("Naar de uitgang: %(title)s", title=page["title"].get("nl", name))))
    return targets


def page_label(step: dict) -> str:
    """The Dutch heading of a page: its title, or its first question."""
    if "title" in step:
        return step["title"].get("nl", step["id"])
    for item in step["fields"]:
        text = item.get("label") or item.get("text")
        if text:
            return text.get("nl", item["id"])
    return step["id"]


def add_route(
    definition: dict, step_id: str, *, field_id: str, answer: str, goto: str = "", new_exit: Exit | None = None
) -> dict:
    """On page `step_id`: when question `field_id` has answer `answer`, go to `goto` (or to a new exit page)."""
    new = copy.deepcopy(definition)
    index = step_index(new, step_id)
    allowed = {item["id"]: item for _number, item in route_questions(new, step_id)}
    if field_id not in allowed:
        raise BuilderRefused(_("Kies een vraag op deze pagina of een pagina ervoor. De vraag heeft vaste antwoorden."))
    value = answer_value(new, allowed[field_id], answer)
    if new_exit is not None:
        goto = "exit:" + _add_exit(new, new_exit)
    elif goto not in {target for target, _text in route_targets(new, step_id)}:
        raise BuilderRefused(_("Kies waar de route heen gaat: een latere vraag, de controlepagina of een uitgang."))
    op = "contains" if allowed[field_id]["type"] == "checkboxes" else "equals"
    condition = {"field": f"answers.{field_id}", "op": op, "value": value}
    name = _condition_name(new, condition, f"{field_id}_{answer}")
    step = new["steps"][index]
    rules = step.get("next") or [{"goto": natural_next(new["steps"], index)}]
    if any(rule.get("when") == {"ref": name} for rule in rules):
        raise BuilderRefused(_("Er is al een route voor dit antwoord. Verwijder die eerst als u hem wilt veranderen."))
    position = len(rules) - 1 if "when" not in rules[-1] else len(rules)
    rules.insert(position, {"when": {"ref": name}, "goto": goto})
    step["next"] = rules
    return new


def _condition_name(definition: dict, condition: dict, wanted: str) -> str:
    """The name of this condition: an existing one with the same content, or a new unique name."""
    named = definition.setdefault("conditions", {})
    for name, existing in named.items():
        if existing == condition:
            return name
    name = slug_id(wanted.replace("-", "_"), set(named), "_")
    named[name] = condition
    return name


def _add_exit(definition: dict, page: Exit) -> str:
    texts = {key: clean_text(getattr(page, key)) for key in ("title", "body", "instead")}
    if not all(text.get("nl") for text in texts.values()):
        raise BuilderRefused(
            _("Schrijf een titel voor de uitgang.")
            + " "
            + _("Schrijf ook waarom het formulier niet helpt, en wat de inwoner wel kan doen.")
        )
    exits = definition.setdefault("exits", {})
    name = slug_id(texts["title"]["nl"], set(exits))
    exits[name] = texts
    return name


def remove_route(definition: dict, step_id: str, number: int) -> dict:
    """Remove the route `number` (0-based, among the page's rules with a `when`). A named condition or exit
    page that no other route uses goes with it."""
    new = copy.deepcopy(definition)
    index = step_index(new, step_id)
    step = new["steps"][index]
    conditional = [rule for rule in step.get("next", ()) if "when" in rule]
    if not 0 <= number < len(conditional):
        raise BuilderRefused(_("Deze route bestaat niet meer. Misschien heeft iemand anders hem net verwijderd."))
    step["next"] = [rule for rule in step["next"] if rule is not conditional[number]]
    if len(step["next"]) == 1 and step["next"][0]["goto"] == natural_next(new["steps"], index):
        del step["next"]
    drop_unused(definition, new)
    return new


def set_outcome(definition: dict, number: int, outcome: Outcome) -> dict:
    """Change outcome rule `number`: its type, case type, hand-off choices and confirmation texts (its
    `when`, if any, stays)."""
    new = copy.deepcopy(definition)
    if not 0 <= number < len(new["outcomes"]):
        raise BuilderRefused(_("Deze uitkomst bestaat niet meer."))
    if outcome.type not in OUTCOME_TYPES:
        raise BuilderRefused(_("Kies een bestelling of een aanvraag."))
    casetypes = known_casetypes()
    if outcome.zaaktype not in casetypes:
        raise BuilderRefused(_("Kies een zaaktype uit de lijst."))
    rule = {key: value for key, value in new["outcomes"][number].items() if key == "when"}
    rule.update(type=outcome.type, zaaktype=outcome.zaaktype)
    hand_off = _hand_off(outcome, casetypes, new["outcomes"][number].get("hand_off", {}))
    if hand_off:
        rule["hand_off"] = hand_off
    title, next_steps = clean_text(outcome.title), clean_text(outcome.next_steps)
    if not title.get("nl") or not next_steps.get("nl"):
        raise BuilderRefused(_("Schrijf de titel en de uitleg van de bevestiging in het Nederlands."))
    rule["confirmation"] = {"title": title, "next_steps": next_steps}
    new["outcomes"][number] = rule
    return new


def _hand_off(outcome: Outcome, casetypes: frozenset[str], current: dict) -> dict:
    choices = [choice for choice in HAND_OFFS if choice in outcome.hand_off]
    if set(outcome.hand_off) - set(HAND_OFFS):
        raise BuilderRefused(_("Kies een afspraak, terugbellen of allebei."))
    if not choices:
        return {}
    if outcome.type == "order":
        raise BuilderRefused(_("Bij een bestelling is er geen gesprek. Kies een aanvraag, of haal de keuze weg."))
    hand_off: dict = {"choices": choices}
    if "appointment" in choices:
        if not outcome.appointment_product:
            raise BuilderRefused(_("Kies voor de afspraak welk soort afspraak het is."))
        hand_off["appointment_product"] = outcome.appointment_product
        for kept in ("appointment_locations", "appointment_location_from"):  # set in the YAML editor; kept
            if current.get(kept):
                hand_off[kept] = current[kept]
    if "callback" in choices:
        if outcome.callback_zaaktype not in casetypes:
            raise BuilderRefused(_("Kies voor het terugbellen een zaaktype uit de lijst."))
        hand_off["callback_zaaktype"] = outcome.callback_zaaktype
    return hand_off
