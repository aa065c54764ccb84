"""The builder's forms. Each carries the concept's revision (a stale one is a conflict, nothing is lost) and a
one-time token (a double click changes the concept once)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.formadmin.builder import Exit, Outcome, Question
from portal.formadmin.kinds import HAND_OFFS, OUTCOME_TYPES, appointment_products, casetype_names, prefill_choices
from portal.forms import OnceForm
from portal.staff.forms import ChoiceField

SHORT, LONG, OPTIONS = 300, 2000, 5000


def _at_most(limit: int) -> Length:
    return Length(max=limit, message=_l("Gebruik hoogstens %(max)d tekens.", max=limit))


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class BuilderForm(OnceForm):
    revision = HiddenField()

    def revision_number(self) -> int | None:
        return int(self.revision.data) if (self.revision.data or "").isdigit() else None


class ChangeForm(BuilderForm):
    """A button that changes the concept (move, remove, remove a route)."""


class MoveForm(BuilderForm):
    richting = HiddenField()


class QuestionForm(BuilderForm):
    label_nl = StringField(
        _l("Vraag in het Nederlands"),
        validators=[DataRequired(message=_l("Schrijf de vraag in het Nederlands.")), _at_most(SHORT)],
    )
    label_en = StringField(_l("Vraag in het Engels"), validators=[_at_most(SHORT)])
    hint_nl = TextAreaField(_l("Uitleg bij de vraag in het Nederlands (mag leeg blijven)"), validators=[_at_most(LONG)])
    hint_en = TextAreaField(_l("Uitleg bij de vraag in het Engels (mag leeg blijven)"), validators=[_at_most(LONG)])
    required = BooleanField(_l("De inwoner moet deze vraag beantwoorden"))
    error_nl = StringField(_l("Foutmelding als de vraag leeg blijft, in het Nederlands"), validators=[_at_most(SHORT)])
    error_en = StringField(_l("Foutmelding als de vraag leeg blijft, in het Engels"), validators=[_at_most(SHORT)])
    options_nl = TextAreaField(_l("Antwoorden in het Nederlands, één per regel"), validators=[_at_most(OPTIONS)])
    options_en = TextAreaField(_l("Antwoorden in het Engels, op dezelfde regels"), validators=[_at_most(OPTIONS)])
    prefill = ChoiceField(_l("Vooraf invullen met"), invalid=_l("Kies een gegeven uit de lijst."), default="")

    def setup(self, definition: dict, item: dict | None, kind: str, has_options: bool) -> QuestionForm:
        choices = prefill_choices(definition)
        current = (item or {}).get("prefill")
        if current and current not in choices:
            choices[current] = current
        self.prefill.choices = [("", str(_l("Niet vooraf invullen"))), *choices.items()]
        self.kind, self.has_options = kind, has_options
        return self

    def validate_options_en(self, field):
        if self.has_options and _lines(field.data) and len(_lines(field.data)) != len(_lines(self.options_nl.data)):
            raise ValidationError(_l("Schrijf voor elk Nederlands antwoord één Engels antwoord, op dezelfde regel."))

    def fill(self, item: dict, options: list | None) -> None:
        for name in ("label", "hint"):
            for language in ("nl", "en"):
                getattr(self, f"{name}_{language}").data = item.get(name, {}).get(language, "")
        required = item.get("validate", {}).get("required")
        self.required.data = required is not None
        self.error_nl.data, self.error_en.data = (required or {}).get("nl", ""), (required or {}).get("en", "")
        self.prefill.data = item.get("prefill", "")
        for language in ("nl", "en"):
            lines = [option["label"].get(language, "") for option in options or ()]
            getattr(self, f"options_{language}").data = "\n".join(lines) if all(lines) else ""

    def question(self) -> Question:
        options = None
        if self.has_options:
            english = _lines(self.options_en.data)
            options = tuple(
                {"nl": label, "en": english[index] if index < len(english) else ""}
                for index, label in enumerate(_lines(self.options_nl.data))
            )
        return Question(
            kind=self.kind,
            label={"nl": self.label_nl.data or "", "en": self.label_en.data or ""},
            hint={"nl": self.hint_nl.data or "", "en": self.hint_en.data or ""},
            error={"nl": self.error_nl.data or "", "en": self.error_en.data or ""},
            required=bool(self.required.data),
            options=options,
            prefill=self.prefill.data or "",
        )


class RouteForm(BuilderForm):
    """The destination of a route, chosen with one button per destination (the button's value)."""

    goto = HiddenField()


class ExitForm(BuilderForm):
    """A route to a new exit page, made with it."""

    title_nl = StringField(
        _l("Titel van de uitgang in het Nederlands"),
        validators=[DataRequired(message=_l("Schrijf de titel van de uitgang.")), _at_most(SHORT)],
    )
    title_en = StringField(_l("Titel van de uitgang in het Engels"), validators=[_at_most(SHORT)])
    body_nl = TextAreaField(
        _l("Waarom kan het formulier niet helpen? In het Nederlands"),
        validators=[DataRequired(message=_l("Schrijf waarom het formulier niet kan helpen.")), _at_most(LONG)],
    )
    body_en = TextAreaField(_l("Waarom kan het formulier niet helpen? In het Engels"), validators=[_at_most(LONG)])
    instead_nl = TextAreaField(
        _l("Wat kan de inwoner wel doen? In het Nederlands"),
        validators=[DataRequired(message=_l("Schrijf wat de inwoner wel kan doen.")), _at_most(LONG)],
    )
    instead_en = TextAreaField(_l("Wat kan de inwoner wel doen? In het Engels"), validators=[_at_most(LONG)])

    def exit_page(self) -> Exit:
        texts = {
            name: {"nl": getattr(self, f"{name}_nl").data or "", "en": getattr(self, f"{name}_en").data or ""}
            for name in ("title", "body", "instead")
        }
        return Exit(**texts)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        if set(self.data or ()) - {value for value, _label in self.choices}:
            raise ValidationError(_l("Kies een afspraak, terugbellen of allebei."))


class OutcomeForm(BuilderForm):
    type = ChoiceField(_l("Wat gebeurt er als de inwoner het formulier verstuurt?"), invalid=_l("Kies wat er gebeurt."))
    zaaktype = ChoiceField(_l("Zaaktype"), invalid=_l("Kies een zaaktype uit de lijst."))
    hand_off = MultiCheckboxField(_l("Wat kan de inwoner daarna kiezen? (mag leeg blijven)"))
    appointment_product = ChoiceField(
        _l("Soort afspraak"), invalid=_l("Kies een soort afspraak uit de lijst."), default=""
    )
    callback_zaaktype = ChoiceField(
        _l("Zaaktype voor terugbellen"), invalid=_l("Kies een zaaktype uit de lijst."), default=""
    )
    title_nl = StringField(
        _l("Titel van de bevestiging in het Nederlands"),
        validators=[DataRequired(message=_l("Schrijf de titel van de bevestiging.")), _at_most(SHORT)],
    )
    title_en = StringField(_l("Titel van de bevestiging in het Engels"), validators=[_at_most(SHORT)])
    next_steps_nl = TextAreaField(
        _l("Wat gebeurt er nu? In het Nederlands"),
        validators=[DataRequired(message=_l("Schrijf wat er nu gebeurt.")), _at_most(LONG)],
    )
    next_steps_en = TextAreaField(_l("Wat gebeurt er nu? In het Engels"), validators=[_at_most(LONG)])

    def setup(self, rule: dict) -> OutcomeForm:
        names = casetype_names()
        self.type.choices = [(key, str(label)) for key, label in OUTCOME_TYPES.items()]
        self.zaaktype.choices = list(names.items())
        self.hand_off.choices = [(key, str(label)) for key, label in HAND_OFFS.items()]
        products = dict(appointment_products())
        current = rule.get("hand_off", {}).get("appointment_product")
        if current and current not in products:
            products[current] = current
        self.appointment_product.choices = [("", str(_l("Geen afspraak"))), *products.items()]
        self.callback_zaaktype.choices = [("", str(_l("Geen terugbellen"))), *names.items()]
        return self

    def fill(self, rule: dict) -> None:
        hand_off = rule.get("hand_off", {})
        self.type.data, self.zaaktype.data = rule["type"], rule["zaaktype"]
        self.hand_off.data = list(hand_off.get("choices", ()))
        self.appointment_product.data = hand_off.get("appointment_product", "")
        self.callback_zaaktype.data = hand_off.get("callback_zaaktype", "")
        confirmation = rule.get("confirmation", {})
        for name in ("title", "next_steps"):
            for language in ("nl", "en"):
                getattr(self, f"{name}_{language}").data = confirmation.get(name, {}).get(language, "")

    def outcome(self) -> Outcome:
        return Outcome(
            type=self.type.data,
            zaaktype=self.zaaktype.data,
            title={"nl": self.title_nl.data or "", "en": self.title_en.data or ""},
            next_steps={"nl": self.next_steps_nl.data or "", "en": self.next_steps_en.data or ""},
            hand_off=tuple(self.hand_off.data or ()),
            appointment_product=self.appointment_product.data or "",
            callback_zaaktype=self.callback_zaaktype.data or "",
        )
