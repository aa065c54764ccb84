"""A structured summary of a form definition that anyone can read: the pages in order with their questions
(the type in plain words, required or not), the routes in words ("Als het antwoord op vraag 3 'Nee' is, ga
naar de uitgang 'Vraagt u hulp voor iemand anders?'."), the exit pages and the outcomes.

    summary = summarize(definition)          # a FormSummary; render with templates/formadmin/summary.html:
    {% from "formadmin/summary.html" import form_summary %}{{ form_summary(summary) }}

The form's own texts are given in Dutch (the source language of every definition); the words around them
come from Babel, so they follow the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.formadmin.definition import natural_next
from portal.formadmin.kinds import HAND_OFFS, OUTCOME_TYPES, casetype_names, kind_name, prefill_name
from portal.formadmin.routes import page_label
from portal.formdefs.routing import CHECK_ANSWERS, INPUTLESS

__all__ = ["ExitSummary", "FormSummary", "OutcomeSummary", "PageSummary", "QuestionSummary", "summarize"]


@dataclass(frozen=True)
class QuestionSummary:
    field_id: str
    label: str
    kind: str  # the type in plain words: "Ja of nee"
    required: bool
    asks: bool  # False for a text or a prefilled fact that is only shown
    prefill: str  # where the answer is filled in from, in plain words, or ""
    options: tuple[str, ...]
    shown_when: str  # "" or a sentence


@dataclass(frozen=True)
class PageSummary:
    number: int
    step_id: str
    heading: str
    questions: tuple[QuestionSummary, ...]
    shown_when: str
    routes: tuple[str, ...]  # "Als …, ga naar …." sentences, in the order they are tried
    then: str  # where the page goes otherwise


@dataclass(frozen=True)
class ExitSummary:
    name: str
    title: str
    body: str
    instead: str


@dataclass(frozen=True)
class OutcomeSummary:
    number: int
    when: str  # "Als …:" or "In alle andere gevallen:" / "Altijd:"
    kind: str
    zaaktype: str
    hand_off: tuple[str, ...]
    confirmation: str


@dataclass(frozen=True)
class FormSummary:
    slug: str
    title: str
    pages: tuple[PageSummary, ...]
    exits: tuple[ExitSummary, ...]
    outcomes: tuple[OutcomeSummary, ...]


def _nl(text: object, fallback: str = "") -> str:
    return text.get("nl", fallback) if isinstance(text, dict) else fallback


class _Words:
    """Conditions and targets of one definition in words."""

    # A subordinate clause (verb last): "Als het antwoord op vraag 3 'Nee' is".
    CLAUSES = {
        "equals": _l("%(subject)s %(value)s is"),
        "not_equals": _l("%(subject)s niet %(value)s is"),
        "in": _l("%(subject)s %(value)s is"),
        "not_in": _l("%(subject)s niet %(value)s is"),
        "greater_than": _l("%(subject)s meer dan %(value)s is"),
        "less_than": _l("%(subject)s minder dan %(value)s is"),
        "at_least": _l("%(subject)s minstens %(value)s is"),
        "at_most": _l("%(subject)s hoogstens %(value)s is"),
        "is_empty": _l("%(subject)s leeg is"),
        "is_not_empty": _l("%(subject)s ingevuld is"),
        "contains": _l("%(subject)s %(value)s bevat"),
    }

    def __init__(self, definition: dict):
        self.definition = definition
        self.named = definition.get("conditions", {})
        steps = definition["steps"]
        self.where = {item["id"]: (index, item) for index, step in enumerate(steps) for item in step["fields"]}
        self.position = {step["id"]: index for index, step in enumerate(definition["steps"])}

    def clause(self, leaf: dict) -> str:
        template = str(self.CLAUSES.get(leaf["op"], self.CLAUSES["equals"]))
        return template % {"subject": self.subject(leaf["field"]), "value": self.value(leaf)}

    def subject(self, path: str) -> str:
        namespace, _dot, rest = path.partition(".")
        if namespace == "answers" and rest in self.where:
            return _("het antwoord op vraag %(number)s", number=self.where[rest][0] + 1)
        return _("het gegeven %(name)s", name=prefill_name(path.replace("prefill.", "", 1)))

    def value(self, leaf: dict) -> str:
        value = leaf.get("value")
        values = value if isinstance(value, list) else [value]
        item = self.where.get(leaf["field"].removeprefix("answers."), (0, {}))[1]
        return f" {_('of')} ".join(f"'{self.answer(item, one)}'" for one in values)

    def answer(self, item: dict, value: object) -> str:
        if isinstance(value, bool):
            return _("Ja") if value else _("Nee")
        options = item.get("options") or []
        if isinstance(options, dict):
            options = self.definition.get("lists", {}).get(options["list"], [])
        return next((_nl(option["label"], str(value)) for option in options if option["value"] == value), str(value))

    def condition(self, condition: dict, seen: tuple[str, ...] = ()) -> str:
        if "all" in condition or "any" in condition:
            joiner = f" {_('en')} " if "all" in condition else f" {_('of')} "
            return joiner.join(self.condition(part, seen) for part in condition.get("all") or condition.get("any"))
        if "not" in condition:
            return _("het niet zo is dat %(condition)s", condition=self.condition(condition["not"], seen))
        if "ref" in condition:
            name = condition["ref"]
            if name in seen or name not in self.named:
                return _("de voorwaarde '%(name)s' klopt", name=name)
            return self.condition(self.named[name], (*seen, name))
        return self.clause(condition) if "field" in condition else ""

    def shown_when(self, holder: dict) -> str:
        if "show_if" not in holder:
            return ""
        return _("Deze vraag komt alleen als %(condition)s.", condition=self.condition(holder["show_if"]))

    def target(self, goto: str) -> str:
        if goto == CHECK_ANSWERS:
            return _("de controlepagina")
        if goto.startswith("exit:"):
            page = self.definition.get("exits", {}).get(goto[5:], {})
            return _("de uitgang '%(title)s'", title=_nl(page.get("title"), goto[5:]))
        if goto in self.position:
            return _("vraag %(number)s", number=self.position[goto] + 1)
        return goto


def summarize(definition: dict) -> FormSummary:
    words = _Words(definition)
    pages = tuple(_page(words, index, step) for index, step in enumerate(definition["steps"]))
    exits = tuple(
        ExitSummary(name, _nl(page.get("title"), name), _nl(page.get("body")), _nl(page.get("instead")))
        for name, page in definition.get("exits", {}).items()
    )
    outcomes = tuple(_outcome(words, index, rule) for index, rule in enumerate(definition.get("outcomes", ())))
    return FormSummary(definition.get("slug", ""), _nl(definition.get("title")), pages, exits, outcomes)


def _page(words: _Words, index: int, step: dict) -> PageSummary:
    shown = words.shown_when(step)
    rules = step.get("next") or [{"goto": natural_next(words.definition["steps"], index)}]
    routes = tuple(
        _("Als %(condition)s, ga naar %(target)s.", condition=words.condition(rule["when"]), target=words.target(goto))
        for rule in rules
        for goto in [rule["goto"]]
        if "when" in rule
    )
    default = next((rule["goto"] for rule in rules if "when" not in rule), None)
    then = ""
    if default is not None:
        target = words.target(default)
        if routes:
            then = _("Anders gaat de inwoner naar %(target)s.", target=target)
        else:
            then = _("Daarna gaat de inwoner naar %(target)s.", target=target)
    questions = tuple(_question(words, item) for item in step["fields"])
    return PageSummary(index + 1, step["id"], page_label(step), questions, shown, routes, then)


def _question(words: _Words, item: dict) -> QuestionSummary:
    options = item.get("options") or []
    if isinstance(options, dict):
        options = words.definition.get("lists", {}).get(options["list"], [])
    shown = words.shown_when(item)
    return QuestionSummary(
        field_id=item["id"],
        label=_nl(item.get("label") or item.get("text"), item["id"]),
        kind=kind_name(item["type"]),
        required="required" in item.get("validate", {}),
        asks=item["type"] not in INPUTLESS,
        prefill=prefill_name(item["prefill"]) if item.get("prefill") else "",
        options=tuple(_nl(option["label"], option["value"]) for option in options),
        shown_when=shown,
    )


def _outcome(words: _Words, index: int, rule: dict) -> OutcomeSummary:
    if "when" in rule:
        when = _("Als %(condition)s:", condition=words.condition(rule["when"]))
    else:
        when = _("In alle andere gevallen:") if index else _("Altijd:")
    hand_off = tuple(str(HAND_OFFS.get(choice, choice)) for choice in rule.get("hand_off", {}).get("choices", ()))
    return OutcomeSummary(
        number=index + 1,
        when=when,
        kind=str(OUTCOME_TYPES.get(rule["type"], rule["type"])),
        zaaktype=casetype_names().get(rule["zaaktype"], rule["zaaktype"]),
        hand_off=hand_off,
        confirmation=_nl(rule.get("confirmation", {}).get("title")),
    )
