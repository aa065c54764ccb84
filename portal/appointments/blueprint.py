"""The appointments blueprint (resident pages); views.py books, manage.py shows, moves and cancels.

The request's work is committed once by the unit of work (portal/uow.py), as everywhere else."""

from flask import Blueprint

bp = Blueprint("appointments", __name__)
