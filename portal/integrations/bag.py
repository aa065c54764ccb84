"""Kadaster BAG API Individuele Bevragingen 2.0 client: postcode + house number -> street and town.

`GET {BAG_API_URL}/adressen?postcode=…&huisnummer=…[&huisletter=…&huisnummertoevoeging=…]` with `X-Api-Key`,
asking for `application/hal+json`. Without `exacteMatch`, so "12" also finds 12A and 12-bis: one match is
`found`, more are `several` (the form offers a choice), none is `not_found` (the resident types street and
town). Anything else — no BAG_API_URL, a timeout, a 4xx/5xx, HTML, bad JSON, another shape, addresses for
another postcode — is `unavailable`, with one log line naming the cause and never the address; the form then
also lets the resident type street and town. Input that is no Dutch postcode or house number is `not_found`
without a request: the form's own validation says what to fix.

No processing-log record is written: an address on its own is not personal data (it names a place, not a
person), and no BSN or name is sent.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Literal, Protocol

import requests
from flask import Flask, current_app
from stdnum.exceptions import ValidationError
from stdnum.nl import postcode as nl_postcode

logger = logging.getLogger("portal.bag")

Status = Literal["found", "several", "not_found", "unavailable"]
LETTER = re.compile(r"[a-zA-Z]")
ADDITION = re.compile(r"[0-9a-zA-Z]{1,4}")


@dataclass(frozen=True)
class Address:
    straat: str  # openbareRuimteNaam, the official street name
    huisnummer: int
    postcode: str
    woonplaats: str
    huisletter: str = ""
    toevoeging: str = ""
    korte_naam: str = ""
    nummeraanduiding: str = ""

    @property
    def house_number(self) -> str:
        """As written on a letter: 12A, 12-bis, 12A-3."""
        return f"{self.huisnummer}{self.huisletter}" + (f"-{self.toevoeging}" if self.toevoeging else "")


@dataclass(frozen=True)
class BagResult:
    status: Status
    addresses: list[Address] = field(default_factory=list)


class BagClient(Protocol):
    def lookup(
        self, postcode: str, huisnummer: str | int, huisletter: str | None = None, toevoeging: str | None = None
    ) -> BagResult: ...


def normalise_postcode(raw: str) -> str | None:
    """ "1234 ab", "1234-AB", " 1234AB " -> "1234AB"; None when it is no Dutch postcode."""
    text = "".join(str(raw).split())
    if not text.isascii():  # "ﬀ".upper() is "FF": only ASCII can be what the resident meant
        return None
    try:
        return nl_postcode.validate(text).replace(" ", "")
    except ValidationError:
        return None


def normalise_house_number(raw: str | int) -> int | None:
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 99999:
        return None
    return int(text)


def _normalise_part(raw: str | None, pattern: re.Pattern) -> str | None:
    """ "" when not given; "-bis" and " bis " are "bis"; None for a value the BAG can never hold."""
    text = (raw or "").strip().lstrip("-").strip()
    if not text:
        return ""
    return text if text.isascii() and pattern.fullmatch(text) else None


def normalise(postcode, huisnummer, huisletter=None, toevoeging=None) -> dict | None:
    """The BAG query for what the resident typed, or None when a part can never match."""
    query = {
        "postcode": normalise_postcode(postcode),
        "huisnummer": normalise_house_number(huisnummer),
        "huisletter": _normalise_part(huisletter, LETTER),
        "huisnummertoevoeging": _normalise_part(toevoeging, ADDITION),
    }
    if any(value is None for value in query.values()):
        return None
    return {name: value for name, value in query.items() if value != ""}


def _address(item) -> Address | None:
    """One `_embedded.adressen[]` entry, or None when it lacks what we need or has the wrong types."""
    if not isinstance(item, dict):
        return None
    texts = {name: item.get(name) for name in ("openbareRuimteNaam", "postcode", "woonplaatsNaam")}
    optional = {
        name: item.get(name, "")
        for name in ("huisletter", "huisnummertoevoeging", "korteNaam", "nummeraanduidingIdentificatie")
    }
    number = item.get("huisnummer")
    if (
        not all(isinstance(value, str) and value for value in texts.values())
        or not all(isinstance(value, str) for value in optional.values())
        or type(number) is not int
    ):
        return None
    return Address(
        straat=texts["openbareRuimteNaam"],
        huisnummer=number,
        postcode=texts["postcode"],
        woonplaats=texts["woonplaatsNaam"],
        huisletter=optional["huisletter"],
        toevoeging=optional["huisnummertoevoeging"],
        korte_naam=optional["korteNaam"],
        nummeraanduiding=optional["nummeraanduidingIdentificatie"],
    )


def result_for(addresses: list[Address]) -> BagResult:
    if not addresses:
        return BagResult("not_found")
    return BagResult("found" if len(addresses) == 1 else "several", list(addresses))


class HttpBagClient:
    def __init__(self, base_url: str, api_key: str, timeout: float):
        self.url = base_url.rstrip("/") + "/adressen" if base_url else ""
        self.timeout = min(timeout, 3.0)
        self.http = requests.Session()
        self.http.headers["Accept"] = "application/hal+json"
        if api_key:
            self.http.headers["X-Api-Key"] = api_key

    def lookup(
        self, postcode: str, huisnummer: str | int, huisletter: str | None = None, toevoeging: str | None = None
    ) -> BagResult:
        query = normalise(postcode, huisnummer, huisletter, toevoeging)
        if query is None:
            return BagResult("not_found")
        if not self.url:
            return _unavailable("not_configured")
        try:
            response = self.http.get(self.url, params=query, timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as error:
            return _unavailable(type(error).__name__)
        return _read(response, query)


def _read(response: requests.Response, query: dict) -> BagResult:
    if response.status_code != 200:
        return _unavailable("status", status=response.status_code)
    if "json" not in response.headers.get("Content-Type", "").lower():
        return _unavailable("content_type")
    try:
        body = response.json()
    except ValueError:
        return _unavailable("json")
    embedded = body.get("_embedded", {"adressen": []}) if isinstance(body, dict) else None
    items = embedded.get("adressen") if isinstance(embedded, dict) else None
    if not isinstance(items, list):
        return _unavailable("shape")
    addresses = [_address(item) for item in items]
    if None in addresses:
        return _unavailable("shape")
    if any((address.postcode, address.huisnummer) != (query["postcode"], query["huisnummer"]) for address in addresses):
        return _unavailable("other_address")
    return result_for(addresses)


def _unavailable(reason: str, **fields) -> BagResult:
    logger.warning("BAG unavailable", extra={"event": "bag.unavailable", "reason": reason, **fields})
    return BagResult("unavailable")


class FakeBagClient:
    """In-memory stand-in for tests: a list of addresses, or `down=True` to act unavailable."""

    def __init__(self, addresses: list[Address] | None = None, down: bool = False):
        self.addresses = addresses or []
        self.down = down
        self.calls: list[dict] = []

    def lookup(
        self, postcode: str, huisnummer: str | int, huisletter: str | None = None, toevoeging: str | None = None
    ) -> BagResult:
        query = normalise(postcode, huisnummer, huisletter, toevoeging)
        if query is None:
            return BagResult("not_found")
        self.calls.append(query)
        if self.down:
            return BagResult("unavailable")
        return result_for([address for address in self.addresses if _matches(address, query)])


def _matches(address: Address, query: dict) -> bool:
    """The BAG's reading without exacteMatch: a letter or addition that was not given matches any."""
    return (address.postcode, address.huisnummer) == (query["postcode"], query["huisnummer"]) and all(
        wanted.upper() == actual.upper()
        for wanted, actual in (
            (query.get("huisletter"), address.huisletter),
            (query.get("huisnummertoevoeging"), address.toevoeging),
        )
        if wanted is not None
    )


def init_app(app: Flask) -> None:
    config = app.config
    app.extensions["bag_client"] = HttpBagClient(
        config["BAG_API_URL"], config["BAG_API_KEY"], config["BAG_TIMEOUT_SECONDS"]
    )


def get_bag_client() -> BagClient:
    return current_app.extensions["bag_client"]
