"""Forms of the KCC's caller page: a contact note and a callback request."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from portal.queries.klantcontact import CHANNELS
from portal.staff.forms import ChoiceField, PrefixedForm

CHANNEL_LABELS = {
    "telefoon": _l("Telefoon"),
    "balie": _l("Balie"),
    "email": _l("E-mail"),
    "chat": _l("Chat"),
    "post": _l("Post"),
}
NO_CASE = ""


def _single_line(form, field):
    if field.data and re.search(r"[\x00-\x1f\x7f]", field.data):
        raise ValidationError(_l("Gebruik alleen gewone letters en cijfers"))


class ContactNoteForm(PrefixedForm):
    form_prefix = "contact"

    kanaal = ChoiceField(
        _l("Hoe was het contact?"),
        choices=[(key, CHANNEL_LABELS[key]) for key in CHANNELS],
        default="telefoon",
        invalid=_l("Kies hoe het contact was"),
        validators=[InputRequired(message=_l("Kies hoe het contact was"))],
    )
    zaak = ChoiceField(_l("Over welke aanvraag?"), default=NO_CASE, invalid=_l("Kies een aanvraag van deze inwoner"))
    onderwerp = StringField(
        _l("Onderwerp"),
        validators=[
            DataRequired(message=_l("Schrijf een onderwerp")),
            Length(max=200, message=_l("Gebruik niet meer dan 200 tekens")),
            _single_line,
        ],
    )
    tekst = TextAreaField(
        _l("Wat is er besproken?"),
        validators=[
            DataRequired(message=_l("Schrijf kort wat er is besproken")),
            Length(max=2000, message=_l("Gebruik niet meer dan 2000 tekens")),
        ],
    )


class CallbackForm(PrefixedForm):
    form_prefix = "terugbellen"

    onderwerp = StringField(
        _l("Waarover wil de inwoner gebeld worden?"),
        validators=[
            DataRequired(message=_l("Schrijf waarover de inwoner gebeld wil worden")),
            Length(max=200, message=_l("Gebruik niet meer dan 200 tekens")),
            _single_line,
        ],
    )
    telefoon = StringField(
        _l("Telefoonnummer"),
        filters=[lambda value: (value or "").strip()],
        validators=[DataRequired(message=_l("Vul een telefoonnummer in"))],
    )
    tekst = TextAreaField(
        _l("Wat moet uw collega weten?"),
        validators=[
            DataRequired(message=_l("Schrijf wat uw collega moet weten")),
            Length(max=2000, message=_l("Gebruik niet meer dan 2000 tekens")),
        ],
    )

    def validate_telefoon(self, field):
        digits = re.sub(r"[\s\-()]", "", field.data)
        if not re.fullmatch(r"\+?\d{10,15}", digits):
            raise ValidationError(_l("Vul een telefoonnummer in zoals 06 12345678 of 010 1234567"))
        field.data = digits


def case_choices(found) -> list[tuple[str, str]]:
    """`found`: the resident's case summaries."""
    return [(NO_CASE, str(_l("Geen aanvraag")))] + [
        (case.reference, f"{case.title} ({case.reference})") for case in found
    ]
