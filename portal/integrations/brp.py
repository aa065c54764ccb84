"""Haal Centraal BRP Personen API 2.x client.

`POST {BRP_API_URL}/personen` with `type: RaadpleegMetBurgerservicenummer` and the `fields` we need,
so the BSN never appears in a URL. A BRP failure never becomes an error page: any answer we did not
expect (a timeout, a refused connection, a TLS failure, a 4xx or 5xx, an HTML page, invalid JSON, JSON of
another shape) gives the caller `status="unavailable"` and writes one log line that names the cause, never
the answer's content. Every read writes a processing-log record.

Production gateways may require a client certificate (mTLS): BRP_CLIENT_CERT (and BRP_CLIENT_KEY, unless
the key is in the certificate file), and BRP_CA_BUNDLE for a gateway signed by a private CA.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import requests
from flask import Flask, current_app

from portal.config import ConfigError
from portal.queries.processing_log import record_read

logger = logging.getLogger("portal.brp")

Status = Literal["found", "not_found", "unavailable"]

# Parts of a Persoon that the pages read, with the JSON type the spec gives them.
_OBJECTS = ("naam", "geboorte", "geslacht", "verblijfplaats", "adressering", "gemeenteVanInschrijving", "overlijden")
_LISTS = ("nationaliteiten", "partners", "kinderen", "ouders")


@dataclass(frozen=True)
class BrpResult:
    status: Status
    person: dict | None = None


class BrpClient(Protocol):
    def get_person(
        self, bsn: str, *, fields: Sequence[str], purpose: str, actor: str, actor_type: str = "resident"
    ) -> BrpResult: ...


class Unexpected(Exception):
    """An answer we cannot use; the message is the cause that is logged (never the answer's content)."""


@dataclass(frozen=True)
class Tls:
    client_cert: str = ""
    client_key: str = ""
    ca_bundle: str = ""


class HttpBrpClient:
    def __init__(self, base_url: str, api_key: str, timeout: float, tls: Tls | None = None):
        self.url = base_url.rstrip("/") + "/personen"
        self.timeout = min(timeout, 3.0)
        self.http = requests.Session()
        if api_key:
            self.http.headers["X-API-KEY"] = api_key
        self.http.headers["Accept"] = "application/json, application/problem+json"
        tls = tls or Tls()
        # Given with every request: a Session's own `verify` loses to REQUESTS_CA_BUNDLE (requests#3829).
        self.tls_kwargs: dict = {"verify": tls.ca_bundle or True}
        if tls.client_cert:
            self.tls_kwargs["cert"] = (tls.client_cert, tls.client_key) if tls.client_key else tls.client_cert

    def get_person(
        self, bsn: str, *, fields: Sequence[str], purpose: str, actor: str, actor_type: str = "resident"
    ) -> BrpResult:
        result = self._fetch(bsn, fields)
        return _logged(result, bsn=bsn, fields=fields, purpose=purpose, actor=actor, actor_type=actor_type)

    def _fetch(self, bsn: str, fields: Sequence[str]) -> BrpResult:
        body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": list(fields)}
        try:
            response = self.http.post(self.url, json=body, timeout=self.timeout, **self.tls_kwargs)
            persons = _persons(response)
        except requests.RequestException as error:
            return _unavailable(_cause(error))
        except Unexpected as error:
            return _unavailable(str(error))
        return BrpResult("found", persons[0]) if persons else BrpResult("not_found")


def _unavailable(cause: str) -> BrpResult:
    logger.warning("BRP unavailable: %s", cause, extra={"event": "brp.unavailable", "reason": cause})
    return BrpResult("unavailable")


def _cause(error: requests.RequestException) -> str:
    if isinstance(error, requests.Timeout):
        return "timeout"
    if isinstance(error, requests.exceptions.SSLError):
        return "tls"
    if isinstance(error, requests.ConnectionError):
        return "connection"
    return type(error).__name__


def _persons(response: requests.Response) -> list[dict]:
    if response.status_code != 200:
        raise Unexpected(f"status {response.status_code}")
    try:
        answer = response.json()
    except ValueError as error:
        kind = response.headers.get("Content-Type", "").split(";")[0] or "no content type"
        raise Unexpected(f"no JSON ({kind})") from error
    persons = answer.get("personen") if isinstance(answer, dict) else None
    if not isinstance(persons, list) or not all(isinstance(person, dict) for person in persons):
        raise Unexpected("unexpected JSON shape")
    for person in persons:
        wrong = [key for key in _OBJECTS if key in person and not isinstance(person[key], dict)]
        wrong += [key for key in _LISTS if key in person and not _list_of_objects(person[key])]
        if wrong:
            raise Unexpected(f"unexpected JSON shape ({', '.join(wrong)})")
    return persons


def _list_of_objects(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


class FakeBrpClient:
    """In-memory stand-in for unit tests: persons keyed by BSN, or `down=True` to act unavailable."""

    def __init__(self, persons: dict[str, dict] | None = None, down: bool = False):
        self.persons = persons or {}
        self.down = down
        self.calls: list[tuple[str, tuple[str, ...], str]] = []

    def get_person(
        self, bsn: str, *, fields: Sequence[str], purpose: str, actor: str, actor_type: str = "resident"
    ) -> BrpResult:
        self.calls.append((bsn, tuple(fields), purpose))
        if self.down:
            result = BrpResult("unavailable")
        elif bsn in self.persons:
            result = BrpResult("found", self.persons[bsn])
        else:
            result = BrpResult("not_found")
        return _logged(result, bsn=bsn, fields=fields, purpose=purpose, actor=actor, actor_type=actor_type)


def tls_settings(config) -> Tls:
    tls = Tls(config.get("BRP_CLIENT_CERT", ""), config.get("BRP_CLIENT_KEY", ""), config.get("BRP_CA_BUNDLE", ""))
    if tls.client_key and not tls.client_cert:
        raise ConfigError("BRP_CLIENT_KEY is set without BRP_CLIENT_CERT: set both, or neither.")
    for name, path in (
        ("BRP_CLIENT_CERT", tls.client_cert),
        ("BRP_CLIENT_KEY", tls.client_key),
        ("BRP_CA_BUNDLE", tls.ca_bundle),
    ):
        if path and not Path(path).is_file():
            raise ConfigError(f"{name} names a file that does not exist: {path}")
    return tls


def init_app(app: Flask) -> None:
    config = app.config
    client = HttpBrpClient(
        config["BRP_API_URL"], config["BRP_API_KEY"], config["BRP_TIMEOUT_SECONDS"], tls_settings(config)
    )
    app.extensions["brp_client"] = client


def get_brp_client() -> BrpClient:
    return current_app.extensions["brp_client"]


def _logged(result: BrpResult, *, bsn: str, fields: Sequence[str], purpose: str, actor: str, actor_type: str):
    """Every BRP read, real or fake, writes its processing-log record: who, about whom, what, why, outcome."""
    record_read(
        actor=actor,
        actor_type=actor_type,
        bsn=bsn,
        activity="brp.raadplegen",
        purpose=purpose,
        fields=fields,
        outcome=result.status,
    )
    return result
