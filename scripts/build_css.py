"""Build static/css/portal.css: the vendored NL Design System component CSS we use, then our theme
tokens, then our layout, each without the rules no page can use (scripts/css_usage.py). One file keeps a page to
one stylesheet request.

Run: .venv/bin/python scripts/build_css.py   (tests fail when portal.css is out of date)
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from css_usage import Usage, used_rules  # noqa: E402  (a script run from anywhere, next to its helper)

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
OUTPUT = STATIC / "css" / "portal.css"

# Only the components the templates use, per component (not the whole bundle).
COMPONENTS = [
    "document",
    "page",
    "page-header",
    "page-content",
    "page-footer",
    "skip-link",
    "heading-1",
    "heading-2",
    "heading-3",
    "paragraph",
    "link",
    "unordered-list",
    "button",
    "button-link",
    "button-group",
    "alert",
    "data-list",
    "form-field",
    "form-label",
    "form-field-description",
    "form-field-error-message",
    "form-fieldset",
    "textbox",
    "textarea",
    "radio-button",
]
SOURCES = [STATIC / "vendor" / "nlds" / f"{name}.css" for name in COMPONENTS] + [
    STATIC / "css" / "theme.css",
    STATIC / "css" / "layout.css",
    STATIC / "css" / "workbench.css",
]
LICENCE = "/*! NL Design System components (@utrecht/*-css), EUPL-1.2, Frameless B.V. and Gemeente Utrecht. */\n"


def minify(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


def build() -> str:
    usage = Usage(ROOT)
    return LICENCE + "\n".join(minify(used_rules(path.read_text(encoding="utf-8"), usage)) for path in SOURCES) + "\n"


def main() -> int:
    css = build()
    OUTPUT.write_text(css, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(css):,} bytes, {len(gzip.compress(css.encode(), 9)):,} gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
