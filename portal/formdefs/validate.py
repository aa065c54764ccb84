"""One code path for every check of a definition: the CLI, publishing, the tests and (later) the staff editor."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from portal.formdefs import references, semantics
from portal.formdefs.loader import Loaded, Problem, load_file, load_text


@dataclass
class Result:
    source: str
    definition: dict | None = None
    problems: list[Problem] = field(default_factory=list)
    # With b1_blocks=False: the B1 problems, which then need a second publisher's approval instead.
    findings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.definition is not None and not self.problems

    @property
    def slug(self) -> str | None:
        return self.definition.get("slug") if isinstance(self.definition, dict) else None


def canonical_json(definition: dict) -> str:
    return json.dumps(definition, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(definition: dict) -> str:
    """The sha256 of the canonical JSON (keys sorted, no spaces, UTF-8): the same content, the same hash,
    however the YAML was laid out or commented."""
    return hashlib.sha256(canonical_json(definition).encode("utf-8")).hexdigest()


def _semantic_problems(loaded: Loaded) -> list[Problem]:
    problems = list(semantics.check_ids(loaded))
    problems += semantics.check_routes(loaded)
    problems += references.check_conditions(loaded)
    problems += references.check_prefill(loaded)
    problems += references.check_outcomes(loaded, semantics.known_casetypes())
    problems += semantics.check_texts(loaded)
    return problems


def _finish(loaded: Loaded, b1_blocks: bool = True) -> Result:
    if loaded.problems:
        return Result(loaded.source, problems=loaded.problems)
    problems = _semantic_problems(loaded)
    if b1_blocks:
        return Result(loaded.source, definition=loaded.data, problems=problems)
    return Result(
        loaded.source,
        definition=loaded.data,
        problems=[problem for problem in problems if problem.kind != "b1"],
        findings=[problem for problem in problems if problem.kind == "b1"],
    )


def validate_text(text: str | bytes, source: str = "form.yaml", *, b1_blocks: bool = True) -> Result:
    """`b1_blocks=False` is the staff editor's mode: a text that is not B1 is a finding (publishing it needs a
    second publisher's approval, portal/formadmin/publishing.py), not a problem. The CLI and forms/ keep B1 strict."""
    return _finish(load_text(text, source), b1_blocks)


def validate_file(path: Path) -> Result:
    loaded = load_file(path)
    if not loaded.problems and loaded.data["slug"] != path.stem:
        loaded.problems.append(
            loaded.problem(
                "slug", f"the slug '{loaded.data['slug']}' must be the file name without .yaml ('{path.stem}')"
            )
        )
    return _finish(loaded)
