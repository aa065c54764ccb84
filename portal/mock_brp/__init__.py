"""The embedded mock BRP: the Haal Centraal BRP Personen API 2.x over HTTP, fed by the RvIG test persons.

`POST /mock-brp/haalcentraal/api/brp/personen` with a JSON query (`type`, `fields`, and the search
parameters), an `X-API-KEY` header, and `application/problem+json` errors, as the real API does: every
invalid parameter at once in `invalidParams`, 401/404/405 (with `Allow`)/406/415/500 as problem+json too.
Mounted only when MOCK_BRP_ENABLED is on; production must point BRP_API_URL at the real service.
"""

from __future__ import annotations

import hmac
import logging
from datetime import date

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from portal.extensions import csrf
from portal.i18n import local_today
from portal.mock_brp.data import age
from portal.mock_brp.fields import build_tree, select
from portal.mock_brp.query import problems
from portal.mock_brp.search import find

bp = Blueprint("mock_brp", __name__, url_prefix="/mock-brp/haalcentraal/api/brp")

ALLOW = "POST"
RFC = "https://datatracker.ietf.org/doc/html/"
TYPES = {
    400: "rfc7231#section-6.5.1",
    401: "rfc7235#section-3.1",
    404: "rfc7231#section-6.5.4",
    405: "rfc7231#section-6.5.5",
    406: "rfc7231#section-6.5.6",
    415: "rfc7231#section-6.5.13",
    500: "rfc7231#section-6.6.1",
}
TITLES = {
    400: ("Een of meerdere parameters zijn niet correct.", "paramsValidation"),
    401: ("Niet correct geauthenticeerd.", "authentication"),
    404: ("Opgevraagde resource bestaat niet.", "notFound"),
    405: ("Gebruikte methode is niet toegestaan.", "methodNotAllowed"),
    406: ("Gevraagde contenttype wordt niet ondersteund.", "notAcceptable"),
    413: ("Het verzoek is te groot.", "tooLarge"),
    415: ("Media Type wordt niet ondersteund.", "unsupported"),
    500: ("Interne server fout.", "serverError"),
}


class Problem(Exception):
    def __init__(self, status: int, invalid: list[dict] | None = None):
        title, code = TITLES.get(status, TITLES[400 if status < 500 else 500])
        super().__init__(title)
        self.status = status
        self.body = {
            "type": RFC + TYPES.get(status, TYPES[400 if status < 500 else 500]),
            "title": title,
            "status": status,
            "instance": request.url,
            "code": code,
        }
        if invalid:
            self.body["invalidParams"] = invalid


def _problem_response(problem: Problem):
    response = jsonify(problem.body)
    response.status_code = problem.status
    response.mimetype = "application/problem+json"
    if problem.status == 405:
        response.headers["Allow"] = ALLOW
    return response


@bp.errorhandler(Problem)
def _problem(problem: Problem):
    return _problem_response(problem)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return _problem_response(Problem(error.code or 500))


@bp.errorhandler(Exception)
def _server_error(error: Exception):
    logging.getLogger("portal.mock_brp").error("mock BRP failed", exc_info=error, extra={"event": "error"})
    return _problem_response(Problem(500))


@bp.post("/personen")
def personen():
    _check_api_key()
    _check_media_types()
    # No body at all is a query without parameters: "type and fields are required", as for {}.
    query = request.get_json(silent=True) if request.get_data(cache=True) else {}
    if not isinstance(query, dict):
        raise Problem(400, [{"name": "body", "code": "json", "reason": "De body is geen JSON object."}])
    invalid = problems(query)
    if invalid:
        raise Problem(400, invalid)
    kind = query["type"]
    tree = build_tree(query["fields"])
    today = local_today()
    found = [_with_age(person, today) for person in find(kind, query)]
    return jsonify({"type": kind, "personen": [select(person, tree) for person in found]})


def _routing_problem():
    """Runs before routing errors are raised: an unknown path or method under the mock is problem+json too."""
    error = request.routing_exception
    if error is None or not request.path.startswith(bp.url_prefix):
        return None
    status = getattr(error, "code", None) or 404
    response = _problem_response(Problem(status if status in TITLES else 404))
    if status == 405:
        response.headers["Allow"] = ", ".join(sorted(getattr(error, "valid_methods", None) or [ALLOW]))
    return response


def _check_api_key() -> None:
    expected = current_app.config["MOCK_BRP_API_KEY"]
    given = request.headers.get("X-API-KEY", "")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Problem(401)


def _check_media_types() -> None:
    if "Accept" in request.headers and request.accept_mimetypes.best_match(["application/json"]) is None:
        raise Problem(406)
    if request.get_data(cache=True) and request.mimetype != "application/json":
        raise Problem(415)


def _with_age(person: dict, today: date) -> dict:
    years = age(person, today)
    return person if years is None else {**person, "leeftijd": years}


def init_app(app: Flask) -> None:
    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.before_request(_routing_problem)
