"""Declarative models, one module per aggregate. Import them all here so Alembic sees them."""

from portal.models.mock_digid import MockDigidCode, MockDigidKey, MockDigidToken
from portal.models.processing_log import ProcessingLogEntry
from portal.models.reports import DataCorrectionReport
from portal.models.sessions import ServerSession

__all__ = [
    "DataCorrectionReport",
    "MockDigidCode",
    "MockDigidKey",
    "MockDigidToken",
    "ProcessingLogEntry",
    "ServerSession",
]
