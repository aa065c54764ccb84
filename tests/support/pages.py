"""Parse a rendered page and assert the invariants every page must keep.

- `<html lang>` is nl or en; exactly one `<h1>`; a non-empty `<title>`;
- every id is unique; every visible input, select and textarea has a label (or aria-label);
- every form is `novalidate` (the server validates) and every POST form carries a CSRF token;
- no inline script or style without the CSP nonce; no `style=` attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class ParsedPage:
    lang: str = ""
    title: str = ""
    h1: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    label_for: set[str] = field(default_factory=set)
    fields: list[dict] = field(default_factory=list)
    forms: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return " ".join(" ".join(self.text).split())


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in = {"title": False, "h1": False, "label": 0, "script": False, "style": False}
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.page.ids.append(attributes["id"])
        if "style" in attributes:
            self.page.problems.append(f"inline style attribute on <{tag}>")
        handler = getattr(self, f"_start_{tag}", None)
        if handler:
            handler(attributes)
        elif tag in ("input", "select", "textarea"):
            self._field(tag, attributes)

    def _start_html(self, attributes):
        self.page.lang = attributes.get("lang", "")

    def _start_title(self, attributes):
        self._in["title"] = True

    def _start_h1(self, attributes):
        self._in["h1"] = True
        self.page.h1.append("")

    def _start_label(self, attributes):
        self._in["label"] += 1
        if attributes.get("for"):
            self.page.label_for.add(attributes["for"])

    def _start_script(self, attributes, tag="script"):
        self._in[tag] = True
        if not attributes.get("src") and "nonce" not in attributes:
            self.page.problems.append(f"inline <{tag}> without a nonce")

    def _start_style(self, attributes):
        self._start_script(attributes, tag="style")

    def _start_a(self, attributes):
        if attributes.get("href"):
            self.page.links.append(attributes["href"])

    def _start_form(self, attributes):
        self._form = {"attrs": attributes, "csrf": False}
        self.page.forms.append(self._form)

    def _field(self, tag, attributes):
        kind = attributes.get("type", "text") if tag == "input" else tag
        if tag == "input" and attributes.get("name") == "csrf_token" and self._form is not None:
            self._form["csrf"] = True
        if kind in UNLABELLED_TYPES:
            return
        self.page.fields.append(
            {
                "id": attributes.get("id"),
                "aria": attributes.get("aria-label") or attributes.get("aria-labelledby"),
                "wrapped": self._in["label"] > 0,
                "name": attributes.get("name"),
            }
        )

    def handle_endtag(self, tag):
        if tag in ("title", "h1", "script", "style"):
            self._in[tag] = False
        elif tag == "label":
            self._in["label"] -= 1
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._in["title"]:
            self.page.title += data
        if self._in["h1"]:
            self.page.h1[-1] += data
        if not (self._in["script"] or self._in["style"]):
            self.page.text.append(data)


def parse(html: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html)
    return parser.page


def check_page(response_or_html) -> ParsedPage:
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.get_data(as_text=True)
    page = parse(html)
    problems = list(page.problems)
    if page.lang not in ("nl", "en"):
        problems.append(f"<html lang> is {page.lang!r}")
    if len(page.h1) != 1:
        problems.append(f"{len(page.h1)} <h1> elements")
    if not page.title.strip():
        problems.append("empty <title>")
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids: {sorted(duplicates)}")
    for item in page.fields:
        if not (item["wrapped"] or item["aria"] or (item["id"] and item["id"] in page.label_for)):
            problems.append(f"field without a label: {item['name']}")
    for form in page.forms:
        if "novalidate" not in form["attrs"]:
            problems.append(f"form without novalidate: {form['attrs'].get('action')}")
        if form["attrs"].get("method", "get").lower() == "post" and not form["csrf"]:
            problems.append(f"POST form without a CSRF token: {form['attrs'].get('action')}")
    assert not problems, "Page invariants broken:\n- " + "\n- ".join(problems)
    return page
