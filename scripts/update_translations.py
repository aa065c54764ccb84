"""Extract the messages, update the nl and en catalogues, and compile them.

Run: .venv/bin/python scripts/update_translations.py
Dutch B1 is the source language: the nl catalogue keeps empty translations (the msgid is shown);
new English translations are written in translations/en/LC_MESSAGES/messages.po.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*args: str) -> None:
    subprocess.run([str(BIN / "pybabel"), *args], cwd=ROOT, check=True)


def main() -> int:
    run(
        "extract",
        "-F",
        "translations/babel.cfg",
        "-k",
        "_l",
        "-o",
        "translations/messages.pot",
        "--no-location",
        "--sort-output",
        ".",
    )
    run("update", "-i", "translations/messages.pot", "-d", "translations", "-D", "messages", "--no-fuzzy-matching")
    run("compile", "-d", "translations", "-D", "messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
