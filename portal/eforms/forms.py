"""The runner's fixed forms: sending the checked answers, and the "Bel mij terug" hand-off.

The step pages are not WTForms: their questions come from the form definition (portal/eforms/fields/).
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired, Length, Regexp

from portal.forms import OnceForm

DAY_PARTS = [
    ("ochtend", _l("In de ochtend (9:00 tot 12:00)")),
    ("middag", _l("In de middag (13:00 tot 17:00)")),
    ("maakt-niet-uit", _l("Het maakt mij niet uit")),
]
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{8,18}$")


class BeginForm(OnceForm):
    """ "Beginnen", or the first question's answer before there is a draft: a repeat goes where the first went."""


class SendForm(OnceForm):
    """Check answers → send. Two clicks are one submission (the one-time token, and the draft's one
    submission in the database for a second tab)."""


class CallbackForm(OnceForm):
    dagdeel = RadioField(
        _l("Wanneer komt het u het beste uit?"),
        choices=DAY_PARTS,
        validators=[InputRequired(message=_l("Kies wanneer we u kunnen bellen"))],
    )
    telefoon = StringField(
        _l("Op welk nummer kunnen we u bellen?"),
        filters=[lambda value: (value or "").strip()],
        validators=[
            InputRequired(message=_l("Vul uw telefoonnummer in")),
            Length(max=32, message=_l("Vul een telefoonnummer in zoals 06 12345678")),
            Regexp(PHONE, message=_l("Vul een telefoonnummer in zoals 06 12345678")),
        ],
    )
