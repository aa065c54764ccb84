"""What happens after an e-form is submitted: the outbox rows that make the receipt and send the confirmation."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base


class AftercareTask(Base):
    """Which submission an outbox row is about, with the receipt to make (portal/eforms/aftercare.py).

    One row per outbox message, like AppointmentNotice: the outbox row holds no text, this row holds the
    receipt (the answers as the resident saw them) until the worker has made the PDF and sent the email.
    `submission_id` is the runner's submission; a second enqueue of the same submission adds nothing.
    """

    __tablename__ = "eform_aftercare"
    # One receipt and one email per submission, also when two transactions enqueue at once.
    __table_args__ = (UniqueConstraint("submission_id", "task", name="uq_eform_aftercare_submission_id_task"),)

    outbox_message_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="CASCADE"), primary_key=True
    )
    submission_id: Mapped[int] = mapped_column(Integer, index=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    task: Mapped[str] = mapped_column(String(16))  # "zaakdocument" or "email"
    receipt: Mapped[dict] = mapped_column(JSON)
