"""Configuration classes, read from environment variables.

Every setting is listed in the README's configuration table. `PORTAL_ENV` picks the class:
development (default, with the embedded mock DigiD and mock BRP), test, production.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


class ConfigError(RuntimeError):
    """The configuration is not safe or not complete; the message says what to change."""


class Config:
    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'mijngemeente.db'}")
    MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Gemeente Voorbeeld")
    # "Bel ons": the municipality's 14 + area code number and when it answers (working days).
    MUNICIPALITY_PHONE = os.environ.get("MUNICIPALITY_PHONE", "14 020")
    MUNICIPALITY_PHONE_OPENS = os.environ.get("MUNICIPALITY_PHONE_OPENS", "8.30")
    MUNICIPALITY_PHONE_CLOSES = os.environ.get("MUNICIPALITY_PHONE_CLOSES", "17.00")
    # What we promise after a resident sends us a message or a task answer: we react within this many working days.
    ANSWER_WORKING_DAYS = _int("ANSWER_WORKING_DAYS", 3)
    # The accessibility statement's "last checked" date (ISO); update it after each audit.
    ACCESSIBILITY_CHECKED_ON = os.environ.get("ACCESSIBILITY_CHECKED_ON", "2026-12-01")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
    PORT = _int("PORT", 5000)

    # Login (OIDC relying party). Discovery URL of the DigiD broker, or of the mock.
    OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
    OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "mijngemeente")
    OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
    OIDC_BSN_CLAIM = os.environ.get("OIDC_BSN_CLAIM", "bsn")
    OIDC_SCOPE = os.environ.get("OIDC_SCOPE", "openid")
    OIDC_TIMEOUT_SECONDS = float(os.environ.get("OIDC_TIMEOUT_SECONDS", "5"))
    # The lowest level of assurance for the personal pages (basis, midden, substantieel, hoog).
    MIN_LOA = os.environ.get("MIN_LOA", "midden")

    # Sessions live on the server: "database" (default) or "redis".
    SESSION_BACKEND = os.environ.get("SESSION_BACKEND", "database")
    REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    SESSION_IDLE_MINUTES = _int("SESSION_IDLE_MINUTES", 15)  # DigiD rule
    SESSION_ABSOLUTE_HOURS = _int("SESSION_ABSOLUTE_HOURS", 8)
    SESSION_WARNING_SECONDS = _int("SESSION_WARNING_SECONDS", 120)  # WCAG 2.2.1: warn at least 2 minutes ahead
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    # Rendered pages kept in process memory (portal/pagecache.py): public pages per language, a resident's pages
    # per session until a write concerns them. The time limit is a safety net only; entries per process.
    PAGE_CACHE_ENABLED = _bool("PAGE_CACHE_ENABLED", True)
    PAGE_CACHE_SECONDS = float(os.environ.get("PAGE_CACHE_SECONDS", "60"))
    PAGE_CACHE_ENTRIES = _int("PAGE_CACHE_ENTRIES", 2000)
    # Where the versions of a resident's pages live: "redis", "local" or "off"; empty: from the set-up
    # (portal/queries/versions.py).
    PAGE_VERSIONS = os.environ.get("PAGE_VERSIONS", "")

    # Haal Centraal BRP Personen API.
    BRP_API_URL = os.environ.get("BRP_API_URL", "")
    BRP_API_KEY = os.environ.get("BRP_API_KEY", "")
    # Mijn gegevens asks the BRP again when the session's copy is older than this; within it the page is the same
    # answer, and no new read is processed or logged (0: on every view).
    BRP_FRESH_SECONDS = float(os.environ.get("BRP_FRESH_SECONDS", "60"))
    BRP_TIMEOUT_SECONDS = min(float(os.environ.get("BRP_TIMEOUT_SECONDS", "3")), 3.0)
    # Client certificate (mTLS) for gateways that require one; the key may also sit in the certificate file.
    BRP_CLIENT_CERT = os.environ.get("BRP_CLIENT_CERT", "")
    BRP_CLIENT_KEY = os.environ.get("BRP_CLIENT_KEY", "")
    BRP_CA_BUNDLE = os.environ.get("BRP_CA_BUNDLE", "")  # the CA that signed the gateway; empty: the system's

    # Kadaster BAG API Individuele Bevragingen 2.0 (address lookup: postcode + house number -> street, town).
    BAG_API_URL = os.environ.get("BAG_API_URL", "")
    BAG_API_KEY = os.environ.get("BAG_API_KEY", "")
    BAG_TIMEOUT_SECONDS = min(float(os.environ.get("BAG_TIMEOUT_SECONDS", "3")), 3.0)

    # Secret for pseudonymising subjects in the processing log (HMAC of the BSN).
    PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY", "")

    # Embedded stand-ins. Never allowed in production.
    MOCK_DIGID_ENABLED = _bool("MOCK_DIGID_ENABLED", False)
    MOCK_BRP_ENABLED = _bool("MOCK_BRP_ENABLED", False)
    MOCK_BRP_API_KEY = os.environ.get("MOCK_BRP_API_KEY", "mock-brp-key")
    MOCK_BAG_ENABLED = _bool("MOCK_BAG_ENABLED", False)
    MOCK_BAG_API_KEY = os.environ.get("MOCK_BAG_API_KEY", "mock-bag-key")
    # Where the embedded stand-ins run as their own service (`make run` starts them on port 5010). Empty: they
    # are mounted in this app itself (tests, `make dev`).
    MOCK_SERVICES_URL = os.environ.get("MOCK_SERVICES_URL", "")

    # Notifications. MAIL_BACKEND "mailbox" keeps emails in the development mailbox (/ontwikkel/mailbox).
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    MAIL_FROM = os.environ.get("MAIL_FROM", "MijnGemeente <noreply@gemeente.example>")
    SMTP_HOST = os.environ.get("SMTP_HOST", "")
    SMTP_PORT = _int("SMTP_PORT", 587)
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME", "")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
    SMTP_STARTTLS = _bool("SMTP_STARTTLS", True)
    OUTBOX_MAX_ATTEMPTS = _int("OUTBOX_MAX_ATTEMPTS", 6)
    OUTBOX_POLL_SECONDS = float(os.environ.get("OUTBOX_POLL_SECONDS", "5"))
    # After errors in a row the worker waits poll × 2^n seconds, at most this long.
    OUTBOX_BACKOFF_CAP_SECONDS = float(os.environ.get("OUTBOX_BACKOFF_CAP_SECONDS", "30"))
    # /health says the worker is down when no worker wrote a heartbeat for this many poll intervals.
    OUTBOX_WORKER_DOWN_AFTER_POLLS = _int("OUTBOX_WORKER_DOWN_AFTER_POLLS", 12)

    # Staff login (OIDC): the municipality's own identity provider. The roles claim holds
    # zaakbehandelaar, kcc and/or formulierbeheerder.
    STAFF_OIDC_DISCOVERY_URL = os.environ.get("STAFF_OIDC_DISCOVERY_URL", "")
    STAFF_OIDC_CLIENT_ID = os.environ.get("STAFF_OIDC_CLIENT_ID", "mijngemeente-medewerkers")
    STAFF_OIDC_CLIENT_SECRET = os.environ.get("STAFF_OIDC_CLIENT_SECRET", "")
    STAFF_OIDC_SCOPE = os.environ.get("STAFF_OIDC_SCOPE", "openid profile")
    STAFF_ROLES_CLAIM = os.environ.get("STAFF_ROLES_CLAIM", "roles")

    # Appointments: how long a chosen time is kept while the resident checks their details, and how long a
    # move or cancel link in an email works.
    APPOINTMENT_HOLD_MINUTES = _int("APPOINTMENT_HOLD_MINUTES", 10)
    APPOINTMENT_LINK_DAYS = _int("APPOINTMENT_LINK_DAYS", 90)
    APPOINTMENT_OFFER_MINUTES = _int("APPOINTMENT_OFFER_MINUTES", 120)  # an earlier time offered from the waitlist
    # Throttling (Flask-Limiter). Limits are "N per minute/hour/day", several separated by ";".
    # Storage: RATELIMIT_STORAGE_URI, else Redis at REDIS_URL in production; memory in development and tests.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "")
    RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "20 per minute;100 per hour")  # per client IP
    RATELIMIT_KCC_LOOKUP = os.environ.get("RATELIMIT_KCC_LOOKUP", "10 per minute;200 per day")  # per staff member
    RATELIMIT_MESSAGES = os.environ.get("RATELIMIT_MESSAGES", "10 per hour")  # per resident
    RATELIMIT_TASK_ANSWERS = os.environ.get("RATELIMIT_TASK_ANSWERS", "20 per hour")  # per resident
    RATELIMIT_REPORTS = os.environ.get("RATELIMIT_REPORTS", "5 per hour")  # "klopt niet" reports per resident
    RATELIMIT_BOOKINGS = os.environ.get("RATELIMIT_BOOKINGS", "30 per hour")  # times held, per resident (else IP)
    RATELIMIT_ANONYMOUS_SESSIONS = os.environ.get("RATELIMIT_ANONYMOUS_SESSIONS", "30 per minute")  # per client IP
    # e-form posts (start, steps, send) per resident or anonymous visitor: a flood of reports, not a person
    RATELIMIT_EFORMS = os.environ.get("RATELIMIT_EFORMS", "60 per minute;600 per hour")
    # Proxies in front of the portal that add X-Forwarded-For; 0 = the socket address is the client.
    TRUSTED_PROXY_HOPS = _int("TRUSTED_PROXY_HOPS", 0)

    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    LOG_FILE = os.environ.get("LOG_FILE", "")
    LANGUAGES = ("nl", "en")
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    WTF_CSRF_TIME_LIMIT = None  # the session's own lifetime bounds the token
    # A task answer may carry 5 files of at most 10 MB each (portal/cases/uploads.py), plus the text.
    MAX_CONTENT_LENGTH = 52 * 1024 * 1024
    SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@gemeente.example")

    def problems(self) -> list[str]:
        return [] if self.SECRET_KEY else ["Set SECRET_KEY to a long random value."]

    def validate(self) -> None:
        problems = self.problems()
        if problems:
            raise ConfigError(f"Refusing to start ({self.ENV_NAME}):\n- " + "\n- ".join(problems))


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-not-for-production")
    PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY", "dev-only-pseudonym-key")
    MOCK_DIGID_ENABLED = _bool("MOCK_DIGID_ENABLED", True)
    MOCK_BRP_ENABLED = _bool("MOCK_BRP_ENABLED", True)
    MOCK_BAG_ENABLED = _bool("MOCK_BAG_ENABLED", True)
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)  # plain http on 127.0.0.1
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "mailbox")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")


class TestConfig(DevelopmentConfig):
    ENV_NAME = "test"
    TESTING = True
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    SECRET_KEY = "test-secret"
    PSEUDONYM_KEY = "test-pseudonym-key"
    PAGE_VERSIONS = "local"  # one test process, also on PostgreSQL


class ProductionConfig(Config):
    ENV_NAME = "production"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get(
        "REDIS_URL", "redis://127.0.0.1:6379/0"
    )

    # Each embedded stand-in, and what production must use instead.
    mock_refusals = {
        "MOCK_DIGID_ENABLED": "MOCK_DIGID_ENABLED is on: production must log in through a real DigiD broker.",
        "MOCK_BRP_ENABLED": "MOCK_BRP_ENABLED is on: production must read a real BRP endpoint.",
        "MOCK_BAG_ENABLED": "MOCK_BAG_ENABLED is on: production must look addresses up in the real BAG API.",
        "MOCK_SERVICES_URL": "MOCK_SERVICES_URL is set: production must not use the mock services.",
    }

    def problems(self) -> list[str]:
        problems = super().problems() + [problem for name, problem in self.mock_refusals.items() if getattr(self, name)]
        if not self.OIDC_DISCOVERY_URL:
            problems.append("Set OIDC_DISCOVERY_URL to the discovery URL of the DigiD broker.")
        if not self.BRP_API_URL:
            problems.append("Set BRP_API_URL to the Haal Centraal BRP Personen endpoint.")
        if not self.PSEUDONYM_KEY:
            problems.append("Set PSEUDONYM_KEY to a long random value.")
        if self.MAIL_BACKEND != "smtp" or not self.SMTP_HOST:
            problems.append("Set MAIL_BACKEND=smtp and SMTP_HOST: production sends real email.")
        if not self.STAFF_OIDC_DISCOVERY_URL:
            problems.append("Set STAFF_OIDC_DISCOVERY_URL to the municipality's identity provider for staff.")
        if self.DATABASE_URL.startswith("sqlite"):
            problems.append("Set DATABASE_URL to a PostgreSQL database.")
        return problems + self.address_problems()

    def address_problems(self) -> list[str]:
        """Absolute addresses come from PUBLIC_BASE_URL only; limits need a store all workers share."""
        problems = []
        if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:\d+)?/?", self.PUBLIC_BASE_URL):
            problems.append(
                "Set PUBLIC_BASE_URL to the portal's public https address, such as "
                "https://mijn.gemeente.nl: links, redirect addresses and security.txt use it."
            )
        if not self.RATELIMIT_STORAGE_URI.startswith(("redis://", "rediss://", "redis+sentinel://")):
            problems.append(
                "Set RATELIMIT_STORAGE_URI (or REDIS_URL) to Redis: limits kept in memory are per "
                "process and forgotten at a restart."
            )
        return problems


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}


def local_base_url(config: dict) -> str:
    """Where this portal itself can be reached; the embedded mocks are found there."""
    return (config["PUBLIC_BASE_URL"] or f"http://127.0.0.1:{config['PORT']}").rstrip("/")


def public_url(path: str = "") -> str:
    """An absolute address on this portal, for redirect URIs, email links and security.txt.

    Built from PUBLIC_BASE_URL (required in production), never from the request's Host header, which anyone
    can forge. `path` is a local path such as url_for() returns."""
    from flask import current_app

    return local_base_url(current_app.config) + path


def _point_at_embedded_mocks(settings: dict) -> None:
    """Without a configured broker or BRP, use the embedded mocks: those of the mock service when
    MOCK_SERVICES_URL names one, else those mounted in this app (when they are switched on). Every part of the
    app, from the CSP to the clients, sees the same addresses from the start."""
    separate = settings["MOCK_SERVICES_URL"].rstrip("/")
    base = separate or local_base_url(settings)
    digid = bool(separate) or settings["MOCK_DIGID_ENABLED"]
    if not settings["OIDC_DISCOVERY_URL"] and digid:
        settings["OIDC_DISCOVERY_URL"] = f"{base}/mock-digid/.well-known/openid-configuration"
    if not settings["STAFF_OIDC_DISCOVERY_URL"] and digid:
        settings["STAFF_OIDC_DISCOVERY_URL"] = f"{base}/mock-digid/.well-known/openid-configuration"
    if not settings["BRP_API_URL"] and (separate or settings["MOCK_BRP_ENABLED"]):
        settings["BRP_API_URL"] = f"{base}/mock-brp/haalcentraal/api/brp"
        settings["BRP_API_KEY"] = settings["BRP_API_KEY"] or settings["MOCK_BRP_API_KEY"]
    if not settings["BAG_API_URL"] and (separate or settings["MOCK_BAG_ENABLED"]):
        settings["BAG_API_URL"] = f"{base}/mock-bag/lvbag/individuelebevragingen/v2"
        settings["BAG_API_KEY"] = settings["BAG_API_KEY"] or settings["MOCK_BAG_API_KEY"]


def load_config(name: str | None = None, overrides: dict | None = None) -> dict:
    """Return the settings as a dict for app.config, validated."""
    name = name or os.environ.get("PORTAL_ENV", "development")
    if name not in CONFIGS:
        raise ConfigError(f"PORTAL_ENV must be one of {', '.join(CONFIGS)}, not {name!r}.")
    config = CONFIGS[name]()
    for key, value in (overrides or {}).items():
        setattr(config, key, value)
    config.validate()
    settings = {key: getattr(config, key) for key in dir(config) if key.isupper()}
    _point_at_embedded_mocks(settings)
    return settings
