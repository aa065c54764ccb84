"""Forms a resident fills in on a case: a message, and the answer to a task."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from portal.cases.uploads import MAX_UPLOAD_BYTES, UploadRefused, check_upload
from portal.forms import OnceForm

MAX_FILES = 5
UPLOAD_ERRORS = {
    "empty": _l("Het bestand %(name)s is leeg. Kies een ander bestand."),
    "too_large": _l("Het bestand %(name)s is te groot. Een bestand mag niet groter zijn dan %(size)s MB."),
    "wrong_type": _l("Het bestand %(name)s kunnen we niet openen. Stuur een PDF, JPG of PNG."),
}


class MessageForm(OnceForm):
    onderwerp = StringField(
        _l("Onderwerp"),
        validators=[
            DataRequired(message=_l("Schrijf een onderwerp")),
            Length(max=200, message=_l("Gebruik niet meer dan 200 tekens")),
        ],
    )
    tekst = TextAreaField(
        _l("Uw bericht"),
        validators=[
            DataRequired(message=_l("Schrijf uw bericht")),
            Length(max=4000, message=_l("Gebruik niet meer dan 4000 tekens")),
        ],
    )


class TaskAnswerForm(OnceForm):
    antwoord = TextAreaField(
        _l("Uw antwoord"), validators=[Length(max=4000, message=_l("Gebruik niet meer dan 4000 tekens"))]
    )
    bestanden = MultipleFileField(_l("Bestanden"))

    checked_files: list

    def validate_bestanden(self, field):
        uploads = [upload for upload in field.data or [] if upload and upload.filename]
        if len(uploads) > MAX_FILES:
            raise ValidationError(_l("Stuur niet meer dan %(count)s bestanden tegelijk.", count=MAX_FILES))
        self.checked_files = []
        for upload in uploads:
            try:
                self.checked_files.append(check_upload(upload))
            except UploadRefused as refused:
                raise ValidationError(
                    UPLOAD_ERRORS[refused.code] % {"name": upload.filename, "size": MAX_UPLOAD_BYTES // 2**20}
                ) from refused
        if not uploads and not (self.antwoord.data or "").strip():
            raise ValidationError(_l("Schrijf een antwoord of kies een bestand"))
