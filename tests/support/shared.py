"""Find ../shared (the public specs and test data). It exists beside the repo on developer machines and
in CI, but not on users' machines: tests that need it skip elsewhere, and fail in CI when it is missing."""

from __future__ import annotations

from pathlib import Path

from tests.support.services import require

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
BRP_SPEC = SHARED / "specs" / "brp" / "brp-personen-openapi-2.7.0-resolved.json"
BRP_TEST_PERSONS = SHARED / "specs" / "brp" / "brp-testpersonen-2024-06-11.json"


def shared_file(path: Path) -> Path:
    require(path.exists(), f"{path.name} (in ../shared)")
    return path
