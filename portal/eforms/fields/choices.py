"""Questions with answers to choose: yes_no, radios, select, checkboxes and family_member.

Options come from the field (`options: [...]`) or from a list of the form (`options: {list: name}`, looked up
in the context's `lists`). A family member is one of the resident's own partners, children or parents in the
BRP snapshot; the page and the answer hold only a key ("partners-1", "kinderen-2"), never a BSN.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from portal.eforms.fields.context import FieldContext, text, value_at
from portal.eforms.fields.inputs import Input
from portal.eforms.fields.messages import translate
from portal.integrations.person import full_name

YES_NO = (("ja", True, _l("Ja")), ("nee", False, _l("Nee")))
# The definition names a kind of family member (forms/schema.json); the BRP keeps each kind in its own list.
FAMILY = {"partner": "partners", "kinderen": "kinderen", "ouders": "ouders"}


def option_list(field: Mapping, ctx: FieldContext) -> list[Mapping]:
    options = field.get("options")
    if isinstance(options, Mapping):
        options = ctx.lists.get(options.get("list")) if isinstance(ctx.lists, Mapping) else None
    if not isinstance(options, list):
        return []
    return [option for option in options if isinstance(option, Mapping) and isinstance(option.get("value"), str)]


def options(field: Mapping, ctx: FieldContext) -> list[tuple[str, str]]:
    """(value, label in ctx.lang) of every option of a radios, select or checkboxes field."""
    if field.get("type") == "yes_no":
        return [(value, translate(label, ctx.lang)) for value, _, label in YES_NO]
    if field.get("type") == "family_member":
        return [(member.key, member.name) for member in family_members(field, ctx)]
    return [(option["value"], text(option.get("label"), ctx.lang)) for option in option_list(field, ctx)]


@dataclass(frozen=True)
class FamilyMember:
    key: str
    relation: str  # partners, kinderen, ouders
    name: str
    birth_date: date | None
    person: Mapping = field(repr=False, compare=False)  # the BRP entry, BSN included: never for a page


def _birth_date(person: Mapping) -> date | None:
    day = value_at(person, "geboorte.datum.datum")
    try:
        return date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        return None


def family_members(field: Mapping, ctx: FieldContext) -> list[FamilyMember]:
    """The members of the kinds the field's `family` names, in that order, from the prefill snapshot."""
    kinds = field.get("family") if isinstance(field.get("family"), list) else []
    members = []
    for relation in (FAMILY[kind] for kind in FAMILY if kind in kinds):
        entries = value_at(ctx.prefill, f"brp.{relation}")
        for number, person in enumerate(entries if isinstance(entries, list) else [], start=1):
            if isinstance(person, Mapping) and full_name(person.get("naam")):
                members.append(
                    FamilyMember(
                        f"{relation}-{number}", relation, full_name(person.get("naam")), _birth_date(person), person
                    )
                )
    return members


def _one(inp: Input) -> str | None:
    """The one chosen value, or None (then the required check or the refusal has run)."""
    value = inp.present()
    if value is None:
        return None
    if value not in dict(options(inp.field, inp.ctx)):
        inp.fail("invalid")
        return None
    return value


def parse_yes_no(inp: Input) -> None:
    value = _one(inp)
    if value is not None:
        inp.accept(value == "ja")


def parse_choice(inp: Input) -> None:
    """radios and select."""
    value = _one(inp)
    if value is not None:
        inp.accept(value)


def parse_checkboxes(inp: Input) -> None:
    """checkboxes and family_member: a list of chosen values, in the order of the options."""
    chosen = inp.read_many()
    if chosen is None:
        return
    known = [value for value, _ in options(inp.field, inp.ctx)]
    chosen = [value for value in chosen if value]
    if any(value not in known for value in chosen):
        return inp.fail("invalid")
    if not chosen and inp.required and known:
        return inp.fail("required")  # a family member to choose when there is nobody never blocks
    inp.accept([value for value in known if value in chosen])
