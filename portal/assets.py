"""Static files with content-hashed names, cached for a year and sent precompressed.

At start-up every file under static/ (the vendored sources excepted) is copied once to
instance/assets/<name>.<hash>.<ext>, next to a gzip and a brotli version of it. WhiteNoise serves that folder under
/static/ with `Cache-Control: max-age=31536000, immutable`, picking the encoding the browser accepts. Templates
link to `asset_url("css/portal.css")`, so a changed file gets a new name and a browser never needs to ask again.
Flask's own /static/ route stays as the fallback for a file linked by its plain name.

HTML is compressed too (Flask-Compress). That is safe against BREACH-style attacks here: the session cookie is
SameSite=Lax, so another site cannot make a browser fetch our pages with the resident's cookie over and over.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from flask import Flask, current_app
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm, _compress_data
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from portal.config import ROOT

STATIC = ROOT / "static"
SKIPPED = ("vendor",)  # vendored sources are built into css/portal.css, never linked
YEAR = 365 * 24 * 3600
COMPRESSED_TYPES = ["text/html", "text/calendar"]  # the API answers (mocks, /health) are small JSON: left as they are


def hashed_name(relative: str, content: bytes) -> str:
    stem, dot, extension = relative.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:12]
    return f"{stem}.{digest}.{extension}" if dot else f"{relative}.{digest}"


def _published_files() -> list[Path]:
    return sorted(
        path for path in STATIC.rglob("*") if path.is_file() and path.relative_to(STATIC).parts[0] not in SKIPPED
    )


def _publish(target: Path, content: bytes, compressor: Compressor) -> None:
    """Write the file and its compressed variants atomically, the variants first: several processes (the workers
    of a fresh deploy, test runs side by side) may build at once, and WhiteNoise indexes the folder when its process
    starts. A process that sees the file therefore also sees its .gz and .br, and never serves it uncompressed."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=f"-{target.name}")
    with os.fdopen(handle, "wb") as output:
        output.write(content)
    if compressor.should_compress(temporary):
        for compressed in compressor.compress(temporary):
            os.chmod(compressed, 0o644)
            os.replace(compressed, str(target) + compressed[len(temporary) :])
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def build(output: Path) -> dict[str, str]:
    """Copy every published file to its hashed name with compressed variants; return {plain name: hashed name}."""
    manifest, compressor = {}, Compressor(quiet=True)
    for path in _published_files():
        relative = path.relative_to(STATIC).as_posix()
        content = path.read_bytes()
        manifest[relative] = hashed_name(relative, content)
        _publish(output / manifest[relative], content, compressor)
    return manifest


def asset_url(name: str) -> str:
    return "/static/" + current_app.extensions["asset_manifest"].get(name, name)


def init_app(app: Flask) -> None:
    output = Path(app.instance_path) / "assets"
    app.extensions["asset_manifest"] = build(output)
    app.jinja_env.globals["asset_url"] = asset_url
    app.wsgi_app = WhiteNoise(
        app.wsgi_app, root=str(output), prefix="static/", max_age=YEAR, immutable_file_test=lambda _path, _url: True
    )
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    app.extensions["compress"] = Compress(app)


def compress_html(app: Flask, body: bytes, accept_encoding: str) -> tuple[bytes, str | None]:
    """The body as Flask-Compress would send it for this Accept-Encoding, and the encoding (None: as it is), for
    the fast path for public pages (portal/publiccopy.py), which has no Flask response. Flask-Compress's own
    choice and compression functions (private, so the version is pinned; tests/integration/test_public_copy.py
    compares the two paths), so that both paths negotiate alike."""
    compress = app.extensions["compress"]
    algorithm = _choose_algorithm(compress.enabled_algorithms, accept_encoding)
    if algorithm is None or len(body) < app.config["COMPRESS_MIN_SIZE"]:
        return body, None
    return _compress_data(app, body, algorithm), algorithm
