"""The development mailbox at /ontwikkel/mailbox: the emails the portal would have sent (MAIL_BACKEND=mailbox).

Never mounted in production (the configuration refuses MAIL_BACKEND=mailbox there).
"""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from portal.db import get_session
from portal.models.notifications import DevMail
from portal.security import mark_personal

bp = Blueprint("mailbox", __name__, url_prefix="/ontwikkel")


@bp.get("/mailbox")
def index():
    mark_personal()
    mails = get_session().scalars(select(DevMail).order_by(DevMail.id.desc()).limit(50)).all()
    return render_template("mailbox.html", mails=mails)
