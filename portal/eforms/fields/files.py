"""A file upload, judged by its content (portal/cases/uploads.py), with the definition's types and size limit.

No file chosen: an earlier upload of this field (`previous`) is kept, else the field is empty (or, when
required, an error). The answer stores the file's name, type, size and sha256; the content travels in
`StepResult.files` for the runner to store.
"""

from __future__ import annotations

import hashlib

from werkzeug.datastructures import FileStorage

from portal.cases.uploads import UploadRefused, check_upload
from portal.eforms.fields.context import UploadedFile
from portal.eforms.fields.inputs import Input, keep, values_of

# The definition's file types (validate.file_types) -> the content types that show them, with their extensions.
TYPES = {
    "pdf": {"application/pdf": {"pdf"}},
    "jpeg": {"image/jpeg": {"jpg", "jpeg"}},
    "png": {"image/png": {"png"}},
    "heic": {"image/heic": {"heic", "heif"}},
}
LABELS = {"pdf": "PDF", "jpeg": "JPG", "png": "PNG", "heic": "HEIC"}
DEFAULT_TYPES = ("pdf", "jpeg", "png")
DEFAULT_MAX_MB = 10


def allowed_types(inp: Input) -> list[str]:
    given = inp.rule("file_types")
    kinds = given.get("value") if isinstance(given, dict) else None
    kinds = [kind for kind in kinds if kind in TYPES] if isinstance(kinds, list) else []
    return kinds or list(DEFAULT_TYPES)


def _chosen(upload) -> bool:
    """A browser sends an empty part without a name when no file was chosen."""
    return not (isinstance(upload, FileStorage) and not upload.filename)


def _accept_previous(inp: Input) -> None:
    if isinstance(inp.previous, dict) and inp.previous.get("sha256"):
        inp.accept(inp.previous)
    elif inp.required:
        inp.fail("required")
    else:
        inp.accept(None)


def parse_file(inp: Input) -> None:
    uploads = [upload for upload in values_of(inp.files, inp.name) if _chosen(upload)]
    if not uploads:
        return _accept_previous(inp)
    if len(uploads) > 1:
        return inp.fail("one_value")
    upload = uploads[0]
    if not isinstance(upload, FileStorage):
        return inp.fail("not_a_file")
    inp.out.raw[inp.name] = keep((upload.filename or "")[:200])
    kinds = allowed_types(inp)
    accepted = {mime: extensions for kind in kinds for mime, extensions in TYPES[kind].items()}
    max_mb = inp.limit("max_size_mb", DEFAULT_MAX_MB)
    try:
        checked = check_upload(upload, max_bytes=int(max_mb * 1024 * 1024), accepted=accepted)
    except UploadRefused as refusal:
        rule = {"too_large": "max_size_mb", "wrong_type": "file_types"}.get(refusal.code, "empty_file")
        labels = ", ".join(LABELS[kind] for kind in kinds)
        return inp.fail(rule, value=f"{max_mb:g}" if rule == "max_size_mb" else labels)
    except (OSError, ValueError):
        return inp.fail("not_a_file")
    stored = UploadedFile(
        name=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=hashlib.sha256(checked.content).hexdigest(),
        data=checked.content,
    )
    inp.out.files[inp.id] = stored
    inp.accept(stored.meta())
