"""The fast path for public pages (portal/publiccopy.py): an anonymous visitor's start page comes from the stored
copy without Flask, and is the response Flask would have sent, apart from the per-response nonce and request id."""

from __future__ import annotations

import json
import logging
import re

import pytest
from flask import request_started

from portal.logs import JsonFormatter

NONCE = re.compile(r"nonce-([A-Za-z0-9_-]+)")


@pytest.fixture
def flask_requests(app):
    """The paths of the requests that reached Flask (the fast path never builds a request context)."""
    seen: list[str] = []

    def record(_sender, **_extra):
        from flask import request

        seen.append(request.path)

    app.extensions["page_cache"].clear()
    request_started.connect(record, app)
    yield seen
    request_started.disconnect(record, app)


def _visit(app, path="/", *, method="GET", cookies=None, **headers):
    client = app.test_client()
    for name, value in (cookies or {}).items():
        client.set_cookie(name, value)
    return client.open(path, method=method, headers=headers)


def _nonce(response) -> str:
    return NONCE.search(response.headers["Content-Security-Policy"]).group(1)


def _comparable(response) -> list[tuple[str, str]]:
    """The headers with what is new in every response blanked: the nonce, the request id, the date, and the
    length of a compressed body (the nonce is inside it)."""
    nonce, compressed = _nonce(response), "Content-Encoding" in response.headers
    blank = {"X-Request-ID", "Date", *({"Content-Length"} if compressed else ())}
    return [(name, "*" if name in blank else value.replace(nonce, "<nonce>")) for name, value in response.headers]


