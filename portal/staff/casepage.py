"""What the staff case page shows beside the case itself (who the resident is, the conversation, who has the
case), and downloading a resident's document."""

from __future__ import annotations

from io import BytesIO

from flask import abort, g, send_file

from portal.cases.conversation import answered_on, conversation
from portal.integrations.person import FIELDS_CALLER, FIELDS_WHO
from portal.queries import cases as queries
from portal.queries import seen, workqueue
from portal.queries.klantcontact import contacts_of_case
from portal.queries.processing_log import record_read
from portal.staff.auth import ROLE_CASE_WORKER, staff_required
from portal.staff.resident import who_is
from portal.staff.views import bp, staff_case


def extras(zaak, *, can_act: bool) -> dict:
    """A case worker opening the case clears its "new answer" mark in the queue; a KCC look does not."""
    if can_act:
        seen.staff_saw(zaak)
    documents, tasks = queries.documents(zaak, for_resident=False), queries.tasks(zaak)
    # KCC staff check who is calling (name, date of birth); the address is for the case worker.
    purpose = "zaak behandelen: wie is de inwoner" if can_act else "inwoner herkennen aan de telefoon (KCC)"
    fields = FIELDS_WHO if can_act else FIELDS_CALLER
    return {
        "documents": documents,
        "tasks": tasks,
        "answered_on": answered_on(zaak, tasks),
        "entries": conversation(queries.messages(zaak), tasks, documents),
        "who": who_is(zaak.initiator_bsn, staff_sub=g.staff.sub, fields=fields, purpose=purpose),
        "assignee": workqueue.assignee(zaak),
        "contacts": contacts_of_case(zaak.id),
    }


@bp.get("/zaken/<reference>/documenten/<int:document_id>")
@staff_required(ROLE_CASE_WORKER)
def document(reference: str, document_id: int):
    zaak = staff_case(reference)
    found = queries.document_with_content(zaak, document_id, for_resident=False)
    if found is None:
        abort(404)
    record_read(
        actor=g.staff.sub,
        actor_type="medewerker",
        bsn=zaak.initiator_bsn,
        activity="document downloaden",
        purpose="zaak behandelen",
        fields=("document",),
        outcome="ok",
    )
    return send_file(
        BytesIO(found.inhoud), mimetype=found.formaat, as_attachment=True, download_name=found.bestandsnaam, max_age=0
    )
