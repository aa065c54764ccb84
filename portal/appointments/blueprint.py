"""The appointments blueprint (resident pages); views.py books, manage.py shows, moves and cancels."""

from flask import Blueprint

from portal.appointments.uow import commit_request

bp = Blueprint("appointments", __name__)
bp.after_request(commit_request)
