"""The field types of the e-form runner (issue 11): parse a step's POST, show an answer, render a question.

    ctx = FieldContext(lang="nl", prefill=snapshot, today=local_today(), bag=get_bag_client(), lists=form["lists"])
    result = parse_step(fields, request.form, request.files, ctx)        # StepResult
    refused = unexpected_keys(fields, request.form, request.files)        # list of keys to refuse the POST for
    display(field, value, ctx)                                             # "3 maart 2026", "€ 12,50", "Ja"
    {% from "eforms/fields.html" import render_field, error_summary %}    # markup (see field_view)

`fields` are the visible fields of one step that take input (`takes_input`). Server-side only: every rule is
checked here, whatever the browser did.
"""

from portal.eforms.fields.choices import FamilyMember, family_members, options
from portal.eforms.fields.context import FieldContext, StepResult, UploadedFile, text, value_at
from portal.eforms.fields.display import display, display_entry, prefilled
from portal.eforms.fields.labels import error_summary_items
from portal.eforms.fields.parse import (
    input_names,
    parse_entry,
    parse_step,
    prefill_answer,
    takes_input,
    unexpected_keys,
)
from portal.eforms.fields.view import field_view, init_app

__all__ = [
    "FamilyMember",
    "FieldContext",
    "StepResult",
    "UploadedFile",
    "display",
    "display_entry",
    "error_summary_items",
    "family_members",
    "field_view",
    "init_app",
    "input_names",
    "options",
    "parse_entry",
    "parse_step",
    "prefill_answer",
    "prefilled",
    "takes_input",
    "text",
    "unexpected_keys",
    "value_at",
]
