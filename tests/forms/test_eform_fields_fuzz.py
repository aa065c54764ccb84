"""Fuzz every step of every shipped form through parse_step (Hypothesis): 1,000 random posts per step.

Posts mix valid values, invalid ones (missing when required, two values for one, control characters,
right-to-left overrides, 1 MB strings, dates that do not exist, unknown options, files that are no photo),
random text, and extra keys (tests/support/eform_fuzz.py labels each by construction). For every post:
no exception; the values are JSON; every extra key is named by unexpected_keys, and nothing else is;
a post with an invalid value has an error on that field; a post with only valid values has no error and
nothing pending; whatever was sent is kept in `raw` (cut and made safe) to show again.

Budget (BUDGET, tests/support/eform_fuzz.fixed_budget): POSTS_PER_EXAMPLE posts in each of EXAMPLES examples per step,
derandomized so a CI run repeats; marked `fuzz` (CI runs it with the rest: `-m fuzz` selects it alone). The
summary line gives the figures.
"""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.eforms.fields import parse_step, takes_input, unexpected_keys
from portal.eforms.fields.inputs import keep
from tests.support.eform_fields import babel_app, context  # noqa: F401  (babel_app: autouse)
from tests.support.eform_fuzz import Post, fixed_budget, posts, report_at_the_end, shipped_steps

pytestmark = pytest.mark.fuzz
EXAMPLES = 100
POSTS_PER_EXAMPLE = 10
FIGURES: Counter = Counter()
# The same budget in CI and locally (see fixed_budget).
BUDGET = fixed_budget(EXAMPLES)


def figures() -> str:
    return (
        f"e-form fields fuzz: {FIGURES['posts']} posts over {FIGURES['steps']} steps "
        f"(fewest on one step: {FIGURES['fewest']}), {FIGURES['invalid']} invalid, {FIGURES['valid']} valid, "
        f"{FIGURES['extra']} with extra keys, {FIGURES['exceptions']} exceptions, in {FIGURES['ms'] / 1000:.1f} s "
        f"({FIGURES['cpu ms'] / 1000:.1f} s of CPU)"
    )


@pytest.fixture(scope="module", autouse=True)
def report(request):
    report_at_the_end(request, figures)


def expected_raw(post: Post, key: str, fields: list[dict]):
    values = post.formdata.getlist(key)
    if key in {item["id"] for item in fields if item["type"] in ("checkboxes", "family_member")}:
        return [keep(value) for value in values[:100]]
    return keep(values[0])


def check(fields: list[dict], ctx, post: Post) -> str:
    try:
        result = parse_step(fields, post.formdata, post.files, ctx)
        refused = unexpected_keys(fields, post.formdata, post.files)
    except Exception:
        FIGURES["exceptions"] += 1
        raise
    json.dumps(result.values)
    assert set(refused) == post.extra, (refused, post.extra)
    for name in post.invalid:
        assert any(key == name or key.startswith(name + "-") for key in result.errors), (name, result.errors)
    if not post.invalid and not post.unsure:
        assert not result.errors and not result.pending, (result.errors, post.formdata)
    for key in set(post.formdata) - post.extra:
        assert result.raw.get(key) == expected_raw(post, key, fields), key
    return "invalid" if post.invalid else "extra" if post.extra else "valid"


@pytest.mark.parametrize(("definition", "step"), list(shipped_steps()))
def test_every_step_of_every_shipped_form_survives_random_posts(definition, step):
    ctx = context(lists=definition.get("lists", {}))
    fields = [item for item in step["fields"] if takes_input(item)]
    counted = Counter()
    started, cpu = time.perf_counter(), time.process_time()

    @settings(BUDGET)
    @given(st.lists(posts(fields, ctx), min_size=POSTS_PER_EXAMPLE, max_size=POSTS_PER_EXAMPLE))
    def run(batch):
        for post in batch:
            counted[check(fields, ctx, post)] += 1

    run()
    total = sum(counted.values())
    FIGURES.update(counted)
    FIGURES["posts"] += total
    FIGURES["steps"] += 1
    FIGURES["fewest"] = min(FIGURES["fewest"] or total, total)
    FIGURES["ms"] += round((time.perf_counter() - started) * 1000)
    FIGURES["cpu ms"] += round((time.process_time() - cpu) * 1000)
    assert total >= 1000
    assert counted["invalid"] > 0 or not fields