@pytest.mark.parametrize("encoding", ["", "gzip", "br", "gzip, deflate, br", "br;q=0.5, gzip;q=0.9", "identity"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_the_copy_has_the_headers_flask_sends(app, flask_requests, method, encoding):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    rendered = _visit(app, method=method, **headers)
    copy = _visit(app, method=method, **headers)
    assert flask_requests == ["/"], "the second visit did not come from the fast path"
    assert rendered.status_code == copy.status_code == 200
    assert _comparable(copy) == _comparable(rendered)
    assert copy.headers.get("Content-Encoding") == rendered.headers.get("Content-Encoding")


def test_over_https_the_copy_also_says_strict_transport_security(app, flask_requests):
    rendered, copy = (app.test_client().get("/", base_url="https://localhost") for _ in range(2))
    assert flask_requests == ["/"]
    assert "Strict-Transport-Security" in copy.headers
    assert _comparable(copy) == _comparable(rendered)


def test_the_copy_is_the_rendered_page_byte_for_byte_apart_from_the_nonce(app, flask_requests):
    rendered, copy = _visit(app), _visit(app)
    assert flask_requests == ["/"]
    assert copy.data.replace(_nonce(copy).encode(), b"N") == rendered.data.replace(_nonce(rendered).encode(), b"N")


def test_every_copy_has_a_fresh_nonce_the_same_in_header_and_page(app, flask_requests):
    _visit(app)
    copies = [_visit(app) for _ in range(3)]
    nonces = [_nonce(copy) for copy in copies]
    assert len(set(nonces)) == 3
    for copy, nonce in zip(copies, nonces, strict=True):
        assert f'nonce="{nonce}"' in copy.get_data(as_text=True)
    assert flask_requests == ["/"]


def test_a_compressed_copy_unpacks_to_the_page_with_its_nonce(app, flask_requests):
    import brotli

    _visit(app)
    copy = _visit(app, **{"Accept-Encoding": "br"})
    page = brotli.decompress(copy.data).decode()
    assert copy.headers["Content-Encoding"] == "br" and f'nonce="{_nonce(copy)}"' in page
    assert int(copy.headers["Content-Length"]) == len(copy.data)


@pytest.mark.parametrize(
    ("cookies", "accept_language", "lang"),
    [
        ({}, "", "nl"),
        ({"taal": "en"}, "", "en"),
        ({"taal": "nl"}, "en", "nl"),
        ({"taal": "en"}, "nl", "en"),
        ({}, "en-GB,en;q=0.9", "nl"),  # the portal's rule (portal/i18n.py): the language cookie, else Dutch
        ({"taal": "xx"}, "", "nl"),
    ],
)
def test_the_language_cookie_picks_the_copy_as_flask_would(app, flask_requests, cookies, accept_language, lang):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    _visit(app, cookies=cookies, **headers)
    copy = _visit(app, cookies=cookies, **headers)
    assert f'<html lang="{lang}"' in copy.get_data(as_text=True)
    assert len(flask_requests) == 1, "the second visit did not come from the fast path"
    app.config["PAGE_CACHE_ENABLED"] = False
    try:
        assert f'<html lang="{lang}"' in _visit(app, cookies=cookies, **headers).get_data(as_text=True)
    finally:
        app.config["PAGE_CACHE_ENABLED"] = True


@pytest.mark.parametrize(
    "visit",
    [
        {"path": "/?x=1"},
        {"cookies": {"iets": "anders"}},
        {"cookies": {"taal": "en", "mg_sessie": "onbekend"}},
        {"method": "POST"},
    ],
    ids=["query string", "another cookie", "a session cookie", "POST"],
)
def test_other_requests_go_to_flask(app, flask_requests, visit):
    _visit(app)
    _visit(app, **visit)
    assert len(flask_requests) == 2


def test_a_logged_in_resident_gets_the_start_page_from_flask(app, flask_requests, client, login):
    _visit(app)
    login()
    page = client.get("/").get_data(as_text=True)
    assert flask_requests == ["/", "/"]
    assert "Naar Mijn overzicht" in page


def test_a_copy_expires_like_every_cached_page(app, flask_requests):
    cache = app.extensions["page_cache"]
    _visit(app)
    seconds, cache.seconds = cache.seconds, 0
    try:
        _visit(app)
    finally:
        cache.seconds = seconds
    _visit(app)
    assert flask_requests == ["/", "/"]  # expired: rendered again and stored again, then served from the copy


def test_a_page_that_is_not_found_is_never_stored(app, flask_requests):
    assert [_visit(app, "/bestaat-niet").status_code for _ in range(3)] == [404, 404, 404]
    assert flask_requests == ["/bestaat-niet"] * 3
    assert not any("/bestaat-niet" in key for key in app.extensions["page_cache"].entries)


def _request_lines(app, *visits) -> list[dict]:
    lines: list[str] = []
    handler = logging.Handler()
    handler.setFormatter(JsonFormatter())
    handler.emit = lambda record: lines.append(handler.format(record))
    logger = logging.getLogger("portal.request")
    logger.addHandler(handler)
    try:
        for headers in visits:
            _visit(app, "/", **headers)
    finally:
        logger.removeHandler(handler)
    return [json.loads(line) for line in lines]


def test_the_copy_writes_the_request_log_line_flask_writes(app, flask_requests):
    rendered, copy = _request_lines(app, {}, {})
    assert flask_requests == ["/"]
    assert list(copy) == list(rendered)
    assert {**copy, "time": "", "duration_ms": 0, "request_id": ""} == {
        **rendered,
        "time": "",
        "duration_ms": 0,
        "request_id": "",
    }
    assert copy["route"] == "/" and copy["path"] == "/" and copy["status"] == 200
    assert re.fullmatch(r"[0-9a-f]{32}", copy["request_id"]) and copy["request_id"] != rendered["request_id"]


@pytest.mark.parametrize("fast", [False, True], ids=["Flask", "fast path"])
def test_the_callers_request_id_is_logged_unless_it_holds_a_bsn(app, flask_requests, fast):
    bsn = "99999" + "3653"  # Suzanne Moulin's test BSN (written in two, so that no log or URL of this test holds it)
    _visit(app)
    app.config["PAGE_CACHE_ENABLED"] = fast
    try:
        own, bsn_like = _request_lines(app, {"X-Request-ID": "proxy-1234-abcd"}, {"X-Request-ID": bsn})
        answer = _visit(app, **{"X-Request-ID": bsn})
    finally:
        app.config["PAGE_CACHE_ENABLED"] = True
    assert len(flask_requests) == (1 if fast else 4)
    assert own["request_id"] == "proxy-1234-abcd"
    assert re.fullmatch(r"[0-9a-f]{32}", bsn_like["request_id"])  # a new id: a BSN is never logged or echoed
    assert bsn not in json.dumps(bsn_like) and answer.headers["X-Request-ID"] != bsn


def test_when_the_copy_cannot_be_served_flask_renders_the_page(app, flask_requests, monkeypatch):
    from portal import publiccopy

    def broken(*_args):
        raise RuntimeError("compression failed")

    _visit(app)
    monkeypatch.setattr(publiccopy, "compress_html", broken)
    answer = _visit(app)
    assert answer.status_code == 200 and "Welkom bij MijnGemeente" in answer.get_data(as_text=True)
    assert flask_requests == ["/", "/"]


def test_a_copy_stored_by_a_head_request_serves_the_whole_page_to_a_get(app, flask_requests):
    head = _visit(app, method="HEAD")
    copy = _visit(app)
    assert flask_requests == ["/"] and head.data == b""
    assert "Welkom bij MijnGemeente" in copy.get_data(as_text=True)
    assert int(copy.headers["Content-Length"]) == int(head.headers["Content-Length"]) == len(copy.data)
