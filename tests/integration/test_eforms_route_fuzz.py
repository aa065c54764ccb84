"""Hostile and crowd posts at route level: every step of every shipped form, through the Flask test client.

The posts are the field fuzzer's (tests/support/eform_fuzz.py: huge strings, control characters, right-to-left
overrides, wrong types, two values for one, unknown options, files that are no photo, extra and missing keys),
drawn with the draft's own prefill, so family members are the BRP's. Each goes through the whole request: CSRF,
the rate limit (reset between posts: the fuzzer is one visitor posting far faster than anyone), the draft, the
parse, the page and the unit of work. For every post: never a 500; an invalid post gets 400, the error summary
and what was typed back in its inputs; a post with keys the step does not know gets 400 and the "gegevens die we
niet kennen" error, and nothing is stored; a body over the upload limit gets the 413 page.

Every step is posted to, also the ones that only some answers reach: `on_route` is made to say yes for the
step under test (the route's own redirect has its tests in test_eforms_runner*.py). The parse level has its
1,000 posts per step (tests/forms/test_eform_fields_fuzz.py); here EXAMPLES per step, derandomized (see there).
"""

from __future__ import annotations

import os
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from markupsafe import escape
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.eforms.fields import FieldContext, takes_input
from portal.eforms.fields.inputs import keep
from portal.integrations.bag import FakeBagClient
from portal.limits import limiter
from portal.models.eforms import FormDraft
from tests.support.eform_fields import ADDRESSES, TODAY
from tests.support.eform_fuzz import Post, fixed_budget, posts, report_at_the_end, shipped_steps
from tests.support.eforms import begin, csrf_of, draft_of, publish_shipped

pytestmark = pytest.mark.fuzz
# Posts per step. A request with its page costs 20-70 ms here (the machine is shared), so the 30 steps get 40 each
# by default (about 90 s); MG_ROUTE_FUZZ_EXAMPLES=200 gives the full budget (about 11 minutes on a busy machine).
EXAMPLES = int(os.environ.get("MG_ROUTE_FUZZ_EXAMPLES", "40"))
FIGURES: Counter = Counter()
BUDGET = fixed_budget(EXAMPLES)
SUMMARY = "portal-error-summary"
UNKNOWN = "Het formulier bevat gegevens die we niet kennen"
CHOSEN = {"radios", "checkboxes", "yes_no", "select", "family_member", "file", "address_nl", "date", "repeat"}


def figures() -> str:
    return (
        f"e-form route fuzz: {FIGURES['posts']} posts over {FIGURES['steps']} steps, {FIGURES[400]} answered 400, "
        f"{FIGURES[302]} 302, {FIGURES[200]} 200 (a choice to make), {FIGURES[413]} 413, "
        f"{FIGURES['server errors']} server errors, in {FIGURES['ms'] / 1000:.1f} s "
        f"({FIGURES['post ms'] / 1000:.1f} s in the requests)"
    )


@pytest.fixture(scope="module", autouse=True)
def report(request):
    report_at_the_end(request, figures)


@pytest.fixture
def every_step_on_route(monkeypatch):
    monkeypatch.setattr("portal.eforms.views.on_route", lambda *_args: True)


def _body(post: Post, token: str) -> MultiDict:
    data = MultiDict(post.formdata)
    data.add("csrf_token", token)
    for key, upload in post.files.items(multi=True):
        is_file = hasattr(upload, "stream")  # the fuzzer also sends text where a file belongs
        data.add(key, (upload.stream, upload.filename or "", upload.content_type) if is_file else upload)
    return data


def _kept(fields: list[dict], post: Post, text: str) -> None:
    """What was typed in a text-like input is in the page again (cut and made safe as the runner keeps it)."""
    typed = {item["id"] for item in fields if item["type"] not in CHOSEN}
    for key in typed & (set(post.formdata) - post.extra):
        value = keep(post.formdata.getlist(key)[0]).strip()
        if value and len(value) < 2000:  # a value the field cuts (max length) is shown cut; its error says so
            assert str(escape(value)) in text, (key, value[:80])


def _asks_address(fields: list[dict], post: Post) -> bool:
    return any(item["type"] == "address_nl" and item["id"] in post.invalid for item in fields)


def _check(response, fields: list[dict], post: Post, big: bool) -> int:
    status = response.status_code
    FIGURES["server errors"] += status >= 500
    assert status < 500, response.text[-2000:]
    if status == 413:
        assert big and "te groot" in response.text, "413 for a post under the limit, or not the B1 page"
        return status
    if post.extra:
        assert status == 400 and UNKNOWN in response.text, (status, sorted(post.extra))
    elif post.invalid and status == 200:  # an address the parse level's BAG has twice, this portal's BAG once
        assert _asks_address(fields, post) and SUMMARY not in response.text, (sorted(post.invalid), post.formdata)
    elif post.invalid:
        assert status == 400, (status, sorted(post.invalid), post.formdata)
        assert SUMMARY in response.text
        _kept(fields, post, response.text)
    elif status == 400:  # "valid" by the parse level's day and BAG; this portal's day and BAG may disagree
        assert SUMMARY in response.text
    else:
        assert status in (200, 302), status
    return status


def _context(db, path: str, definition: dict) -> FieldContext:
    prefill = db.scalar(select(FormDraft.prefill).where(FormDraft.public_id == draft_of(path))) or {}
    return FieldContext(
        lang="nl", prefill=prefill, today=TODAY, bag=FakeBagClient(ADDRESSES), lists=definition.get("lists") or {}
    )


@pytest.mark.parametrize(("definition", "step"), list(shipped_steps()))
def test_every_step_of_every_shipped_form_survives_hostile_posts(
    app, client, login, db, every_step_on_route, definition, step
):
    publish_shipped(app)
    login(bsn="999993653")  # Suzanne Moulin: a partner and children in the BRP, an email address
    first = begin(client, definition["slug"])
    path = first.rsplit("/", 1)[0] + "/" + step["id"]
    token = csrf_of(client.get(path).text)
    fields = [item for item in step["fields"] if takes_input(item)]
    limit = min(
        app.config["MAX_CONTENT_LENGTH"],
        app.config.get("MAX_FORM_MEMORY_SIZE") or app.request_class.max_form_memory_size,
    )
    counted: Counter = Counter()
    started = time.perf_counter()

    @settings(BUDGET)
    @given(posts(fields, _context(db, first, definition)))
    def run(post):
        limiter.reset()
        big = max((len(value) for _, value in post.formdata.items(multi=True)), default=0) > limit
        posted = time.perf_counter()
        response = client.post(path, data=_body(post, token), content_type="multipart/form-data")
        FIGURES["post ms"] += round((time.perf_counter() - posted) * 1000)
        counted[_check(response, fields, post, big)] += 1

    run()
    FIGURES.update(counted)
    FIGURES["posts"] += sum(counted.values())
    FIGURES["steps"] += 1
    FIGURES["ms"] += round((time.perf_counter() - started) * 1000)
    assert sum(counted.values()) >= EXAMPLES
    assert counted[400] > 0 or not fields
