"""Staff publishing of a 100-field form (issue 12): the time from pressing "Publiceren" (the POST through the
app's test client, with its CSRF token, the approval rules, the new version and the commit) until the version
is live, and the time of validating the concept (target: publish <= 1 s, validate <= 200 ms).

    .venv/bin/python -m bench.formadmin_bench

The form is bench/forms_bench.py's generated 100-step form. Each run publishes a fresh concept of it (a
changed title, so every run makes a new version) on a migrated SQLite file.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time

from bench.forms_bench import hundred_fields
from portal import create_app
from portal.cli import upgrade_database
from portal.db import get_session, make_engine
from portal.formadmin.concepts import canonical_yaml, check
from portal.queries import formadmin as queries
from portal.queries import forms as form_queries
from tests.support.formadmin import hidden_fields

RUNS = 5


def _concept(app, definition: dict, run: int) -> str:
    with app.app_context():
        db = get_session()
        definition = {**definition, "title": {"nl": f"Proef {run}", "en": f"Trial {run}"}}
        concept = queries.create_concept(
            db, slug=definition["slug"], definition_yaml=canonical_yaml(definition), staff_name="Bench"
        )
        db.commit()
        return concept.public_id


def main() -> None:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='mg-bench-')}/portal.db"
    upgrade_database(url)
    app = create_app("test", {"DB_ENGINE": make_engine(url), "DATABASE_URL": url})
    client = app.test_client()
    with client.session_transaction() as session:
        session["staff"] = {"sub": "bench", "name": "Bench", "roles": ["formulierbeheerder"]}
    definition = hundred_fields()
    text = canonical_yaml(definition)
    check(text, definition["slug"])  # once per process: schema, case types
    validate = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = check(text, definition["slug"])
        validate.append(time.perf_counter() - start)
    assert result.ok, result.problems[:3]
    publish_times = []
    for run in range(RUNS):
        public_id = _concept(app, definition, run)
        page = f"/medewerkers/formulieren/concept/{public_id}"
        fields = hidden_fields(client.get(page).get_data(as_text=True), f"{page}/publiceren")
        start = time.perf_counter()
        response = client.post(f"{page}/publiceren", data={**fields, "publiceren-note": f"Run {run}"})
        with app.app_context():
            live = form_queries.live_version(get_session(), definition["slug"])
        publish_times.append(time.perf_counter() - start)
        assert response.status_code == 302 and re.search(r"/concept/", response.headers["Location"]), response.status
        assert live is not None and live.change_note == f"Run {run}"
    fields_count = sum(len(step["fields"]) for step in definition["steps"])
    print(f"form: {fields_count} fields, {len(text) // 1024} KB of YAML; {RUNS} runs each (median, max)")
    for name, times in (
        ("validate (formadmin.concepts.check)", validate),
        ("'Publiceren' POST until live", publish_times),
    ):
        print(f"{name}: {statistics.median(times) * 1000:.0f} ms, {max(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
