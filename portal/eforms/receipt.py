"""The PDF receipt of a submitted e-form: an accessible, tagged PDF/UA-1 document made with WeasyPrint.

The receipt holds what the resident answered, as the form's check-answers page shows it: sections of
(question, answer) pairs, the reference and what happens next. It never holds a BSN (the runner gives only
the answers a resident gave or saw). `ReceiptData` travels through the outbox as JSON (`to_payload` /
`from_payload`), so the PDF can be made after the submission's transaction, and made again on a retry.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from portal.i18n import clock_time, long_date

ZERO_WIDTH_SPACE = "\u200b"
LONG_RUN = re.compile(r"\S{30}(?=\S)")

Row = tuple[str, str]
Section = tuple[str, list[Row]]


@dataclass(frozen=True)
class ReceiptData:
    title: str
    reference: str
    submitted_at: datetime  # aware; a naive one is taken as UTC, as the portal stores its times
    lang: str
    sections: list[Section] = field(default_factory=list)
    next_steps: str = ""
    municipality: str = ""  # empty: MUNICIPALITY_NAME from the configuration
    on_mijn_zaken: bool = True  # the resident was logged in: the case (and this receipt) is in Mijn zaken

    def __post_init__(self):
        if self.submitted_at.tzinfo is None:
            object.__setattr__(self, "submitted_at", self.submitted_at.replace(tzinfo=UTC))
        sections = [
            (_text(heading), [(_text(label), _text(value)) for label, value in rows]) for heading, rows in self.sections
        ]
        object.__setattr__(self, "sections", sections)

    @property
    def filename(self) -> str:
        return f"ontvangstbewijs-{self.reference}.pdf"

    def municipality_name(self) -> str:
        return self.municipality or current_app.config["MUNICIPALITY_NAME"]

    def to_payload(self) -> dict:
        return {
            "title": self.title,
            "reference": self.reference,
            "submitted_at": self.submitted_at.isoformat(),
            "lang": self.lang,
            "sections": [[heading, [list(row) for row in rows]] for heading, rows in self.sections],
            "next_steps": self.next_steps,
            "municipality": self.municipality,
            "on_mijn_zaken": self.on_mijn_zaken,
        }

    @classmethod
    def from_payload(cls, payload: Mapping) -> ReceiptData:
        return cls(
            title=payload["title"],
            reference=payload["reference"],
            submitted_at=datetime.fromisoformat(payload["submitted_at"]),
            lang=payload["lang"],
            sections=[(heading, [tuple(row) for row in rows]) for heading, rows in payload["sections"]],
            next_steps=payload.get("next_steps", ""),
            municipality=payload.get("municipality", ""),
            on_mijn_zaken=payload.get("on_mijn_zaken", True),
        )


def _text(value: object) -> str:
    """An answer as text: a list (checkboxes, family members) one per line, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(_text(item) for item in value)
    return str(value)


def breakable(text: str) -> str:
    """Text with a zero-width space after every 30 characters of an unbroken run (a long email address, a URL,
    a hostile answer without spaces): the line can wrap there, and WeasyPrint need not search for a place to
    break, which takes it seconds on ten thousand characters. Screen readers and text extraction skip it."""
    return LONG_RUN.sub(lambda match: match.group(0) + ZERO_WIDTH_SPACE, text)


def document_title(data: ReceiptData) -> str:
    """The PDF's title (shown by readers instead of the file name): what it is, of which form, which case."""
    with force_locale(data.lang):
        return _("Ontvangstbewijs %(reference)s: %(title)s", reference=data.reference, title=data.title)


def receipt_html(data: ReceiptData) -> str:
    """The receipt as HTML, in the receipt's language. Every value is escaped by the template."""
    with force_locale(data.lang):
        submitted = _("%(day)s om %(time)s", day=long_date(data.submitted_at), time=clock_time(data.submitted_at))
        sections = [
            (breakable(heading), [(breakable(label), breakable(value)) for label, value in rows])
            for heading, rows in data.sections
        ]
        return render_template(
            "eforms/receipt_pdf.html",
            receipt=data,
            sections=sections,
            municipality=data.municipality_name(),
            submitted=submitted,
            document_title=document_title(data),
        )


def make_pdf(data: ReceiptData) -> bytes:
    """The receipt as a tagged PDF/UA-1: title, language, headings and tables a screen reader reads in order.

    Nothing is fetched while rendering (no protocol allowed): an answer can never make the renderer load a URL."""
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # seven lines per PDF say nothing new
    html = HTML(string=receipt_html(data), url_fetcher=URLFetcher(allowed_protocols=()))
    return html.write_pdf(pdf_variant="pdf/ua-1")
