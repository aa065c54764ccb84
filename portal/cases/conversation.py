"""One conversation per case: our messages and questions, the resident's messages and answers, oldest first.

Built in Python from what the case page has already loaded (messages, tasks, documents): no extra queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Entry:
    kind: str  # "bericht", "vraag" (a task we sent) or "antwoord" (the resident's answer to it)
    by_resident: bool
    author: str  # the case worker's name for our messages; empty when the page says "u" or "de inwoner"
    title: str
    text: str
    at: datetime
    files: list = field(default_factory=list)
    is_new: bool = False


def conversation(messages, tasks, documents, *, seen_before: datetime | None = None) -> list[Entry]:
    """`seen_before`: when the reader last looked; our entries after it are marked new (for the resident)."""
    files_of: dict[int, list] = {}
    for document in documents:
        if document.taak_id:
            files_of.setdefault(document.taak_id, []).append(document)
    entries = [
        Entry(
            kind="bericht",
            by_resident=message.richting == "inwoner",
            author=message.afzender,
            title=message.onderwerp,
            text=message.tekst,
            at=message.verzonden_op,
        )
        for message in messages
    ]
    for taak in tasks:
        entries.extend(_task_entries(taak, files_of.get(taak.id, [])))
    entries.sort(key=lambda entry: entry.at)
    if seen_before is None:
        return entries
    return [
        Entry(**{**entry.__dict__, "is_new": not entry.by_resident and entry.at > seen_before}) for entry in entries
    ]


def answered_on(zaak, tasks) -> date | None:
    """The day the resident answered our last question, when all questions are answered and that answer came
    after the current step was reached: the step's text then no longer says that we wait for them."""
    if not tasks or any(taak.is_open for taak in tasks):
        return None
    last = max(taak.afgerond_op for taak in tasks)
    if zaak.status_gezet_op and last < zaak.status_gezet_op:
        return None
    return last.date()


def _task_entries(taak, files: list) -> list[Entry]:
    """Our question, and the resident's answer with its files once there is one."""
    question = Entry(
        kind="vraag", by_resident=False, author="", title=taak.titel, text=taak.toelichting, at=taak.aangemaakt_op
    )
    if not taak.afgerond_op:
        return [question]
    answer = Entry(
        kind="antwoord",
        by_resident=True,
        author="",
        title=taak.titel,
        text=taak.antwoord or "",
        at=taak.afgerond_op,
        files=files,
    )
    return [question, answer]
