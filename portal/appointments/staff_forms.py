"""Forms of the staff agenda."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from stdnum.nl import bsn as bsn_check
from wtforms import DateField, EmailField, IntegerField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from portal.forms import OnceForm, PortalForm

TIME = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$"
WEEKDAYS = [
    (0, _l("maandag")),
    (1, _l("dinsdag")),
    (2, _l("woensdag")),
    (3, _l("donderdag")),
    (4, _l("vrijdag")),
    (5, _l("zaterdag")),
    (6, _l("zondag")),
]


def _clean(value):
    return re.sub(r"[\x00-\x1f\x7f]", "", value or "").strip()


def _clock(value):
    return re.sub(r"\s", "", value or "").replace(".", ":")


class BlockForm(OnceForm):
    location = SelectField(_l("Plek"), validators=[InputRequired(message=_l("Kies een plek"))])
    day = DateField(_l("Dag"), validators=[InputRequired(message=_l("Vul een dag in, zoals 2026-12-24"))])
    starts = StringField(
        _l("Van (uu:mm)"),
        filters=[_clock],
        validators=[
            InputRequired(message=_l("Vul een begintijd in, zoals 09:00")),
            Regexp(TIME, message=_l("Vul een tijd in zoals 09:00")),
        ],
    )
    ends = StringField(
        _l("Tot (uu:mm)"),
        filters=[_clock],
        validators=[
            InputRequired(message=_l("Vul een eindtijd in, zoals 12:30")),
            Regexp(TIME, message=_l("Vul een tijd in zoals 12:30")),
        ],
    )
    reason = StringField(_l("Reden (alleen voor collega's)"), filters=[_clean], validators=[Length(max=200)])

    def validate_ends(self, field):
        if self.starts.errors or not (self.starts.data and field.data):
            return
        if field.data.zfill(5) <= self.starts.data.zfill(5):
            raise ValidationError(_l("De eindtijd moet na de begintijd liggen"))


class HoursForm(PortalForm):
    """Saved as it is: a repeat stores the same opening hours again (no token needed)."""

    location = SelectField(_l("Plek"), validators=[InputRequired(message=_l("Kies een plek"))])
    weekday = SelectField(_l("Dag van de week"), coerce=int, choices=WEEKDAYS)
    starts = StringField(
        _l("Open vanaf (uu:mm, leeg is dicht)"),
        filters=[_clock],
        validators=[Optional(), Regexp(TIME, message=_l("Vul een tijd in zoals 09:00"))],
    )
    ends = StringField(
        _l("Open tot (uu:mm)"),
        filters=[_clock],
        validators=[Optional(), Regexp(TIME, message=_l("Vul een tijd in zoals 12:30"))],
    )
    desks = IntegerField(
        _l("Aantal balies"),
        default=1,
        validators=[NumberRange(min=1, max=20, message=_l("Vul een aantal van 1 tot 20 in"))],
    )

    def validate_ends(self, field):
        if bool(self.starts.data) != bool(field.data):
            raise ValidationError(_l("Vul allebei de tijden in, of laat allebei leeg"))
        if field.data and self.starts.data and field.data.zfill(5) <= self.starts.data.zfill(5):
            raise ValidationError(_l("De eindtijd moet na de begintijd liggen"))


class CallerForm(OnceForm):
    """KCC books for a caller. The BSN is in this POST body only, never in a URL."""

    bsn = StringField(
        _l("Burgerservicenummer"),
        filters=[lambda value: (value or "").replace(" ", "").strip()],
        validators=[InputRequired(message=_l("Vul een burgerservicenummer in"))],
    )
    product = SelectField(_l("Waarvoor"), validators=[InputRequired(message=_l("Kies waarvoor"))])
    location = SelectField(_l("Plek"), validators=[InputRequired(message=_l("Kies een plek"))])
    day = DateField(_l("Dag"), validators=[InputRequired(message=_l("Vul een dag in, zoals 2026-12-24"))])
    starts = StringField(
        _l("Tijd (uu:mm)"),
        filters=[_clock],
        validators=[
            InputRequired(message=_l("Vul een tijd in zoals 09:00")),
            Regexp(TIME, message=_l("Vul een tijd in zoals 09:00")),
        ],
    )
    email = EmailField(
        _l("E-mailadres van de inwoner (niet verplicht)"),
        filters=[lambda v: (v or "").strip()],
        validators=[
            Optional(),
            Length(max=320),
            Email(check_deliverability=False, message=_l("Vul een e-mailadres in zoals naam@voorbeeld.nl")),
        ],
    )

    def validate_bsn(self, field):
        if not bsn_check.is_valid(field.data or ""):
            raise ValidationError(_l("Dit is geen geldig burgerservicenummer. Kijk of u het goed heeft overgenomen."))
