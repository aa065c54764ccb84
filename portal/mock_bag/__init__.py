"""The embedded mock BAG: the Kadaster's BAG API Individuele Bevragingen 2.0 (`/adressen`) over HTTP.

`GET /mock-bag/lvbag/individuelebevragingen/v2/adressen?postcode=…&huisnummer=…` (with `huisletter`,
`huisnummertoevoeging`, `exacteMatch`, paging; also the searches by adresseerbaar object, pand, or town + street
+ number) and `GET …/adressen/{nummeraanduidingIdentificatie}`, an `X-Api-Key` header, HAL+JSON answers with
the `api-version` header, and `application/problem+json` errors (400 with `invalid-params`, as the spec names
them; 401, 404, 405 with `Allow`, 406, 500). Fed by the addresses of the RvIG test persons (see data.py).
Mounted only when MOCK_BAG_ENABLED is on; production must point BAG_API_URL at the real service.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from urllib.parse import quote, urlencode

from flask import Blueprint, Flask, current_app, request, url_for
from werkzeug.exceptions import HTTPException

from portal.extensions import csrf
from portal.mock_bag.data import by_nummeraanduiding, find
from portal.mock_bag.query import invalid, parse

BASE_PATH = "/mock-bag/lvbag/individuelebevragingen/v2"
API_VERSION = "2.0.0"
ALLOW = "GET, HEAD"
HAL = "application/hal+json"
bp = Blueprint("mock_bag", __name__, url_prefix=BASE_PATH)

RFC = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#/"
PROBLEMS = {  # status: (section, title, detail); the titles are the spec's examples
    400: ("10.4.1", "Een of meerdere parameters zijn niet correct.", "De vraag bevat fouten: zie invalid-params."),
    401: ("10.4.2", "Niet correct geauthenticeerd.", "Stuur een geldige API key in de header X-Api-Key."),
    404: ("10.4.5", "Opgevraagde resource bestaat niet.", "Dit adres of dit pad bestaat niet."),
    405: ("10.4.6", "Gebruikte methode is niet toegestaan.", "Deze resource kan alleen gelezen worden (GET)."),
    406: ("10.4.7", "Gevraagde contenttype wordt niet ondersteund.", "De API levert application/hal+json."),
    500: ("10.5.1", "Interne server fout.", "Er ging iets mis in de mock BAG."),
}
TITLES_400 = {  # code: (title, detail)
    "paramsRequired": (
        "Ten minste één parameter moet worden opgegeven.",
        "Zoek met postcode en huisnummer, of met een van de andere zoekvragen.",
    ),
    "paramsCombinationNotAllowed": (
        "De combinatie van opgegeven parameters is niet toegestaan.",
        "Postcode hoort bij huisnummer; gebruik één zoekvraag tegelijk.",
    ),
}
CODES = {401: "authentication", 404: "notFound", 405: "methodNotAllowed", 406: "notAcceptable", 500: "serverError"}


class Problem(Exception):
    def __init__(self, status: int, code: str = "", invalid: list[dict] | None = None):
        status = status if status in PROBLEMS else (500 if status >= 500 else 400)
        section, title, detail = PROBLEMS[status]
        super().__init__(title)
        self.status = status
        title, detail = TITLES_400.get(code, (title, detail))
        self.body = {
            "type": RFC + section,
            "title": title,
            "status": status,
            "detail": detail,
            "instance": _uri(),
            "code": code or CODES.get(status, "paramsValidation"),
        }
        if invalid:
            self.body["invalid-params"] = invalid


def _uri() -> str:
    """This request's address, percent-encoded again (the spec's `format: uri`; `request.url` is decoded)."""
    query = urlencode(list(request.args.items(multi=True)))
    return request.host_url.rstrip("/") + quote(request.path) + (f"?{query}" if query else "")


def _answer(body: dict, status: int = 200, mimetype: str = HAL):
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), status=status, mimetype=mimetype)
    response.headers["api-version"] = API_VERSION
    return response


def _problem_response(problem: Problem):
    response = _answer(problem.body, problem.status, "application/problem+json")
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
    logging.getLogger("portal.mock_bag").error("mock BAG failed", exc_info=error, extra={"event": "error"})
    return _problem_response(Problem(500))


@bp.get("/adressen", provide_automatic_options=False)
def adressen():
    _check_request()
    query, faults, code = parse(request.args)
    if code:
        raise Problem(400, code, faults)
    found = find(query)
    page, size = query.get("page", 1), query.get("pageSize", 20)
    shown = found[(page - 1) * size : page * size]
    body = {"_links": _page_links(page, size, len(found))}
    if shown:  # as the real API: no `_embedded` when nothing matches
        body["_embedded"] = {"adressen": [_hal(address) for address in shown]}
    response = _answer(body)
    response.headers["X-Pagination-Page"] = str(page)
    response.headers["X-Pagination-Limit"] = str(size)
    return response


@bp.get("/adressen/<nummeraanduidingIdentificatie>", provide_automatic_options=False)
def adres(nummeraanduidingIdentificatie: str):  # noqa: N803 - the spec's parameter name
    _check_request()
    if nummeraanduidingIdentificatie == "zoek":  # the free-text search of the spec is not served by the mock
        raise Problem(404)
    faults = [
        invalid(
            name,
            "unsupported" if name == "expand" else "unknownParam",
            "Deze parameter wordt door de mock BAG niet ondersteund.",
        )
        for name in request.args
    ]
    if not re.fullmatch(r"[0-9]{16}", nummeraanduidingIdentificatie):
        faults.append(
            invalid("nummeraanduidingIdentificatie", "pattern", "Waarde voldoet niet aan patroon ^[0-9]{16}$.")
        )
    if faults:
        raise Problem(400, "paramsValidation", faults)
    address = by_nummeraanduiding().get(nummeraanduidingIdentificatie)
    if address is None:
        raise Problem(404)
    return _answer(_hal(address))


def _hal(address: dict) -> dict:
    own = url_for(
        "mock_bag.adres", nummeraanduidingIdentificatie=address["nummeraanduidingIdentificatie"], _external=True
    )
    return {**address, "_links": {"self": {"href": own}}}


def _page_links(page: int, size: int, total: int) -> dict:
    def href(number: int) -> dict:
        args = {**request.args.to_dict(), "page": number}
        return {"href": url_for("mock_bag.adressen", _external=True, **args)}

    links = {"self": {"href": _uri()}, "first": href(1)}
    if page > 1:
        links["previous"] = href(page - 1)
    if page * size < total:
        links["next"] = href(page + 1)
    return links


def _check_request() -> None:
    expected = current_app.config["MOCK_BAG_API_KEY"]
    given = request.headers.get("X-Api-Key", "")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Problem(401)
    if "Accept" in request.headers and request.accept_mimetypes.best_match([HAL, "application/json"]) is None:
        raise Problem(406)


def _routing_problem():
    """Runs before routing errors are raised: an unknown path or method under the mock is problem+json too."""
    error = request.routing_exception
    if error is None or not request.path.startswith(BASE_PATH + "/"):
        return None
    return _problem_response(Problem(405 if getattr(error, "code", None) == 405 else 404))


def init_app(app: Flask) -> None:
    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.before_request(_routing_problem)
