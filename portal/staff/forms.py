"""Forms on the staff workbench."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from stdnum.nl import bsn as bsn_check
from wtforms import DateField, FileField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.cases.uploads import CheckedFile, UploadRefused, check_upload
from portal.i18n import local_today


class PrefixedForm(FlaskForm):
    """Several forms share the case page, so each names its fields with its own prefix (unique ids)."""

    form_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.form_prefix)
        super().__init__(*args, **kwargs)


class ChoiceField(SelectField):
    """A select whose refusal of a value that is not in the list is a B1 sentence, not WTForms' English."""

    def __init__(self, label=None, validators=None, invalid: str = "", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:  # not even of the right type ("abc" for a number): the same refusal as a wrong value
            self.data = None

    def pre_validate(self, form):
        if self.data not in {value for value, _label in self.choices or ()}:
            raise ValidationError(self.invalid)


class StatusForm(PrefixedForm):
    form_prefix = "status"
    statustype = ChoiceField(_l("Nieuwe status"), coerce=int, invalid=_l("Kies een status uit de lijst"),
                             validators=[InputRequired(message=_l("Kies een status"))])
    toelichting = TextAreaField(_l("Uitleg voor de inwoner (mag leeg blijven)"), validators=[Length(max=2000)])
    resultaat = StringField(_l("Uitkomst (bij de laatste status)"), validators=[Length(max=500)])
    # Set by the buttons of the confirmation page: "ja" saves, "wijzigen" goes back to the form.
    bevestigd = HiddenField()


class StaffMessageForm(PrefixedForm):
    form_prefix = "bericht"

    onderwerp = StringField(_l("Onderwerp"), validators=[
        DataRequired(message=_l("Schrijf een onderwerp")), Length(max=200)])
    tekst = TextAreaField(_l("Bericht"), validators=[
        DataRequired(message=_l("Schrijf een bericht")), Length(max=4000)])


def _not_in_past(form, field):
    if field.data and field.data < local_today():
        raise ValidationError(_l("Kies een datum vanaf vandaag"))


class TaskForm(PrefixedForm):
    form_prefix = "taak"

    titel = StringField(_l("Wat heeft u nodig?"), validators=[
        DataRequired(message=_l("Schrijf wat u nodig heeft")), Length(max=200)])
    toelichting = TextAreaField(_l("Uitleg voor de inwoner"), validators=[
        DataRequired(message=_l("Schrijf een uitleg")), Length(max=4000)])
    uiterlijk = DateField(_l("Op zijn laatst op"), validators=[
        InputRequired(message=_l("Vul een datum in")), _not_in_past])


# ZGW vertrouwelijkheidaanduiding in words; the first three the resident sees too (VISIBLE_TO_INITIATOR).
CONFIDENTIALITY_LABELS = {
    "openbaar": _l("Openbaar: iedereen, ook de inwoner"),
    "beperkt_openbaar": _l("Beperkt openbaar: ook de inwoner"),
    "zaakvertrouwelijk": _l("Alleen de inwoner en wie aan de aanvraag werkt"),
    "intern": _l("Intern: alleen medewerkers, niet de inwoner"),
    "vertrouwelijk": _l("Vertrouwelijk: alleen medewerkers, niet de inwoner"),
    "confidentieel": _l("Confidentieel: alleen medewerkers, niet de inwoner"),
    "geheim": _l("Geheim: alleen medewerkers, niet de inwoner"),
    "zeer_geheim": _l("Zeer geheim: alleen medewerkers, niet de inwoner"),
}


class DocumentForm(PrefixedForm):
    form_prefix = "document"

    titel = StringField(_l("Titel"), validators=[DataRequired(message=_l("Schrijf een titel")), Length(max=200)])
    bestand = FileField(_l("Bestand"))
    vertrouwelijkheid = SelectField(_l("Wie mag het zien?"), choices=lambda: list(CONFIDENTIALITY_LABELS.items()),
                                    default="zaakvertrouwelijk")

    checked_file: CheckedFile

    def validate_bestand(self, field):
        """The same content check as a resident's upload (portal/cases/uploads.py)."""
        try:
            self.checked_file = check_upload(field.data) if field.data else None
        except UploadRefused:
            self.checked_file = None
        if self.checked_file is None:
            raise ValidationError(_l("Kies een PDF, JPG of PNG van niet meer dan 10 MB."))


class DelayForm(PrefixedForm):
    form_prefix = "vertraging"

    reden = TextAreaField(_l("Waarom duurt het langer? (de inwoner leest dit)"), validators=[
        DataRequired(message=_l("Schrijf de reden")), Length(max=1000)])
    verwachte_einddatum = DateField(_l("Nieuwe datum waarop het klaar is (mag leeg blijven)"),
                                    validators=[Optional(), _not_in_past])


class LookupForm(FlaskForm):
    bsn = StringField(_l("Burgerservicenummer"), filters=[lambda value: (value or "").replace(" ", "").strip()],
                      validators=[DataRequired(message=_l("Vul een burgerservicenummer in"))])

    def validate_bsn(self, field):
        if not bsn_check.is_valid(field.data):
            raise ValidationError(_l("Dit is geen geldig burgerservicenummer. Kijk of u het goed heeft overgenomen."))
