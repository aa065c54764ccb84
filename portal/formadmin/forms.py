"""The forms of the staff publishing pages. Every one is an OnceForm: a double click stores once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FileField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp
from wtforms.widgets import HiddenInput

from portal.forms import OnceForm
from portal.staff.forms import ChoiceField, PrefixedForm

MAX_TEXT = 1024 * 1024


class RevisionForm(PrefixedForm):
    """A form about a concept at the revision the page showed: a stale one is refused."""

    revision = IntegerField(validators=[InputRequired()], widget=HiddenInput())


class NewFromTemplateForm(PrefixedForm):
    form_prefix = "nieuw"
    slug = StringField(
        _l("Naam van het formulier in het webadres"),
        validators=[DataRequired(message=_l("Vul een naam in, zoals wmo-hulp-thuis.")), Length(max=64)],
    )


class CopyForm(PrefixedForm):
    form_prefix = "kopie"
    source = ChoiceField(
        _l("Welk formulier wilt u kopiëren?"),
        invalid=_l("Kies een formulier uit de lijst."),
        validators=[InputRequired(message=_l("Kies een formulier."))],
    )
    slug = StringField(
        _l("Naam van het nieuwe formulier in het webadres"),
        validators=[DataRequired(message=_l("Vul een naam in, zoals wmo-hulp-thuis.")), Length(max=64)],
    )


class NewConceptForm(OnceForm):
    """A button: a concept of this form's live version, or of an older version (restore)."""


class EditorForm(RevisionForm):
    form_prefix = "yaml"
    definition = TextAreaField(
        _l("De YAML van het formulier"),
        validators=[InputRequired(message=_l("Vul de YAML van het formulier in.")), Length(max=MAX_TEXT)],
    )


class UploadForm(RevisionForm):
    form_prefix = "bestand"
    file = FileField(_l("YAML-bestand"))


class PublishForm(RevisionForm):
    form_prefix = "publiceren"
    note = TextAreaField(
        _l("Wat is er veranderd?"),
        validators=[DataRequired(message=_l("Schrijf kort wat er is veranderd.")), Length(max=2000)],
    )


class ApproveForm(RevisionForm):
    form_prefix = "goedkeuren"
    reason = TextAreaField(
        _l("Waarom keurt u het concept goed?"),
        validators=[DataRequired(message=_l("Schrijf waarom u het concept goedkeurt.")), Length(max=2000)],
    )


class ScheduleForm(RevisionForm):
    form_prefix = "plannen"
    day = DateField(_l("Datum"), validators=[InputRequired(message=_l("Vul een datum in, zoals 2026-12-24."))])
    time = StringField(
        _l("Tijd"),
        default="09:00",
        validators=[
            InputRequired(message=_l("Vul een tijd in, zoals 09:00.")),
            Regexp(r"^([01]?\d|2[0-3])[:.][0-5]\d$", message=_l("Vul een tijd in, zoals 09:00.")),
        ],
    )
    note = TextAreaField(
        _l("Wat is er veranderd?"),
        validators=[DataRequired(message=_l("Schrijf kort wat er is veranderd.")), Length(max=2000)],
    )


class CheckForm(RevisionForm):
    form_prefix = "controle"


class DiscardForm(RevisionForm):
    form_prefix = "weggooien"


class RetireForm(PrefixedForm):
    form_prefix = "uit-gebruik"
    message_nl = TextAreaField(
        _l("Bericht voor inwoners (Nederlands)"),
        validators=[DataRequired(message=_l("Schrijf waar inwoners nu terechtkunnen.")), Length(max=1000)],
    )
    message_en = TextAreaField(
        _l("Bericht voor inwoners (Engels)"),
        validators=[DataRequired(message=_l("Schrijf het bericht ook in het Engels.")), Length(max=1000)],
    )
