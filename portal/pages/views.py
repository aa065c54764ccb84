"""Public pages and the resident's own pages: Mijn overzicht and Mijn gegevens."""

from __future__ import annotations

from datetime import date
from functools import wraps

from flask import Blueprint, Response, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from portal import once, robots
from portal.appointments.present import show as show_appointment
from portal.auth.resident import current_resident, resident_required
from portal.cases.correction import report_mistake
from portal.cases.summaries import summarize
from portal.config import public_url
from portal.db import get_session
from portal.eforms.overview import unfinished
from portal.i18n import LANGUAGE_COOKIE, local_today
from portal.integrations.person import FIELDS_GREETING, FIELDS_MY_DETAILS
from portal.integrations.resident_person import max_age, person_data, read_at, resident_person
from portal.limits import report_limit
from portal.pagecache import personal_page, public_page
from portal.pages.forms import CorrectionReportForm, NotificationForm
from portal.queries.appointments import upcoming_of
from portal.queries.cases import resident_summary
from portal.queries.contact import contact_of, save_contact
from portal.queries.health import health_report
from portal.security import safe_local_path

bp = Blueprint("pages", __name__)

PUBLIC_ENDPOINTS = {
    "pages.start",
    "pages.accessibility",
    "pages.privacy",
    "pages.contact",
    "pages.language",
    "pages.security_txt",
    "pages.robots_txt",
    "pages.health",
}


@bp.get("/")
@public_page  # where the letter sends everyone; the other public pages are rarely asked for at once
def start():
    return render_template("pages/start.html")


@bp.get("/mijn-overzicht")
@resident_required
@personal_page
def overview():
    person, status = resident_person(current_resident(), FIELDS_GREETING, "begroeting op mijn overzicht")
    summary = resident_summary(current_resident().bsn)
    appointments = [show_appointment(item) for item in upcoming_of(current_resident().bsn)]
    return render_template(
        "pages/overview.html",
        person=person,
        brp_status=status,
        summary=summary,
        open_cases=summarize(summary.open_cases, local_today()),
        appointments=appointments,
        unfinished=unfinished(current_resident().sub, str(get_locale())[:2]),
    )


MY_DETAILS = "mijn gegevens tonen"  # the purpose in the processing log


def _fresh_details(view):
    """Before the page cache: read the BRP again when the session's copy is older than BRP_FRESH_SECONDS. A new
    copy changes the session and with it the page's cache key, so the page is built anew from the new answer."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        person_data(current_resident(), FIELDS_MY_DETAILS, MY_DETAILS, max_age=max_age())
        return view(*args, **kwargs)

    return wrapper


@bp.get("/mijn-gegevens")
@resident_required
@_fresh_details
@personal_page
def my_details():
    person, status = resident_person(current_resident(), FIELDS_MY_DETAILS, MY_DETAILS)  # as _fresh_details left it
    return render_template(
        "pages/my_details.html",
        person=person,
        brp_status=status,
        read_at=read_at() if person else None,
        contact=contact_of(current_resident().bsn),
    )


@bp.route("/mijn-gegevens/meldingen", methods=["GET", "POST"])
@resident_required
def notifications():
    resident = current_resident()
    form = NotificationForm()
    if request.method == "GET":
        contact = contact_of(resident.bsn)
        form.email.data = contact.email if contact else ""
        form.notify.data = "ja" if contact and contact.wants_email else "nee"
    elif form.validate_on_submit():
        save_contact(resident.bsn, email=form.email.data, notify=form.notify.data == "ja", language=str(get_locale()))
        flash(_("Uw keuze is opgeslagen."))
        return redirect(url_for("pages.my_details", _anchor="meldingen"))
    return render_template("pages/notifications.html", form=form, has_errors=bool(form.errors)), (
        400 if form.errors else 200
    )


@bp.route("/mijn-gegevens/klopt-niet", methods=["GET", "POST"])
@resident_required
@report_limit
def correction_report():
    form = CorrectionReportForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if form.validate_on_submit():
        return once.submit(form, lambda: _report(form))
    return render_template("pages/correction_report.html", form=form, has_errors=bool(form.errors)), (
        400 if form.errors else 200
    )


def _report(form: CorrectionReportForm) -> tuple[str, str]:
    """The report becomes a case of type onderzoek-gegevens; the resident lands on it."""
    topic = str(dict(form.topic.choices)[form.topic.data])
    zaak = report_mistake(get_session(), bsn=current_resident().bsn, topic=topic, explanation=form.explanation.data)
    return url_for("cases.detail", reference=zaak.identificatie), _(
        "Bedankt. Uw melding is bij ons binnen. Het nummer is %(reference)s. We kijken uw melding na.",
        reference=zaak.identificatie,
    )


@bp.get("/toegankelijkheid")
def accessibility():
    checked = date.fromisoformat(current_app.config["ACCESSIBILITY_CHECKED_ON"])
    return render_template("pages/accessibility.html", last_check=checked)


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/contact")
def contact():
    return render_template("pages/contact.html")


@bp.get("/taal/<code>")
def language(code: str):
    response = redirect(safe_local_path(request.args.get("terug")) or "/")
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANGUAGE_COOKIE,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


@bp.get("/.well-known/security.txt")
def security_txt():
    body = render_template("pages/security.txt", base=public_url())
    return Response(body, mimetype="text/plain")


@bp.get("/robots.txt")
def robots_txt():
    return Response(robots.robots_txt(), mimetype="text/plain")


@bp.get("/health")
def health():
    report = health_report()
    response = jsonify(report)
    response.headers["Cache-Control"] = "no-store"  # a monitor must see now, not a cached answer
    return response, 200 if report["status"] == "ok" else 503
