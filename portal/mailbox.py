"""The development mailbox at /ontwikkel/mailbox: the emails the portal would have sent (MAIL_BACKEND=mailbox).

Never mounted in production (the configuration refuses MAIL_BACKEND=mailbox there).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

from portal.queries.outbox import dev_mail_attachment, dev_mail_attachments, recent_dev_mail
from portal.security import mark_personal

bp = Blueprint("mailbox", __name__, url_prefix="/ontwikkel")


@bp.get("/mailbox")
def index():
    mark_personal()
    mails = recent_dev_mail()
    return render_template("mailbox.html", mails=mails, attachments=dev_mail_attachments([mail.id for mail in mails]))


@bp.get("/mailbox/bijlage/<int:attachment_id>")
def attachment(attachment_id: int):
    mark_personal()
    item = dev_mail_attachment(attachment_id)
    if item is None:
        abort(404)
    return Response(
        item.data if item.data is not None else item.content,
        mimetype=item.content_type,
        headers={"Content-Disposition": f'attachment; filename="{item.filename}"'},
    )
