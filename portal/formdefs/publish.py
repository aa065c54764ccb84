"""Publishing a checked definition as an immutable version. Adds and flushes; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from portal.formdefs.loader import shipped_paths
from portal.formdefs.validate import Result, content_hash, validate_file
from portal.queries import forms as queries


class PublishError(ValueError):
    """The definition has problems; nothing was stored."""

    def __init__(self, result: Result):
        super().__init__("\n".join(map(str, result.problems)))
        self.result = result


@dataclass(frozen=True)
class Published:
    slug: str
    version: int
    version_id: int
    content_hash: str
    new: bool

    def __str__(self) -> str:
        if self.new:
            return f"{self.slug}: new version {self.version} ({self.content_hash[:12]})"
        return f"{self.slug}: unchanged, version {self.version} ({self.content_hash[:12]})"


def publish(db: Session, result: Result, *, published_by: str, change_note: str = "") -> Published:
    """A new live version when the content differs from the newest version; otherwise nothing changes."""
    if not result.ok:
        raise PublishError(result)
    digest = content_hash(result.definition)
    newest = queries.newest_version(db, result.slug)
    if newest is not None and newest.content_hash == digest:
        return Published(newest.slug, newest.version, newest.id, digest, new=False)
    stored = queries.add_live_version(
        db,
        result.slug,
        definition=result.definition,
        content_hash=digest,
        published_by=published_by,
        change_note=change_note,
    )
    return Published(stored.slug, stored.version, stored.id, digest, new=True)


def publish_files(
    db: Session, paths: list[Path] | None = None, *, published_by: str, change_note: str = ""
) -> list[Published]:
    """Validate every file first and publish none when one has problems (PublishError of the first)."""
    results = [validate_file(path) for path in (paths or shipped_paths())]
    for result in results:
        if not result.ok:
            raise PublishError(result)
    return [publish(db, result, published_by=published_by, change_note=change_note) for result in results]
