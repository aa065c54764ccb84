"""Forms of the booking steps. Choices are filled per request from the agenda.

The booking steps need no one-time token (tests/meta/test_forms_base.py lists them): choosing a place only
redirects; choosing a time holds it for its owner, and a repeat first releases that owner's earlier hold, so
a double click leaves one hold; confirming is keyed by the hold's id, and a second confirm of a hold that
became an appointment shows that appointment (the hold row is locked while it is confirmed).

Cancelling, asking for an earlier time and taking the earlier time offered are forms of their own (the CSRF
token of every form, and a one-time token): a double click or a retry does the work once, sends one email
and shows what the first one showed (portal/once.py).
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, StringField, TelField
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp

from portal.forms import OnceForm, PortalForm

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean(value):
    """Strip spaces and drop control characters (NUL, line breaks) that have no place in a name or number."""
    return CONTROL.sub("", value or "").strip()


class WhereForm(PortalForm):
    location = RadioField(_l("Waar wilt u de afspraak?"), validators=[InputRequired(message=_l("Kies een plek"))])
    persons = RadioField(
        _l("Voor hoeveel personen is de afspraak?"),
        default="1",
        validators=[InputRequired(message=_l("Kies voor hoeveel personen"))],
    )


class TimeForm(PortalForm):
    time = RadioField(_l("Hoe laat wilt u komen?"), validators=[InputRequired(message=_l("Kies een tijd"))])


class DetailsForm(PortalForm):
    name = StringField(
        _l("Uw naam"),
        filters=[_clean],
        validators=[
            InputRequired(message=_l("Vul uw naam in")),
            Length(max=200, message=_l("Gebruik niet meer dan 200 tekens")),
        ],
    )
    email = EmailField(
        _l("E-mailadres"),
        filters=[_clean],
        validators=[
            InputRequired(message=_l("Vul uw e-mailadres in. Daar sturen we de bevestiging naartoe.")),
            Length(max=320, message=_l("Dit e-mailadres is te lang")),
            Email(check_deliverability=False, message=_l("Vul een e-mailadres in zoals naam@voorbeeld.nl")),
        ],
    )
    phone = TelField(
        _l("Telefoonnummer (niet verplicht)"),
        filters=[_clean],
        validators=[
            Optional(),
            Length(max=20, message=_l("Dit telefoonnummer is te lang")),
            Regexp(r"^\+?[0-9 ()-]{8,20}$", message=_l("Vul een telefoonnummer in zoals 06 12345678")),
        ],
    )


class CancelForm(OnceForm):
    """ "Ja, annuleer de afspraak"."""


class EarlierForm(OnceForm):
    """ "Stuur mij een e-mail als er eerder tijd is" (the waitlist)."""


class AcceptOfferForm(OnceForm):
    """ "Ja, ik wil deze tijd": the earlier time the waitlist email offers."""
