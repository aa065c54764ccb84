"""Keep only the CSS rules the portal can use: a selector stays when every class it names (outside `:not()`)
is written somewhere in the templates, the JavaScript or the Python code, or starts with a prefix that a
template completes at run time (`utrecht-alert--{{ type }}` keeps every `utrecht-alert--…` modifier).

The stylesheet is parsed with tinycss2; only the keep-or-drop decision is ours. At-rules other than @media and
@supports (custom properties, @font-face, @keyframes) are kept as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2

WORD = re.compile(r"[A-Za-z0-9_-]+")
DYNAMIC_PREFIX = re.compile(r"([A-Za-z][A-Za-z0-9_-]*(?:--|-))\{[{%]")
CLASS = re.compile(r"\.([A-Za-z_-][A-Za-z0-9_-]*)")
NEGATION = re.compile(r":not\([^)]*\)")
NESTED_AT_RULES = {"media", "supports"}


class Usage:
    """The words and run-time class prefixes found in the code that renders pages."""

    def __init__(self, root: Path):
        self.words: set[str] = set()
        prefixes: set[str] = set()
        for pattern in ("templates/**/*.html", "static/js/*.js", "portal/**/*.py"):
            for path in sorted(root.glob(pattern)):
                text = path.read_text(encoding="utf-8")
                self.words.update(WORD.findall(text))
                prefixes.update(DYNAMIC_PREFIX.findall(text))
        self.prefixes = tuple(sorted(prefixes))

    def uses(self, selector: str) -> bool:
        return all(
            name in self.words or name.startswith(self.prefixes) for name in CLASS.findall(NEGATION.sub("", selector))
        )


def _selectors(prelude) -> list[str]:
    """The selector list of a rule, split on the commas that are not inside parentheses."""
    parts, depth, current = [], 0, []
    for char in tinycss2.serialize(prelude):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _rules(rules, usage: Usage) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [selector for selector in _selectors(rule.prelude) if usage.uses(selector)]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED_AT_RULES and rule.content is not None:
            inner = _rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), usage)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return kept


def used_rules(css: str, usage: Usage) -> str:
    """`css` without the rules whose every selector names a class that nothing renders."""
    return "".join(_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), usage))
