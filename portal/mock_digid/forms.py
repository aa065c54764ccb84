from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from portal.forms import PortalForm
from portal.mock_digid.persons import TEST_PERSONS

LEVELS = [("basis", _l("Basis")), ("midden", _l("Midden")), ("substantieel", _l("Substantieel")), ("hoog", _l("Hoog"))]


def _normalise(value: str | None) -> str:
    return re.sub(r"[\s.]", "", value or "")


class MockLoginForm(PortalForm):
    persoon = RadioField(
        _l("Kies een testpersoon"),
        choices=[(bsn, f"{name} ({bsn})") for bsn, name in TEST_PERSONS],
        validate_choice=False,
    )
    bsn = StringField(_l("Burgerservicenummer"), filters=[lambda value: value.strip() if value else value])
    niveau = RadioField(
        _l("Betrouwbaarheidsniveau"),
        choices=LEVELS,
        default="midden",
        validators=[InputRequired(message=_l("Kies een niveau"))],
    )

    def validate_bsn(self, field):
        if field.data and not re.fullmatch(r"\d{9}", _normalise(field.data)):
            raise ValidationError(_l("Vul een burgerservicenummer van 9 cijfers in"))
        if not field.data and self.persoon.data not in dict(self.persoon.choices):
            raise ValidationError(_l("Kies een testpersoon of vul een BSN in"))

    def chosen_bsn(self) -> str:
        """A typed number wins over a chosen test person."""
        return _normalise(self.bsn.data) or self.persoon.data


def _staff_choices():
    from portal.mock_digid.persons import TEST_STAFF

    return [(staff_id, f"{name} ({', '.join(roles) or '-'})") for staff_id, name, roles in TEST_STAFF]


class MockStaffLoginForm(PortalForm):
    """The staff side of the mock provider: pick a staff member, who comes with their roles."""

    medewerker = RadioField(
        _l("Kies een medewerker"),
        choices=_staff_choices(),
        validators=[InputRequired(message=_l("Kies een medewerker"))],
    )
