"""Staff pages: login, the start page, the work queue per case type, a case, and the KCC lookup."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, session, url_for

from portal import sessions
from portal.auth import oidc
from portal.cases import planning
from portal.cases.service import next_statustypen
from portal.config import public_url
from portal.i18n import local_today, localized
from portal.limits import kcc_lookup_limit, login_limit
from portal.logs import security_event
from portal.queries import cases as queries
from portal.queries.processing_log import record_read
from portal.security import mark_personal, safe_local_path
from portal.staff import auth
from portal.staff.auth import ROLE_CASE_WORKER, ROLE_KCC, staff_required
from portal.staff.forms import (
    DelayForm,
    DocumentForm,
    LookupForm,
    StaffMessageForm,
    StatusForm,
    TakeForm,
    TaskForm,
    term_forms,
)

bp = Blueprint("staff", __name__, url_prefix="/medewerker")
PUBLIC_ENDPOINTS = {"staff.login", "staff.callback", "staff.logged_out", "staff.logout"}


@bp.get("/inloggen")
@login_limit
def login():
    if not current_app.config["STAFF_OIDC_DISCOVERY_URL"]:
        abort(404)
    try:
        return auth.oidc_client().authorize_redirect(public_url(url_for("staff.callback")))
    except Exception as error:  # provider down or its discovery document broken
        security_event("staff_login.provider_unavailable", type(error).__name__)
        return render_template("staff/login_refused.html", cause="unavailable"), 503


@bp.get("/inloggen/terug")
@login_limit
def callback():
    try:
        staff = auth.finish_login()
    except auth.StaffLoginRefused as refused:
        security_event("staff_login.refused", refused.reason, cause=refused.cause)
        return render_template("staff/login_refused.html", cause=refused.cause), 403
    next_url = safe_local_path(session.pop("staff_next", None))
    sessions.start_fresh(staff={"sub": staff.sub, "name": staff.name, "roles": list(staff.roles)})
    return redirect(next_url or url_for("staff.home"))


@bp.post("/uitloggen")
def logout():
    was_logged_in = "staff" in session
    sessions.end()
    target = public_url(url_for("staff.logged_out"))
    if was_logged_in:
        provider_url = oidc.logout_url(target, "staff", "STAFF_OIDC_CLIENT_ID")
        if provider_url:
            return redirect(provider_url)
    return redirect(target)


@bp.get("/uitgelogd")
def logged_out():
    mark_personal()
    return render_template("staff/logged_out.html")


@bp.get("/")
@staff_required()
def home():
    return render_template("staff/home.html")


def staff_case(reference: str):
    zaak = queries.case_by_reference(reference)
    if zaak is None:
        abort(404)
    return zaak


def set_status_choices(form: StatusForm, zaak) -> None:
    form.statustype.choices = [(step.id, localized(step, "omschrijving")) for step in next_statustypen(zaak)]


def render_case(zaak, forms: dict | None = None, status_code: int = 200):
    today = local_today()
    staff = g.staff
    can_act = staff.has(ROLE_CASE_WORKER)
    record_read(
        actor=staff.sub,
        actor_type="medewerker",
        bsn=zaak.initiator_bsn,
        activity="zaak bekijken",
        purpose="zaak behandelen" if can_act else "inwoner helpen aan de telefoon (KCC)",
        fields=("zaak",),
        outcome="ok",
    )
    forms = forms or {}
    status_form = forms.get("status") or StatusForm(formdata=None)
    set_status_choices(status_form, zaak)
    from portal.staff.casepage import extras  # casepage registers views on this module's blueprint

    return render_template(
        "staff/case.html",
        zaak=zaak,
        today=today,
        planning=planning,
        steps=planning.timeline(zaak, today),
        expected=planning.expected_end(zaak, today),
        late=planning.is_late(zaak, today),
        **extras(zaak, can_act=can_act),
        can_act=can_act,
        status_form=status_form,
        message_form=forms.get("message") or StaffMessageForm(formdata=None),
        task_form=forms.get("task") or TaskForm(formdata=None),
        document_form=forms.get("document") or DocumentForm(formdata=None),
        delay_form=forms.get("delay") or DelayForm(formdata=None, reden=zaak.vertraging_reden),
        take_form=forms.get("take") or TakeForm(formdata=None),
        has_errors=any(form.errors for form in forms.values()),
        planned=planning.planned_end(zaak, today),
        delayed=planning.is_delayed(zaak, today),
        legal=planning.legal_end(zaak, today),
        **term_forms(zaak, forms),
    ), status_code


@bp.get("/zaken/<reference>")
@staff_required(ROLE_CASE_WORKER, ROLE_KCC)
def case(reference: str):
    return render_case(staff_case(reference))


@bp.route("/kcc", methods=["GET", "POST"])
@staff_required(ROLE_KCC)
@kcc_lookup_limit
def lookup():
    """The BSN travels in a POST body, never in the URL; every lookup is written to the processing log. The caller
    page then finds it in the server-side session."""
    form = LookupForm()
    if form.validate_on_submit():
        found = queries.cases_of(form.bsn.data)
        record_read(
            actor=g.staff.sub,
            actor_type="medewerker",
            bsn=form.bsn.data,
            activity="zaken opzoeken",
            purpose="inwoner helpen aan de telefoon (KCC)",
            fields=("zaken",),
            outcome="gevonden" if found else "niets gevonden",
        )
        session["kcc_bsn"] = form.bsn.data
        return redirect(url_for("staff.caller"))
    return render_template("staff/lookup.html", form=form, has_errors=bool(form.errors)), (400 if form.errors else 200)
