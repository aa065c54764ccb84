"""Declarative models, one module per aggregate. Import them all here so Alembic sees them."""

from portal.models.cases import Bericht, Document, Status, Statustype, Taak, Zaak, Zaaktype
from portal.models.klantcontact import Klantcontact
from portal.models.mock_digid import MockDigidCode, MockDigidKey, MockDigidToken
from portal.models.notifications import DevMail, OutboxMessage, ResidentContact
from portal.models.processing_log import ProcessingLogEntry
from portal.models.reports import DataCorrectionReport
from portal.models.sessions import ServerSession
from portal.models.workbench import ZaakBehandelaar, ZaakGezien

__all__ = [
    "Bericht",
    "DevMail",
    "Document",
    "OutboxMessage",
    "ResidentContact",
    "Status",
    "Statustype",
    "Taak",
    "Zaak",
    "Zaaktype",
    "DataCorrectionReport",
    "MockDigidCode",
    "MockDigidKey",
    "MockDigidToken",
    "ProcessingLogEntry",
    "ServerSession",
    "Klantcontact",
    "ZaakBehandelaar",
    "ZaakGezien",
]
