"""The quality report of a concept: is every text plain (B1), translated, and is every step reachable.

The B1 findings come from portal/b1.py, the same check as the tests and `flask forms validate`, but said per
text: which sentence is too long, which officialese word has which plain alternative. The accessibility of
the preview pages is in portal/formadmin/accessibility.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from portal import b1
from portal.dutch_text import words
from portal.formdefs import Result
from portal.formdefs.loader import parse_yaml
from portal.formdefs.semantics import texts


@dataclass(frozen=True)
class TextFinding:
    path: str
    line: int | None
    text: str
    message: str
    advice: str = ""


@dataclass(frozen=True)
class QualityReport:
    b1: list[TextFinding]
    translations: list[TextFinding]
    unreachable: list[TextFinding]
    checked_texts: int

    @property
    def open_b1(self) -> bool:
        return bool(self.b1)


def b1_findings(path: str, line: int | None, text: str) -> list[TextFinding]:
    """Everything the B1 check finds in one Dutch text, each with what to do about it."""
    report = b1.check(text)
    if report.passed:
        return []
    found = [
        TextFinding(
            path,
            line,
            sentence,
            _("Deze zin is te lang (%(num)s woorden).", num=len(words(sentence))),
            _("Maak er twee zinnen van. Een zin heeft hoogstens %(max)s woorden.", max=b1.MAX_SENTENCE),
        )
        for sentence in b1.long_sentences(text)
    ]
    found += [
        TextFinding(
            path, line, text, _("'%(word)s' is ambtelijke taal.", word=word), _("Schrijf: %(plain)s", plain=plain)
        )
        for word, plain in b1.officialese_pairs(b1.clean(text))
    ]
    found += [
        TextFinding(
            path, line, text, _("'%(word)s' is een lang woord.", word=word), _("Splits het of zeg het eenvoudiger.")
        )
        for word in b1.long_words(words(b1.clean(text)))
    ]
    if report.average_sentence and report.average_sentence > b1.MAX_AVERAGE_SENTENCE:
        found.append(
            TextFinding(path, line, text, _("De zinnen zijn gemiddeld te lang."), _("Schrijf kortere zinnen."))
        )
    if report.douma is not None and report.douma < b1.MIN_DOUMA and not found:
        found.append(
            TextFinding(path, line, text, _("De tekst is moeilijk te lezen."), _("Gebruik kortere woorden en zinnen."))
        )
    return found


def _lines(text: str) -> dict[str, int]:
    return parse_yaml(text, "concept.yaml").lines


def _line(lines: dict[str, int], path: str) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path.rpartition("/")[0]
    return lines.get("")


def report(text: str, result: Result) -> QualityReport | None:
    """None when the concept cannot be read at all (its problems say why)."""
    if result.definition is None:
        return None
    lines = _lines(text)
    definition = result.definition
    languages = definition.get("languages") or ["nl"]
    found, missing, count = [], [], 0
    for path, value in texts(definition):
        count += 1
        line = _line(lines, path)
        found += b1_findings(path, line, value.get("nl", ""))
        absent = [language for language in languages if not value.get(language, "").strip()]
        if absent:
            shown = value.get("nl") or next(iter(value.values()), "")
            missing.append(TextFinding(path, line, shown, _("Vertaling ontbreekt: %(langs)s", langs=", ".join(absent))))
    unreachable = [
        TextFinding(problem.path, problem.line, problem.path, _("Geen route komt bij deze stap. Niemand ziet hem."))
        for problem in result.problems
        if problem.kind == "unreachable"
    ]
    return QualityReport(found, missing, unreachable, count)
