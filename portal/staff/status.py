"""Setting the next status, in two steps without JavaScript: the form POSTs to a confirmation page that says
what the resident will be told; its "Ja, opslaan" button POSTs the same values again with the confirmation."""

from __future__ import annotations

from flask import g, render_template
from flask_babel import gettext as _

from portal import once
from portal.cases import service
from portal.db import get_session
from portal.i18n import localized
from portal.queries import cases as queries
from portal.queries.contact import contact_of
from portal.staff.actions import case_url
from portal.staff.auth import ROLE_CASE_WORKER, staff_required
from portal.staff.forms import StatusForm
from portal.staff.views import bp, render_case, set_status_choices, staff_case

CONFIRMED, CHANGE = "ja", "wijzigen"


def _confirm_page(zaak, form: StatusForm):
    step = next(step for step in zaak.zaaktype.statustypen if step.id == form.statustype.data)
    contact = contact_of(zaak.initiator_bsn)
    return render_template(
        "staff/confirm_status.html",
        zaak=zaak,
        form=form,
        step=step,
        closes=step is zaak.zaaktype.statustypen[-1],
        emailed=step.informeren and bool(contact and contact.wants_email),
    )


@bp.post("/zaken/<reference>/status")
@staff_required(ROLE_CASE_WORKER)
def set_status(reference: str):
    zaak = staff_case(reference)
    # Two case workers saving at once cannot both move it on from the same step (the second one sees the
    # first one's step).
    queries.lock_case(zaak)
    form = StatusForm()
    if (repeat := once.repeated(form)) is not None:  # a double click waited for the lock: show the first one
        return repeat
    set_status_choices(form, zaak)
    if not form.validate_on_submit():
        return render_case(zaak, {"status": form}, 400)
    if form.bevestigd.data == CHANGE:
        return render_case(zaak, {"status": form})
    if form.bevestigd.data != CONFIRMED:
        return _confirm_page(zaak, form)

    def act():
        step = service.set_status(
            get_session(),
            zaak,
            form.statustype.data,
            toelichting=form.toelichting.data or "",
            door=g.staff.name,
            resultaat=form.resultaat.data,
        )
        return case_url(zaak), _("De status is nu: %(status)s.", status=localized(step, "omschrijving"))

    return once.submit(form, act)
