"""Checks on a file a resident uploads: its size, and its type judged by its content, not its name."""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What we accept, by the type the content shows, with the extensions that may go with it.
ACCEPTED = {"application/pdf": {"pdf"}, "image/jpeg": {"jpg", "jpeg"}, "image/png": {"png"}}


class UploadRefused(ValueError):
    """`code` says why: "empty", "too_large", "wrong_type"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


def check_upload(
    upload: FileStorage, max_bytes: int = MAX_UPLOAD_BYTES, accepted: dict[str, set[str]] | None = None
) -> CheckedFile:
    """`accepted`: content type -> the extensions that may go with it (default ACCEPTED)."""
    accepted = ACCEPTED if accepted is None else accepted
    content = upload.stream.read(max_bytes + 1)
    if not content:
        raise UploadRefused("empty")
    if len(content) > max_bytes:
        raise UploadRefused("too_large")
    kind = filetype.guess(content)
    if kind is None or kind.mime not in accepted:
        raise UploadRefused("wrong_type")
    stem, _, extension = (secure_filename(upload.filename or "") or "bestand").rpartition(".")
    if extension.lower() not in accepted[kind.mime]:
        # The name lies about the content (or has no extension): name it after what it is.
        stem, extension = stem or extension, kind.extension
    return CheckedFile(filename=f"{stem}.{extension.lower()}", content_type=kind.mime, content=content)
