"""Every form is a PortalForm (a NUL is a field error, never a 500), and every form that stores something a
double click could repeat carries a one-time token (OnceForm)."""

from __future__ import annotations

import importlib
import pkgutil

from flask_wtf import FlaskForm

import portal
from portal.forms import OnceForm, PortalForm

# Forms whose POST is safe to repeat: a choice that is saved as it is, a lookup, the mock provider's login.
# FindForm is a GET form (a case number lookup) and stores nothing.
REPEATABLE = {
    "NotificationForm",
    "LookupForm",
    "MockLoginForm",
    "MockStaffLoginForm",
    "FindForm",
    # Appointments: the hold makes these idempotent (see portal/appointments/forms.py): choosing a
    # place stores nothing, a repeated time replaces the owner's hold, confirming is keyed by the hold.
    "WhereForm",
    "TimeForm",
    "DetailsForm",
    # Staff agenda: a weekday's opening hours are saved as they are.
    "HoursForm",
}


def _all_forms() -> list[type]:
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        importlib.import_module(module.name)
    found, todo = [], [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return [form for form in found if form.__module__.startswith("portal.") and form.__module__ != "portal.forms"]


def test_every_form_refuses_a_nul_in_its_fields():
    forms = _all_forms()
    assert len(forms) >= 10
    assert [form.__name__ for form in forms if not issubclass(form, PortalForm)] == []


def test_every_form_that_stores_something_is_submitted_once():
    concrete = [form for form in _all_forms() if not form.__name__.endswith("PrefixedForm")]
    assert sorted(form.__name__ for form in concrete if not issubclass(form, OnceForm)) == sorted(REPEATABLE)
