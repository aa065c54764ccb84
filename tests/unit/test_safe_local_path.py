"""The one function that decides whether a return target is a path on this site."""

import pytest

from portal.security import safe_local_path
from tests.support.redirects import HOSTILE_TARGETS, LOCAL_TARGETS


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_a_target_a_browser_could_read_as_another_host_is_refused(target):
    assert safe_local_path(target) is None


@pytest.mark.parametrize("target", LOCAL_TARGETS)
def test_a_local_path_is_kept_as_it_is(target):
    assert safe_local_path(target) == target


@pytest.mark.parametrize("value", [None, 7, b"/mijn-zaken", ["/"]])
def test_anything_but_text_is_refused(value):
    assert safe_local_path(value) is None
