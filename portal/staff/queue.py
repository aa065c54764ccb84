"""The case worker's day: the whole queue and "Mijn werk", what is new per case, taking a case, finding one by
its number."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, ValidationError

from portal import once
from portal.cases import planning
from portal.forms import PortalForm
from portal.i18n import local_today
from portal.queries import workqueue
from portal.queries.cases import current_zaaktypen, page_number
from portal.staff.actions import case_url
from portal.staff.auth import ROLE_CASE_WORKER, staff_required
from portal.staff.forms import TakeForm
from portal.staff.views import bp, render_case, staff_case


class FindForm(PortalForm):
    """A GET form: the case number may be in the URL (it is not personal data)."""

    class Meta:
        csrf = False

    reference: str | None = None
    nummer = StringField(
        _l("Nummer van de aanvraag"), validators=[DataRequired(message=_l("Vul het nummer van de aanvraag in"))]
    )

    def validate_nummer(self, field):
        self.reference = workqueue.normalize_reference(field.data)
        if self.reference is None:
            raise ValidationError(_l("Dit is geen nummer van een aanvraag. Zo ziet een nummer eruit: ZK-7K4M-9Q2X."))
        if not workqueue.exists_reference(self.reference):
            raise ValidationError(_l("Er is geen aanvraag met dit nummer. Kijk of u het goed heeft overgenomen."))


def _render_queue(mine: bool):
    types = current_zaaktypen()
    chosen = request.args.get("zaaktype", "")
    chosen_id = next((item.id for item in types if item.identificatie == chosen), None)
    page = workqueue.queue(
        chosen_id, assignee_sub=g.staff.sub if mine else None, page=page_number(request.args.get("pagina"))
    )
    return render_template(
        "staff/queue.html",
        page=page,
        zaaktypen=types,
        chosen=chosen,
        mine=mine,
        find_form=FindForm(formdata=None),
        today=local_today(),
        planning=planning,
    )


@bp.get("/werkvoorraad")
@staff_required(ROLE_CASE_WORKER)
def queue():
    return _render_queue(mine=False)


@bp.get("/mijn-werk")
@staff_required(ROLE_CASE_WORKER)
def my_work():
    return _render_queue(mine=True)


@bp.get("/zoeken")
@staff_required(ROLE_CASE_WORKER)
def find():
    form = FindForm(request.args)
    if form.validate():
        return redirect(url_for("staff.case", reference=form.reference))
    return render_template("staff/find.html", form=form, has_errors=True), (
        404 if getattr(form, "reference", None) else 400
    )


@bp.post("/zaken/<reference>/oppakken")
@staff_required(ROLE_CASE_WORKER)
def take(reference: str):
    zaak = staff_case(reference)
    form = TakeForm()
    if (repeat := once.repeated(form)) is not None:
        return repeat
    if not form.validate_on_submit():
        return render_case(zaak, {"take": form}, 400)
    if not zaak.is_open:
        flash(_("Deze aanvraag is al klaar. U hoeft hem niet op te pakken."))
        return redirect(case_url(zaak))

    def act():
        won, holder = workqueue.take(zaak, sub=g.staff.sub, name=g.staff.name)
        if won:
            return case_url(zaak), _("U heeft deze aanvraag opgepakt. U vindt hem bij Mijn werk.")
        return case_url(zaak), _("%(name)s heeft deze aanvraag al opgepakt.", name=holder.name)

    return once.submit(form, act)
