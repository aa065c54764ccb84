"""What staff read: the checks' problems said in B1 Dutch (English in the catalogue), and every refusal.

The checks (portal/formdefs) speak English for the CLI and developers. Here each kind of problem gets a plain
sentence; the path and the line stay as they are, so nobody has to guess which line is meant. A problem of a
kind not listed here is shown with the check's own words behind a Dutch opening, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.formdefs.loader import Problem

# (pattern of the check's English message, the B1 sentence; named groups fill the sentence).
PLAIN = [
    (r"'(?P<key>[^']+)' is missing", _l("'%(key)s' ontbreekt. Vul het in.")),
    (
        r"unknown key (?P<key>.+?): check the spelling",
        _l("De sleutel %(key)s kennen we niet. Kijk of hij goed is gespeld."),
    ),
    (r"should be (?P<want>.+), not (?P<got>.+)", _l("Hier hoort een andere soort waarde (%(want)s, niet %(got)s).")),
    (
        r"(?P<value>.+) is not allowed here; use one of: (?P<allowed>.+)",
        _l("%(value)s mag hier niet. Kies uit: %(allowed)s."),
    ),
    (
        r"goto loop: (?P<detail>.+)",
        _l(
            "Deze route gaat terug naar een eerdere stap. Zo stopt het formulier nooit. "
            "Laat de route naar een latere stap gaan. (%(detail)s)"
        ),
    ),
    (r"the step '(?P<step>[^']+)' does not exist", _l("De stap '%(step)s' bestaat niet.")),
    (
        r"no route leads to the step '(?P<step>[^']+)'",
        _l("Geen route komt bij de stap '%(step)s'. Niemand ziet deze stap."),
    ),
    (r"no route leads to the exit page '(?P<step>[^']+)'", _l("Geen route komt bij de uitgang '%(step)s'.")),
    (
        r"the exit page '(?P<step>[^']+)' does not exist in 'exits'",
        _l("De uitgang '%(step)s' staat niet onder 'exits'."),
    ),
    (
        r"the condition looks at 'answers\.(?P<field>[^']+)', which is asked later.*",
        _l("De voorwaarde kijkt naar '%(field)s'. Die vraag komt pas later. Kijk alleen naar eerdere vragen."),
    ),
    (
        r"the condition looks at 'answers\.(?P<field>[^']+)', but no question has that id",
        _l("De voorwaarde kijkt naar '%(field)s'. Geen vraag heeft die naam."),
    ),
    (r"the text has no (?P<langs>[a-z, ]+):.*", _l("Deze tekst heeft geen vertaling in: %(langs)s.")),
    (r"not B1: (?P<detail>.+)", _l("Deze tekst is niet eenvoudig genoeg (B1): %(detail)s")),
    (r"anchors and aliases .*", _l("Ankers en verwijzingen (& en *) mogen niet. Schrijf de tekst voluit.")),
    (r"the merge key << .*", _l("De sleutel << mag niet. Schrijf de tekst voluit.")),
    (r"the YAML tag .*", _l("Deze YAML-tag mag niet. Gebruik gewone tekst, lijsten en sleutels.")),
    (r"the key '(?P<key>[^']+)' is given twice", _l("De sleutel '%(key)s' staat er twee keer.")),
    (r"the file is (?P<kb>\d+) KB; .*", _l("Het bestand is %(kb)s kB. Het mag niet groter zijn dan 1024 kB.")),
    (r"the file is not UTF-8 text", _l("Het bestand is geen UTF-8-tekst. Sla het op als UTF-8.")),
    (r"not valid YAML: (?P<detail>.+)", _l("Dit is geen goede YAML: %(detail)s")),
    (
        r"the (?P<what>step|field) id '(?P<id>[^']+)' is also used .*",
        _l("De naam '%(id)s' is al gebruikt. Elke naam mag maar één keer."),
    ),
    (r"the case type '(?P<name>[^']+)' does not exist in casetypes/", _l("Het zaaktype '%(name)s' bestaat niet.")),
    (r"nested more than .*", _l("De tekst is te diep genest.")),
]
_PLAIN = [(re.compile(f"^{pattern}$", re.S), text) for pattern, text in PLAIN]

REFUSALS = {
    "slug_invalid": _l("Kies een naam met kleine letters, cijfers en streepjes, zoals wmo-hulp-thuis."),
    "slug_taken": _l("Er is al een formulier met deze naam. Kies een andere naam."),
    "no_version": _l("Dit formulier heeft die versie niet."),
    "not_open": _l("Dit concept is al gepubliceerd of weggegooid. Maak een nieuw concept."),
    "upload_too_large": _l("Het bestand is te groot. Het mag niet groter zijn dan 1024 kB."),
    "upload_not_utf8": _l("Het bestand is geen UTF-8-tekst. Sla het op als UTF-8 en probeer het opnieuw."),
    "upload_missing": _l("Kies een YAML-bestand."),
    "problems": _l("Het concept heeft nog fouten. Los die eerst op. Daarna kunt u publiceren."),
    "slug_changed": _l("De naam (slug) van een gepubliceerd formulier kan niet veranderen. Zet de oude naam terug."),
    "needs_approval": _l(
        "Het concept heeft nog punten voor taal of toegankelijkheid. Een tweede beheerder moet het eerst goedkeuren."
    ),
    "own_concept": _l("U heeft dit concept zelf gemaakt of bewaard. Een andere beheerder moet het goedkeuren."),
    "nothing_to_approve": _l("Dit concept heeft geen open punten. Goedkeuren is niet nodig."),
    "no_note": _l("Schrijf kort wat er is veranderd."),
    "no_reason": _l("Schrijf waarom u het concept goedkeurt, met de open punten."),
    "stale": _l("Iemand anders heeft het concept net bewaard. Bekijk de nieuwe versie en probeer het opnieuw."),
    "in_past": _l("Kies een moment in de toekomst."),
    "not_published": _l("Dit formulier is nog niet gepubliceerd."),
}


@dataclass(frozen=True)
class ShownProblem:
    line: int | None
    path: str
    message: str
    kind: str


def plain(problem: Problem) -> str:
    for pattern, text in _PLAIN:
        match = pattern.match(problem.message)
        if match:
            return str(text) % match.groupdict()
    return _("Er klopt iets niet: %(detail)s", detail=problem.message)


def shown(problems: list[Problem]) -> list[ShownProblem]:
    """The problems in the order of their lines, each said plainly."""
    ordered = sorted(problems, key=lambda problem: (problem.line or 0, problem.path))
    return [ShownProblem(problem.line, problem.path, plain(problem), problem.kind) for problem in ordered]


def refusal(reason: str) -> str:
    return str(REFUSALS.get(reason, REFUSALS["problems"]))
