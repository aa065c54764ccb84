"""Forms on the staff workbench."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from stdnum.nl import bsn as bsn_check
from wtforms import DateField, FileField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.cases import opschorting
from portal.cases.uploads import CheckedFile, UploadRefused, check_upload
from portal.forms import OnceForm, PortalForm
from portal.i18n import local_today
from portal.queries import cases as queries


class PrefixedForm(OnceForm):
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
    statustype = ChoiceField(
        _l("Nieuwe status"),
        coerce=int,
        invalid=_l("Kies een status uit de lijst"),
        validators=[InputRequired(message=_l("Kies een status"))],
    )
    toelichting = TextAreaField(_l("Uitleg voor de inwoner (mag leeg blijven)"), validators=[Length(max=2000)])
    resultaat = StringField(_l("Uitkomst (bij de laatste status)"), validators=[Length(max=500)])
    # Set by the buttons of the confirmation page: "ja" saves, "wijzigen" goes back to the form.
    bevestigd = HiddenField()


class StaffMessageForm(PrefixedForm):
    form_prefix = "bericht"

    onderwerp = StringField(
        _l("Onderwerp"), validators=[DataRequired(message=_l("Schrijf een onderwerp")), Length(max=200)]
    )
    tekst = TextAreaField(_l("Bericht"), validators=[DataRequired(message=_l("Schrijf een bericht")), Length(max=4000)])


def _not_in_past(form, field):
    if field.data and field.data < local_today():
        raise ValidationError(_l("Kies een datum vanaf vandaag"))


class TaskForm(PrefixedForm):
    form_prefix = "taak"

    titel = StringField(
        _l("Wat heeft u nodig?"), validators=[DataRequired(message=_l("Schrijf wat u nodig heeft")), Length(max=200)]
    )
    toelichting = TextAreaField(
        _l("Uitleg voor de inwoner"), validators=[DataRequired(message=_l("Schrijf een uitleg")), Length(max=4000)]
    )
    uiterlijk = DateField(
        _l("Op zijn laatst op"), validators=[InputRequired(message=_l("Vul een datum in")), _not_in_past]
    )


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
    vertrouwelijkheid = SelectField(
        _l("Wie mag het zien?"), choices=lambda: list(CONFIDENTIALITY_LABELS.items()), default="zaakvertrouwelijk"
    )

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

    reden = TextAreaField(
        _l("Waarom duurt het langer? (de inwoner leest dit)"),
        validators=[DataRequired(message=_l("Schrijf de reden")), Length(max=1000)],
    )
    verwachte_einddatum = DateField(
        _l("Nieuwe datum waarop het klaar is (mag leeg blijven)"), validators=[Optional(), _not_in_past]
    )


class LookupForm(PortalForm):
    bsn = StringField(
        _l("Burgerservicenummer"),
        filters=[lambda value: (value or "").replace(" ", "").strip()],
        validators=[DataRequired(message=_l("Vul een burgerservicenummer in"))],
    )

    def validate_bsn(self, field):
        if not bsn_check.is_valid(field.data):
            raise ValidationError(_l("Dit is geen geldig burgerservicenummer. Kijk of u het goed heeft overgenomen."))


# --- The term of a case: stop the clock (opschorting), let it run again, extend it once (verlenging) ---------

_REASON_LENGTH = Length(max=200, message=_l("Schrijf de reden in niet meer dan 200 tekens"))


def _plain_text(form, field):
    """No control characters (NUL and the like) in a text the resident reads; new lines and tabs are fine."""
    if field.data and any(ord(char) < 32 and char not in "\r\n\t" or ord(char) == 127 for char in field.data):
        raise ValidationError(_l("Gebruik alleen letters, cijfers en leestekens"))


class SuspendForm(PrefixedForm):
    form_prefix = "opschorten"

    reden = TextAreaField(
        _l("Waarom staat de termijn stil? (de inwoner leest dit)"),
        validators=[DataRequired(message=_l("Schrijf waarom de termijn stilstaat")), _REASON_LENGTH, _plain_text],
    )


class ResumeForm(PrefixedForm):
    form_prefix = "hervatten"


class ExtendForm(PrefixedForm):
    """`maximum` is the case type's verlengingstermijn in days; the handler sets it before validating."""

    form_prefix = "verlengen"
    maximum = 0

    duur = StringField(
        _l("Met hoeveel dagen verlengt u de termijn?"),
        filters=[lambda value: (value or "").strip()],
        validators=[DataRequired(message=_l("Vul het aantal dagen in"))],
    )
    reden = TextAreaField(
        _l("Waarom duurt het langer? (de inwoner leest dit)"),
        validators=[DataRequired(message=_l("Schrijf waarom u de termijn verlengt")), _REASON_LENGTH, _plain_text],
    )

    def validate_duur(self, field):
        if not (
            field.data.isascii()
            and field.data.isdigit()
            and len(field.data) <= 4
            and 1 <= int(field.data) <= self.maximum
        ):
            raise ValidationError(_l("Vul een aantal dagen in van 1 tot en met %(maximum)s", maximum=self.maximum))

    @property
    def days(self) -> int:
        return int(self.duur.data)


def _waiting_for(zaak) -> str:
    """The suggested reason to stop the clock: the open question to the resident, if there is one."""
    if not opschorting.can_suspend(zaak):
        return ""
    waiting = [taak for taak in queries.tasks(zaak) if taak.is_open]
    if not waiting:
        return ""
    return str(_l("We wachten op uw antwoord op onze vraag: %(title)s", title=waiting[0].titel))[:200]


def term_forms(zaak, forms: dict) -> dict:
    """The term forms of the staff case page (the one with an error, or empty ones), and what they may do."""
    extend_form = forms.get("extend") or ExtendForm(formdata=None)
    extend_form.maximum = zaak.zaaktype.verlengingstermijn_dagen or 0
    return {
        "suspend_form": forms.get("suspend") or SuspendForm(formdata=None, reden=_waiting_for(zaak)),
        "resume_form": forms.get("resume") or ResumeForm(formdata=None),
        "extend_form": extend_form,
        "can_suspend": opschorting.can_suspend(zaak),
        "can_extend": opschorting.can_extend(zaak),
    }


class TakeForm(PrefixedForm):
    """ "Ik pak deze op": no fields, only the one-time token (a double click takes the case once)."""

    form_prefix = "oppakken"
