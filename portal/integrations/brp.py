"""Haal Centraal BRP Personen API 2.x client.

`POST {BRP_API_URL}/personen` with `type: RaadpleegMetBurgerservicenummer` and the `fields` we need,
so the BSN never appears in a URL. A BRP failure never becomes an error page: the caller gets
`status="unavailable"` and shows a notice. Every read writes a processing-log record.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import requests
from flask import Flask, current_app

from portal.queries.processing_log import record_read

logger = logging.getLogger("portal.brp")

Status = Literal["found", "not_found", "unavailable"]


@dataclass(frozen=True)
class BrpResult:
    status: Status
    person: dict | None = None


class BrpClient(Protocol):
    def get_person(self, bsn: str, *, fields: Sequence[str], purpose: str, actor: str,
                   actor_type: str = "resident") -> BrpResult: ...


class HttpBrpClient:
    def __init__(self, base_url: str, api_key: str, timeout: float):
        self.url = base_url.rstrip("/") + "/personen"
        self.timeout = min(timeout, 3.0)
        self.http = requests.Session()
        if api_key:
            self.http.headers["X-API-KEY"] = api_key

    def get_person(self, bsn: str, *, fields: Sequence[str], purpose: str, actor: str,
                   actor_type: str = "resident") -> BrpResult:
        result = self._fetch(bsn, fields)
        record_read(actor=actor, actor_type=actor_type, bsn=bsn, activity="brp.raadplegen", purpose=purpose,
                    fields=fields, outcome=result.status)
        return result

    def _fetch(self, bsn: str, fields: Sequence[str]) -> BrpResult:
        body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": list(fields)}
        try:
            response = self.http.post(self.url, json=body, timeout=self.timeout)
        except requests.RequestException as error:
            logger.warning("BRP unreachable", extra={"event": "brp.unavailable", "reason": type(error).__name__})
            return BrpResult("unavailable")
        if response.status_code != 200:
            logger.warning("BRP answered an error", extra={"event": "brp.unavailable", "status": response.status_code})
            return BrpResult("unavailable")
        try:
            persons = response.json().get("personen", [])
        except ValueError:
            logger.warning("BRP answered no JSON", extra={"event": "brp.unavailable", "reason": "json"})
            return BrpResult("unavailable")
        return BrpResult("found", persons[0]) if persons else BrpResult("not_found")


class FakeBrpClient:
    """In-memory stand-in for unit tests: persons keyed by BSN, or `down=True` to act unavailable."""

    def __init__(self, persons: dict[str, dict] | None = None, down: bool = False):
        self.persons = persons or {}
        self.down = down
        self.calls: list[tuple[str, tuple[str, ...], str]] = []

    def get_person(self, bsn: str, *, fields: Sequence[str], purpose: str, actor: str,
                   actor_type: str = "resident") -> BrpResult:
        self.calls.append((bsn, tuple(fields), purpose))
        if self.down:
            result = BrpResult("unavailable")
        elif bsn in self.persons:
            result = BrpResult("found", self.persons[bsn])
        else:
            result = BrpResult("not_found")
        record_read(actor=actor, actor_type=actor_type, bsn=bsn, activity="brp.raadplegen", purpose=purpose,
                    fields=fields, outcome=result.status)
        return result


def init_app(app: Flask) -> None:
    config = app.config
    client = HttpBrpClient(config["BRP_API_URL"], config["BRP_API_KEY"], config["BRP_TIMEOUT_SECONDS"])
    app.extensions["brp_client"] = client


def get_brp_client() -> BrpClient:
    return current_app.extensions["brp_client"]
