"""Declarative models, one module per aggregate. Import them all here so Alembic sees them.

The mock DigiD's tables are not among them: they have their own MetaData and are created by the mock itself
(portal/mock_digid/store.py), so a production database never gets them.
"""

from portal.models.aftercare import AftercareTask
from portal.models.appointments import (
    Appointment,
    AppointmentNotice,
    DevMailAttachment,
    Hold,
    Location,
    OpeningBlock,
    OpeningException,
    Product,
    SlotClaim,
    WaitlistEntry,
)
from portal.models.cases import Bericht, Document, Status, Statustype, Taak, Zaak, Zaaktype
from portal.models.eforms import DraftFile, FormDraft, FormSubmission
from portal.models.formadmin import FormAuditEntry, FormConcept, FormRetirement
from portal.models.forms import FormDefinition, FormVersion
from portal.models.klantcontact import Klantcontact
from portal.models.notifications import DevMail, OutboxHeartbeat, OutboxMessage, ResidentContact
from portal.models.processing_log import ProcessingLogEntry
from portal.models.reports import DataCorrectionReport
from portal.models.sessions import ServerSession
from portal.models.submissions import UsedFormToken
from portal.models.workbench import ZaakBehandelaar, ZaakGezien

__all__ = [
    "AftercareTask",
    "Appointment",
    "AppointmentNotice",
    "DevMailAttachment",
    "Hold",
    "Location",
    "OpeningBlock",
    "OpeningException",
    "Product",
    "SlotClaim",
    "WaitlistEntry",
    "Bericht",
    "DevMail",
    "FormAuditEntry",
    "FormConcept",
    "DraftFile",
    "FormDraft",
    "FormSubmission",
    "FormDefinition",
    "FormRetirement",
    "FormVersion",
    "Document",
    "OutboxHeartbeat",
    "OutboxMessage",
    "ResidentContact",
    "Status",
    "Statustype",
    "Taak",
    "Zaak",
    "Zaaktype",
    "DataCorrectionReport",
    "ProcessingLogEntry",
    "ServerSession",
    "Klantcontact",
    "ZaakBehandelaar",
    "ZaakGezien",
    "UsedFormToken",
]
