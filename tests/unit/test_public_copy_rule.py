"""The one rule for "this request may get the public copy of a page" (portal/pagestore.py), used by the fast path
in front of Flask and by `public_page` alike."""

import pytest

from portal.pagestore import anonymous_key

CONFIG = {"LANGUAGES": ("nl", "en"), "BABEL_DEFAULT_LOCALE": "nl"}


def _environ(method="GET", query="", cookie="", path="/"):
    environ = {"REQUEST_METHOD": method, "QUERY_STRING": query, "PATH_INFO": path, "SCRIPT_NAME": ""}
    return environ | ({"HTTP_COOKIE": cookie} if cookie else {})


@pytest.mark.parametrize(
    ("cookie", "locale"), [("", "nl"), ("taal=en", "en"), ("taal=nl", "nl"), ("taal=fr", "nl"), ("taal=", "nl")]
)
def test_a_visitor_with_at_most_the_language_cookie_gets_the_copy_of_their_language(cookie, locale):
    assert anonymous_key(_environ(cookie=cookie), CONFIG) == ("public", locale, "", "/")


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_get_and_head_share_the_copy(method):
    assert anonymous_key(_environ(method=method), CONFIG) == ("public", "nl", "", "/")


@pytest.mark.parametrize(
    "environ",
    [
        _environ(method="POST"),
        _environ(method="OPTIONS"),
        _environ(query="x=1"),
        _environ(cookie="mg_sessie=abc"),
        _environ(cookie="taal=en; mg_sessie=abc"),
        _environ(cookie="anders=1"),
    ],
    ids=["POST", "OPTIONS", "query string", "session cookie", "language and session cookie", "another cookie"],
)
def test_anything_else_gets_no_copy(environ):
    assert anonymous_key(environ, CONFIG) is None


def test_each_path_has_its_own_copy():
    assert anonymous_key(_environ(path="/toegankelijkheid"), CONFIG) != anonymous_key(_environ(), CONFIG)
