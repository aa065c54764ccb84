"""The appointments blueprint (resident pages); views.py books, manage.py shows, moves and cancels."""

from flask import Blueprint

bp = Blueprint("appointments", __name__)
