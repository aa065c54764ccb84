"""Time to validate and to publish a 100-field form (issue 11/12 targets: validate <= 200 ms, publish <= 1 s).

    .venv/bin/python -m bench.forms_bench             # SQLite file in a temporary folder
    .venv/bin/python -m bench.forms_bench --url postgresql+psycopg://postgres@127.0.0.1:5432/mg_x  (migrated)

The form is generated: 100 steps of one question each, every field type, a hint and a required message per
question, a named condition and a `next` rule every tenth step, so every check has work. Each text is
different, so the B1 check runs on every one (the cache of b1.check results only helps a second run, which
is printed as "warm"). What a process does once (load the hyphenation dictionary of the B1 check, the case type
names and the compiled schema) is printed apart. Publishing is: validate, hash, store the version, commit.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from sqlalchemy.orm import Session

from portal import b1
from portal.cli import upgrade_database
from portal.db import make_engine
from portal.formdefs import validate_text
from portal.formdefs.loader import validator
from portal.formdefs.publish import publish
from portal.formdefs.routing import walk
from portal.formdefs.semantics import known_casetypes
from tests.support.formdefs import as_yaml, form, text

SIMPLE = [
    "text",
    "textarea",
    "number",
    "money",
    "email",
    "phone",
    "postcode",
    "address_nl",
    "date",
    "yes_no",
    "file",
    "iban",
]
WORDS = ["fiets", "tuin", "school", "werk", "huis", "auto", "hond", "boom", "straat", "winkel"]


def _field(number: int) -> dict:
    kind = SIMPLE[number % len(SIMPLE)]
    word = WORDS[number % len(WORDS)]
    item = {
        "id": f"vraag_{number}",
        "type": kind,
        "label": text(f"Vraag {number}: hoe zit het met uw {word}?"),
        "hint": text(f"Vertel kort iets over uw {word}. Dit is vraag {number} van de honderd."),
        "validate": {"required": text(f"Vul vraag {number} in")},
    }
    if number % 7 == 3:
        item = {
            "id": f"vraag_{number}",
            "type": "radios",
            "label": item["label"],
            "options": [
                {"value": value, "label": text(f"Keuze {value} bij vraag {number}")} for value in ("a", "b", "c")
            ],
            "validate": {"required": text(f"Kies een antwoord bij vraag {number}")},
        }
    return item


def hundred_fields() -> dict:
    steps, conditions = [], {}
    for number in range(100):
        step = {"id": f"stap-{number}", "fields": [_field(number)]}
        if number % 10 == 9 and number < 90:
            conditions[f"regel_{number}"] = {"field": f"answers.vraag_{number}", "op": "is_not_empty"}
            step["next"] = [
                {"when": {"ref": f"regel_{number}"}, "goto": f"stap-{number + 1}"},
                {"goto": f"stap-{number + 1}"},
            ]
        steps.append(step)
    return form(slug="honderd", conditions=conditions, steps=steps)


def _time(work, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a migrated database to publish into (default: a new SQLite file)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    source = as_yaml(hundred_fields())
    start = time.perf_counter()
    b1.check("Dit is een zin om het woordenboek van de lettergrepen een keer te laden, zoals een server doet.")
    known_casetypes()
    validator()
    once = (time.perf_counter() - start) * 1000
    print(f"once per process (hyphenation dictionary, case types, schema): {once:.0f} ms")
    start = time.perf_counter()
    result = validate_text(source, "honderd.yaml")
    cold = (time.perf_counter() - start) * 1000
    assert result.ok, result.problems[:5]
    warm = _time(lambda: validate_text(source, "honderd.yaml"), args.repeat)
    print(f"100-field form: {len(source) // 1024} KB of YAML, {len(result.definition['steps'])} steps")
    print(f"validate, cold (first B1 check of every text): {cold:.0f} ms   (target <= 200 ms)")
    print(f"validate, warm: median {statistics.median(warm):.0f} ms, max {max(warm):.0f} ms")
    url = args.url or f"sqlite:///{tempfile.mkdtemp(prefix='mg-forms-bench-')}/bench.db"
    if not args.url:
        upgrade_database(url)
    engine = make_engine(url)
    times = []
    for number in range(args.repeat):
        changed = source.replace("slug: honderd", "slug: honderd").replace("Proef", f"Proef {number}")
        with Session(engine) as db:
            start = time.perf_counter()
            published = publish(db, validate_text(changed, "honderd.yaml"), published_by="bench")
            db.commit()
            times.append((time.perf_counter() - start) * 1000)
            assert published.new
    print(
        f"publish a changed version (validate + hash + store + commit): median {statistics.median(times):.0f} ms, "
        f"max {max(times):.0f} ms   (target <= 1000 ms)"
    )
    answers = {f"vraag_{number}": "x" for number in range(100)}
    routes = _time(lambda: walk(result.definition, answers), 20)
    print(f"route through all 100 steps: median {statistics.median(routes):.2f} ms")


if __name__ == "__main__":
    main()
