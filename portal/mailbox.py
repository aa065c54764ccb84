"""The development mailbox at /ontwikkel/mailbox: the emails the portal would have sent (MAIL_BACKEND=mailbox).

Never mounted in production (the configuration refuses MAIL_BACKEND=mailbox there).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from sqlalchemy import select

from portal.db import get_session
from portal.models.appointments import DevMailAttachment
from portal.models.notifications import DevMail
from portal.security import mark_personal

bp = Blueprint("mailbox", __name__, url_prefix="/ontwikkel")


@bp.get("/mailbox")
def index():
    mark_personal()
    mails = get_session().scalars(select(DevMail).order_by(DevMail.id.desc()).limit(50)).all()
    attachments = get_session().scalars(
        select(DevMailAttachment).where(DevMailAttachment.dev_mail_id.in_([mail.id for mail in mails]))).all()
    by_mail: dict[int, list] = {}
    for item in attachments:
        by_mail.setdefault(item.dev_mail_id, []).append(item)
    return render_template("mailbox.html", mails=mails, attachments=by_mail)


@bp.get("/mailbox/bijlage/<int:attachment_id>")
def attachment(attachment_id: int):
    mark_personal()
    item = get_session().get(DevMailAttachment, attachment_id)
    if item is None:
        abort(404)
    return Response(item.content, mimetype=item.content_type,
                    headers={"Content-Disposition": f'attachment; filename="{item.filename}"'})
