from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from portal.forms import OnceForm, PortalForm

TOPICS = [
    ("naam", _l("Mijn naam")),
    ("geboorte", _l("Mijn geboortedatum of geboorteplaats")),
    ("adres", _l("Mijn adres")),
    ("nationaliteit", _l("Mijn nationaliteit")),
    ("familie", _l("Mijn partner of kinderen")),
    ("anders", _l("Iets anders")),
]


class CorrectionReportForm(OnceForm):
    topic = RadioField(
        _l("Wat klopt er niet?"), choices=TOPICS, validators=[InputRequired(message=_l("Kies wat er niet klopt"))]
    )
    explanation = TextAreaField(
        _l("Wat moet het zijn?"),
        validators=[
            InputRequired(message=_l("Schrijf op wat er niet klopt")),
            Length(max=2000, message=_l("Gebruik niet meer dan 2000 tekens")),
        ],
    )


class NotificationForm(PortalForm):
    email = EmailField(
        _l("E-mailadres"),
        filters=[lambda value: (value or "").strip()],
        validators=[
            Optional(),
            Length(max=320, message=_l("Dit e-mailadres is te lang")),
            Email(check_deliverability=False, message=_l("Vul een e-mailadres in zoals naam@voorbeeld.nl")),
        ],
    )
    notify = RadioField(
        _l("Wilt u een e-mail als er iets verandert?"),
        choices=[("ja", _l("Ja, stuur mij een e-mail")), ("nee", _l("Nee, ik kijk zelf op MijnGemeente"))],
        validators=[InputRequired(message=_l("Kies ja of nee"))],
    )

    def validate_notify(self, field):
        if field.data == "ja" and not self.email.data:
            raise ValidationError(_l("Vul uw e-mailadres in. Dan kunnen we u een e-mail sturen."))
