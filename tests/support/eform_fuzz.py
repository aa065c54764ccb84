"""Hypothesis strategies for posts to an e-form step, each post labelled by construction.

Every field gets a value drawn from one of three kinds, and the label says what parse_step must do with it:
- "valid": a value the definition accepts (a real date inside the limits, a known option, a safe text);
- "invalid": a value it must refuse (missing when required, two values for one, a control character or a
  right-to-left override, 1 MB, a date that does not exist, an unknown option, a file that is no photo);
- "any": random text of any kind, where only "no exception, and what was sent is kept" is asserted.
Extra keys ("x!…", near misses like "naam[]" or a repeat entry past its max) must be named by unexpected_keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict

from portal.eforms.fields import FieldContext, options
from portal.eforms.fields.dates import limit_date
from tests.support.cases import PDF, PNG
from tests.support.eform_fields import JPEG, TODAY

UNSAFE_CHARACTERS = ["\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\u202e", "\u202d", "\u2066", "\u2069", "\ufffe"]
SAFE = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Cf"))
HUGE = "x" * 1_000_001
MONTHS = ["maart", "mrt", "March", "mar."]


@dataclass
class Post:
    formdata: MultiDict = field(default_factory=MultiDict)
    files: MultiDict = field(default_factory=MultiDict)
    invalid: set[str] = field(default_factory=set)  # input names of fields that got an invalid value
    unsure: set[str] = field(default_factory=set)  # fields that got "any" value
    extra: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Part:
    """What one field adds to a post."""

    form: tuple = ()
    files: tuple = ()
    invalid: frozenset = frozenset()
    unsure: frozenset = frozenset()


def upload(content: bytes, name: str) -> FileStorage:
    import io

    return FileStorage(io.BytesIO(content), filename=name)


def required(item: dict) -> bool:
    return "required" in (item.get("validate") or {})


def limit(item: dict, rule: str, default):
    return ((item.get("validate") or {}).get(rule) or {}).get("value", default)


def spoiled(values) -> st.SearchStrategy[str]:
    """Values with a character we refuse somewhere in them."""
    return st.tuples(values, st.sampled_from(UNSAFE_CHARACTERS), st.integers(0, 80)).map(
        lambda drawn: drawn[0][: drawn[2]] + drawn[1] + drawn[0][drawn[2] :]
    )


def safe_text(max_size: int, multiline: bool = False):
    alphabet = st.one_of(SAFE, st.just("\n")) if multiline else SAFE
    return st.text(alphabet, max_size=min(max_size - 1, 24)).map(lambda text: "A" + text)


def scalar_value(item: dict, ctx: FieldContext):
    """(valid strategy, invalid-but-single-string strategy) for a field read from one text input."""
    kind = item["type"]
    if kind in ("text", "textarea"):
        maximum = limit(item, "max_length", 5000 if kind == "textarea" else 500)
        valid = safe_text(maximum, kind == "textarea")
        return valid, st.sampled_from([HUGE, "y" * (maximum + 1)])
    if kind == "email":
        return st.sampled_from(["naam@voorbeeld.nl", "Jan.de.Vries+melding@example.com", "a@b.nl"]), st.sampled_from(
            ["naam", "naam@", "@voorbeeld.nl", "a b@c.nl", HUGE]
        )
    if kind == "phone":
        return st.sampled_from(["06 12345678", "+31 6 12345678", "010-1234567", "+32 470 12 34 56"]), st.sampled_from(
            ["12", "bel mij", "06 1234", HUGE]
        )
    if kind == "number":
        low, high = limit(item, "min", -1000), limit(item, "max", 1000)
        valid = st.integers(int(low * 10) + 1, int(high * 10)).map(lambda tenths: f"{tenths / 10:g}".replace(".", ","))
        return valid, st.sampled_from(["drie", "1e5", f"{high + 1:g}", f"{low - 1:g}", "1,2,3", HUGE])
    values = [value for value, _ in options(item, ctx)]
    return st.sampled_from(values), st.sampled_from(["misschien", values[0].upper() + "x", "", HUGE])


def _date_strategies(item: dict):
    after = limit_date(limit(item, "after", "today-3650d"), TODAY)
    before = limit_date(limit(item, "before", "today+3650d"), TODAY)
    valid = st.builds(
        lambda offset, style: _date_parts(after + timedelta(days=offset), style),
        st.integers(0, (before - after).days),
        st.sampled_from(["number", "name", "short"]),
    )
    wrong = [
        ("31", "4", "2026"),
        ("32", "1", "2026"),
        ("3", "foo", "2026"),
        ("3", "3", "26"),
        ("3", "", ""),
        (HUGE, "3", "2026"),
        ("29", "februari", "2026"),
    ]
    if (item.get("validate") or {}).get("after"):
        wrong.append(_date_parts(after - timedelta(days=1), "number"))
    if (item.get("validate") or {}).get("before"):
        wrong.append(_date_parts(before + timedelta(days=1), "name"))
    return valid, st.sampled_from(wrong)


NAMES = {
    1: "januari",
    2: "februari",
    3: "maart",
    4: "april",
    5: "mei",
    6: "juni",
    7: "juli",
    8: "augustus",
    9: "september",
    10: "oktober",
    11: "november",
    12: "december",
}
SHORT = {
    1: "jan",
    2: "feb.",
    3: "mrt",
    4: "Apr",
    5: "May",
    6: "jun",
    7: "jul",
    8: "aug",
    9: "sept",
    10: "okt",
    11: "nov",
    12: "dec",
}


def _date_parts(day, style: str) -> tuple[str, str, str]:
    month = {"number": str(day.month), "name": NAMES[day.month], "short": SHORT[day.month]}[style]
    return str(day.day), month, str(day.year)


ADDRESS_VALID = [
    {"postcode": "1234 ab", "huisnummer": "1", "adres": "0000200000000001"},
    {"postcode": "2252EB", "huisnummer": "264", "adres": "0518200000000265", "gekozen": "2252EB-264--"},
    {"postcode": "2252eb", "huisnummer": " 264 ", "huisletter": "a", "adres": "0518200000000264"},
]
ADDRESS_INVALID = [
    {"postcode": "12345", "huisnummer": "1"},
    {"postcode": "1234AB", "huisnummer": "abc"},
    {"postcode": "1234AB", "huisnummer": ""},
    {"postcode": "", "huisnummer": "12"},
    {"postcode": "1234AB", "huisnummer": "1", "huisletter": "AB"},
    {"postcode": "1234AB", "huisnummer": "1", "toevoeging": "toolong"},
    {"postcode": "2252EB", "huisnummer": "264", "gekozen": "2252EB-264--"},
    {"postcode": "9999ZZ", "huisnummer": "1", "straat": "", "woonplaats": ""},
    {"postcode": HUGE, "huisnummer": "1"},
]
# Valid parts, but the resident has not confirmed yet: pending, not an error.
ADDRESS_PENDING = [{"postcode": "1234AB", "huisnummer": "1"}, {"postcode": "9999ZZ", "huisnummer": "7"}]
SCALARS = ("text", "textarea", "email", "phone", "number", "yes_no", "radios", "select", "postcode", "iban", "money")


def _weighted(name: str, item: dict, valid, invalid, anything) -> st.SearchStrategy[Part]:
    """4 : 3 : 1 : 1 valid, invalid, any, missing."""
    missing = Part(invalid=frozenset({name}) if required(item) else frozenset())
    return st.one_of(valid, valid, valid, valid, invalid, invalid, invalid, anything, st.just(missing))


def _form(name: str, label: str = ""):
    def part(values) -> Part:
        values = values if isinstance(values, list) else [values]
        return Part(
            form=tuple((name, value) for value in values),
            invalid=frozenset({name}) if label == "invalid" else frozenset(),
            unsure=frozenset({name}) if label == "any" else frozenset(),
        )

    return part


def _scalar(item: dict, name: str, ctx: FieldContext) -> st.SearchStrategy[Part]:
    valid, wrong = scalar_value(item, ctx)
    if item["type"] not in ("text", "textarea", "email", "phone", "number"):
        wrong = wrong.filter(lambda text: text or required(item))  # an empty optional choice is no answer
    invalid = [wrong, st.lists(valid, min_size=2, max_size=2), spoiled(valid)]
    if required(item):
        invalid.append(st.just(" \t "))
    return _weighted(
        name,
        item,
        valid.map(_form(name)),
        st.one_of(invalid).map(_form(name, "invalid")),
        st.text(max_size=30).map(_form(name, "any")),
    )


def _parts(name: str, label: str, keys=("dag", "maand", "jaar")):
    def part(values) -> Part:
        pairs = values.items() if isinstance(values, dict) else zip(keys, values, strict=True)
        return Part(
            form=tuple((f"{name}-{key}", value) for key, value in pairs),
            invalid=frozenset({name}) if label == "invalid" else frozenset(),
            unsure=frozenset({name}) if label == "any" else frozenset(),
        )

    return part


def _date(item: dict, name: str) -> st.SearchStrategy[Part]:
    valid, wrong = _date_strategies(item)
    spoiled_day = st.tuples(spoiled(st.just("3")), st.just("3"), st.just("2026"))
    return _weighted(
        name,
        item,
        valid.map(_parts(name, "")),
        st.one_of(wrong, spoiled_day).map(_parts(name, "invalid")),
        st.tuples(*[st.text(max_size=12)] * 3).map(_parts(name, "any")),
    )


def _address(item: dict, name: str) -> st.SearchStrategy[Part]:
    spoiled_postcode = spoiled(st.just("1234AB")).map(lambda text: {"postcode": text, "huisnummer": "1"})
    typed = st.fixed_dictionaries({"postcode": st.text(max_size=9), "huisnummer": st.text(max_size=5)})
    return _weighted(
        name,
        item,
        st.sampled_from(ADDRESS_VALID).map(_parts(name, "")),
        st.one_of(st.sampled_from(ADDRESS_INVALID), spoiled_postcode).map(_parts(name, "invalid")),
        st.one_of(st.sampled_from(ADDRESS_PENDING), typed).map(_parts(name, "any")),
    )


def _several(item: dict, name: str, ctx: FieldContext) -> st.SearchStrategy[Part]:
    values = [value for value, _ in options(item, ctx)]
    strange = st.one_of(st.sampled_from(["999993847", "onbekend", HUGE]), spoiled(st.sampled_from(values)))
    return _weighted(
        name,
        item,
        st.lists(st.sampled_from(values), unique=True, min_size=1 if required(item) else 0).map(_form(name)),
        st.tuples(st.lists(st.sampled_from(values), max_size=2), strange).map(
            lambda drawn: _form(name, "invalid")(drawn[0] + [drawn[1]])
        ),
        st.lists(st.text(max_size=20), max_size=3).map(_form(name, "any")),
    )


def _upload(name: str, label: str):
    def part(choice) -> Part:
        uploads = choice if isinstance(choice, list) else [choice]
        made = tuple((name, item if isinstance(item, str) else upload(*item)) for item in uploads)
        return Part(
            files=made,
            invalid=frozenset({name}) if label == "invalid" else frozenset(),
            unsure=frozenset({name}) if label == "any" else frozenset(),
        )

    return part


def _file(item: dict, name: str) -> st.SearchStrategy[Part]:
    kinds = limit(item, "file_types", ["pdf", "jpeg", "png"])
    wrong = [(b"<?php echo 1; ?>", "foto.png"), (b"", "leeg.jpg")] + ([(PDF, "foto.pdf")] if "pdf" not in kinds else [])
    invalid = st.one_of(st.sampled_from(wrong), st.just("geen bestand"), st.just([(PNG, "a.png"), (JPEG, "b.jpg")]))
    return _weighted(
        name,
        item,
        st.sampled_from([(PNG, "foto.png"), (JPEG, "foto.jpg"), (b"", "")]).map(_upload(name, "")),
        invalid.map(_upload(name, "invalid")),
        st.tuples(st.binary(max_size=64), st.text(max_size=20)).map(_upload(name, "any")),
    )


def _entry(subfields: list[dict], prefix: str, ctx: FieldContext) -> st.SearchStrategy[Part]:
    def combine(parts) -> Part:
        entry = _merge(parts)
        if not entry.files and all(value == "" for _, value in entry.form):  # an empty entry is left out
            return Part(form=entry.form)
        return entry

    return st.tuples(*[field_part(sub, ctx, prefix) for sub in subfields]).map(combine)


def _repeat(item: dict, name: str, ctx: FieldContext) -> st.SearchStrategy[Part]:
    entries = [st.one_of(st.none(), _entry(item["fields"], f"{name}-{index}-", ctx)) for index in range(3)]
    return st.tuples(*entries).map(lambda parts: _merge([part for part in parts if part is not None]))


def _merge(parts) -> Part:
    return Part(
        form=tuple(pair for part in parts for pair in part.form),
        files=tuple(pair for part in parts for pair in part.files),
        invalid=frozenset().union(*(part.invalid for part in parts)),
        unsure=frozenset().union(*(part.unsure for part in parts)),
    )


def field_part(item: dict, ctx: FieldContext, prefix: str = "") -> st.SearchStrategy[Part]:
    name, kind = prefix + item["id"], item["type"]
    if kind in SCALARS:
        return _scalar(item, name, ctx)
    builders = {
        "date": lambda: _date(item, name),
        "address_nl": lambda: _address(item, name),
        "checkboxes": lambda: _several(item, name, ctx),
        "family_member": lambda: _several(item, name, ctx),
        "file": lambda: _file(item, name),
        "repeat": lambda: _repeat(item, name, ctx),
    }
    return builders[kind]()


def near_misses(fields: list[dict]) -> list[str]:
    misses = ["x!admin", "bsn", "csrf_token[]"]
    for item in fields:
        misses += [f"{item['id']}[]", item["id"].upper()]
        if item["type"] == "date":
            misses += [item["id"], f"{item['id']}-uur"]
        elif item["type"] == "repeat":
            misses += [f"{item['id']}-{item['max']}-{item['fields'][0]['id']}", f"{item['id']}-0-bsn", item["id"]]
        elif item["type"] != "address_nl":
            misses.append(f"{item['id']}-dag")
    return misses


def _extras(fields: list[dict]) -> st.SearchStrategy[list]:
    keys = st.one_of(st.sampled_from(near_misses(fields)), st.text(max_size=12).map("x!".__add__))
    values = st.sampled_from(["", "1", "ja", "\x00", "x" * 5000])
    misplaced = [st.just([(item["id"], "foto.jpg")]) for item in fields if item["type"] == "file"]
    extra = st.lists(st.tuples(keys, values), min_size=1, max_size=2)
    none = st.just([])
    return st.one_of(none, none, none, extra, *misplaced)


def _post(drawn) -> Post:
    parts, extras = drawn
    whole = _merge(parts)
    post = Post(invalid=set(whole.invalid), unsure=set(whole.unsure))
    for key, value in whole.form + tuple(extras):
        post.formdata.add(key, value)
    for key, value in whole.files:
        post.files.add(key, value)
    post.extra = {key for key, _ in extras}
    return post


def posts(fields: list[dict], ctx: FieldContext) -> st.SearchStrategy[Post]:
    """Random posts to a step with these (input) fields; build once per step, draw many."""
    return st.tuples(st.tuples(*[field_part(item, ctx) for item in fields]), _extras(fields)).map(_post)


def shipped_steps():
    """Every step of every shipped form, as pytest parameters named `<slug>/<step id>`."""
    for path in sorted(Path(__file__).resolve().parents[2].glob("forms/*.yaml")):
        definition = yaml.safe_load(path.read_text(encoding="utf-8"))
        for step in definition["steps"]:
            yield pytest.param(definition, step, id=f"{definition['slug']}/{step['id']}")


def report_at_the_end(request, line):
    """Print `line()` in pytest's terminal summary, once per run (a fuzz test's figures)."""

    class Report:
        figures_line = staticmethod(line)

        def pytest_terminal_summary(self, terminalreporter):
            terminalreporter.write_line(self.figures_line())

    plugins = request.config.pluginmanager.get_plugins()
    if not any(getattr(plugin, "figures_line", None) is line for plugin in plugins):
        request.config.pluginmanager.register(Report())


def fixed_budget(examples: int) -> settings:
    """A fuzz test's Hypothesis settings, the same in CI and locally: derandomized (a run repeats), no example
    database, no deadline (a shared machine is slow at times); shrinking stays on so a failure is reported small."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
