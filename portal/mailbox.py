"""The development mailbox at /ontwikkel/mailbox: the emails the portal would have sent (MAIL_BACKEND=mailbox).

Never mounted in production (the configuration refuses MAIL_BACKEND=mailbox there).
"""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.queries.outbox import recent_dev_mail
from portal.security import mark_personal

bp = Blueprint("mailbox", __name__, url_prefix="/ontwikkel")


@bp.get("/mailbox")
def index():
    mark_personal()
    return render_template("mailbox.html", mails=recent_dev_mail())
