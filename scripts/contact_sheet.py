"""Write test-artifacts/screenshots/index.html: every page the browser tests visited, at 320 and 1280 CSS
pixels wide, side by side, in the order the tests visited them. `make screenshots` runs the browser tests
with MG_SCREENSHOTS=1 (tests/browser/support.py saves the images) and then this script.

Run: .venv/bin/python scripts/contact_sheet.py [folder]
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "test-artifacts" / "screenshots"

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>MijnGemeente: {count} pages at 320 and 1280 px</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem; }}
section {{ border-block-end: 1px solid #ccc; padding-block: 1rem; }}
h2 {{ font-size: 1rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }}
.shots {{ display: flex; gap: 1rem; align-items: flex-start; }}
figure {{ margin: 0; }} figcaption {{ font-size: .8rem; color: #444; }}
img {{ border: 1px solid #999; display: block; }}
.w320 img {{ inline-size: 320px; }} .w1280 img {{ inline-size: 640px; }}
</style></head>
<body>
<h1>{count} pages and states the browser tests visit</h1>
<p>Each at 320 px (left, actual size) and 1280 px (right, half size). Click an image for full size.</p>
{sections}
</body></html>
"""

SECTION = """<section id="{name}"><h2>{name}<br><small>{url}</small></h2><div class="shots">
<figure class="w320"><a href="{name}@320.png"><img src="{name}@320.png" alt="{name} at 320 px" loading="lazy"></a>
<figcaption>320 px</figcaption></figure>
<figure class="w1280"><a href="{name}@1280.png"><img src="{name}@1280.png" alt="{name} at 1280 px" loading="lazy"></a>
<figcaption>1280 px</figcaption></figure></div></section>"""


def write_sheet(folder: Path) -> Path:
    names = sorted(path.name.removesuffix("@320.png") for path in folder.glob("*@320.png"))
    sections = []
    for name in names:
        url_file = folder / f"{name}.url"
        url = url_file.read_text(encoding="utf-8") if url_file.exists() else ""
        sections.append(SECTION.format(name=html.escape(name), url=html.escape(url)))
    sheet = folder / "index.html"
    sheet.write_text(PAGE.format(count=len(names), sections="\n".join(sections)), encoding="utf-8")
    return sheet


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT
    if not folder.is_dir():
        print(f"{folder}: no screenshots yet (run `make screenshots`)", file=sys.stderr)
        return 1
    sheet = write_sheet(folder)
    print(f"{sheet}: {len(list(folder.glob('*@320.png')))} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
