"""Uploads are judged by their content, not their name."""

from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from portal.cases.uploads import UploadRefused, check_upload
from tests.support.cases import PDF, PNG


def upload(content: bytes, name: str) -> FileStorage:
    return FileStorage(io.BytesIO(content), filename=name)


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PDF, "loonstrook.pdf", "loonstrook.pdf"),
        (PDF, "Loonstrook.PDF", "Loonstrook.pdf"),
        (PNG, "foto.png", "foto.png"),
        (PDF, "scan", "scan.pdf"),
        (PNG, "foto.pdf", "foto.png"),  # named after what it is
        (PDF, "../../etc/passwd.pdf", "etc_passwd.pdf"),
    ],
)
def test_accepted_files_keep_a_safe_name_that_matches_their_content(content, name, expected):
    checked = check_upload(upload(content, name))
    assert checked.filename == expected
    assert checked.content == content


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "leeg.pdf", "empty"),
        (b"MZ\x90\x00" + b"\x00" * 60, "virus.pdf", "wrong_type"),  # a Windows program dressed as a PDF
        (b"<html><script>alert(1)</script></html>", "brief.pdf", "wrong_type"),
        (b"PK\x03\x04" + b"\x00" * 60, "archief.pdf", "wrong_type"),
        (PDF + b"x" * 2000, "groot.pdf", "too_large"),
    ],
)
def test_refused_files_say_why(content, name, code):
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload(content, name), max_bytes=1000)
    assert refused.value.code == code
