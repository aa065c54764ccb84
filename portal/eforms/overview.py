"""Mijn overzicht → "Formulieren om af te maken": the resident's drafts not yet sent, with a way back in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for

from portal.db import get_session
from portal.eforms.texts import loc
from portal.queries import eforms as queries
from portal.queries.forms import version_by_id


@dataclass(frozen=True)
class Unfinished:
    title: str
    url: str
    updated_at: datetime
    expires_at: datetime


def unfinished(resident_sub: str, lang: str) -> list[Unfinished]:
    shown = []
    for draft in queries.open_drafts_of(f"resident:{resident_sub}"):
        version = version_by_id(get_session(), draft.form_version_id)
        shown.append(
            Unfinished(
                title=loc(version.definition.get("title"), lang),
                url=url_for("eforms.resume", slug=draft.slug, draft_id=draft.public_id),
                updated_at=draft.updated_at,
                expires_at=draft.expires_at,
            )
        )
    return shown
