from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

TOPICS = [
    ("naam", _l("Mijn naam")),
    ("geboorte", _l("Mijn geboortedatum of geboorteplaats")),
    ("adres", _l("Mijn adres")),
    ("nationaliteit", _l("Mijn nationaliteit")),
    ("familie", _l("Mijn partner of kinderen")),
    ("anders", _l("Iets anders")),
]


class CorrectionReportForm(FlaskForm):
    topic = RadioField(
        _l("Wat klopt er niet?"),
        choices=TOPICS,
        validators=[InputRequired(message=_l("Kies wat er niet klopt"))],
    )
    explanation = TextAreaField(
        _l("Wat moet het zijn?"),
        validators=[
            InputRequired(message=_l("Schrijf op wat er niet klopt")),
            Length(max=2000, message=_l("Gebruik niet meer dan 2000 tekens")),
        ],
    )
