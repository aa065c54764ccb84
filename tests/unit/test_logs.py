"""Logs hold no personal data: redaction on every root handler covers every logger, BSNs in any notation,
email addresses, query strings, exception texts and tracebacks."""

import json
import logging

import pytest
from sqlalchemy import text

from portal import create_app
from portal.db import make_engine
from portal.logs import JsonFormatter, RedactingFilter, install_redaction, redact

BSN = "999993653"


@pytest.mark.parametrize(
    "written", ["999993653", "999 993 653", "9999.93.653", "999.993.653", "999-993-653", "9 9 9 9 9 3 6 5 3"]
)
def test_a_bsn_is_redacted_however_it_is_written(written):
    assert redact(f"looked up {written} today") == "looked up [bsn] today"


@pytest.mark.parametrize(
    "kept",
    [
        "order 123456789",  # nine digits, but not an 11-check number
        "phone 0612345678",  # ten digits
        "amount 1.999.993.653",  # a longer number that contains a BSN-like run
        "at 2026-12-01 14:30:00.123",
        "id 9999936531",
    ],
)
def test_obvious_non_bsns_stay(kept):
    assert redact(kept) == kept


def test_email_addresses_and_query_strings_are_redacted():
    line = 'mail to jan.jansen+x@example.nl failed; "GET /zoeken?naam=Jan%20Jansen&bsn=1 HTTP/1.1" 200'
    assert redact(line) == 'mail to [email] failed; "GET /zoeken?[query] HTTP/1.1" 200'
    assert redact("POST https://brp.example.nl/personen?x=Jansen") == "POST https://brp.example.nl/personen?[query]"


def record(message, *args, exc_info=None, **extra):
    entry = logging.LogRecord("x", logging.ERROR, __file__, 1, message, args, exc_info)
    for key, value in extra.items():
        setattr(entry, key, value)
    return entry


def test_the_filter_redacts_message_arguments_extras_exception_and_traceback():
    try:
        raise ValueError(f"no person {BSN} for jan@example.nl")
    except ValueError:
        import sys

        entry = record("lookup %s for %s", BSN, "999 993 653", exc_info=sys.exc_info(), reason=f"bsn={BSN}")
    assert RedactingFilter().filter(entry)
    assert entry.getMessage() == "lookup [bsn] for [bsn]"
    assert entry.reason == "bsn=[bsn]"
    assert BSN not in entry.exc_text and "jan@example.nl" not in entry.exc_text
    assert "Traceback" in entry.exc_text and "ValueError: no person [bsn] for [email]" in entry.exc_text
    line = logging.Formatter().format(entry)
    assert BSN not in line and "[bsn]" in line


def test_a_bad_format_string_does_not_break_the_caller():
    entry = record("two %s %s", BSN)
    assert RedactingFilter().filter(entry)
    assert BSN not in entry.getMessage()


def test_json_line_is_redacted_too():
    line = JsonFormatter().format(record(f"looked up {BSN}"))
    assert json.loads(line)["message"] == "looked up [bsn]"


@pytest.fixture
def production_log(tmp_path):
    """The portal's own root handler, as in production (a JSON file), and the lines it wrote."""
    path = tmp_path / "portal.log"
    create_app("test", {"LOG_FILE": str(path)})

    def lines() -> str:
        for handler in logging.getLogger().handlers:
            handler.flush()
        return path.read_text(encoding="utf-8")

    yield lines
    logging.getLogger().handlers[:] = [h for h in logging.getLogger().handlers if not getattr(h, "portal_json", 0)]


@pytest.mark.database  # production_log: create_app("test") opens the test database
@pytest.mark.parametrize(
    "name",
    [
        "sqlalchemy.engine.Engine",
        "authlib.integrations.flask_client",
        "urllib3.connectionpool",
        "werkzeug",
        "flask.app",
        "portal.cli",
        "portal.notifications",
        "some.library",
    ],
)
def test_every_logger_is_redacted_by_the_root_handler(production_log, caplog, name):
    logger = logging.getLogger(name)
    with caplog.at_level(logging.INFO, logger=name):
        logger.warning("user %s at https://x.nl/p?naam=Jansen mailed jan@example.nl", "999 993 653")
    written = production_log()
    assert name in written
    for leak in ("999 993 653", "Jansen", "jan@example.nl"):
        assert leak not in written
        assert all(leak not in entry.getMessage() for entry in caplog.records)  # caplog sees them redacted


@pytest.mark.database  # production_log: create_app("test") opens the test database
def test_the_outbox_workers_traceback_is_redacted(production_log):
    try:
        raise ConnectionError(f"SMTP refused jan@example.nl ({BSN})")
    except ConnectionError:
        logging.getLogger("portal.notifications").exception("outbox message 7 failed")
    entry = json.loads(production_log().strip().splitlines()[-1])
    assert "Traceback" in entry["exception"] and "[email] ([bsn])" in entry["exception"]
    assert BSN not in json.dumps(entry)


def test_handlers_added_before_init_get_the_filter_too():
    extra = logging.StreamHandler()
    logging.getLogger().addHandler(extra)
    try:
        install_redaction()
        assert any(isinstance(item, RedactingFilter) for item in extra.filters)
    finally:
        logging.getLogger().removeHandler(extra)


@pytest.mark.database  # an in-memory SQLite of its own, which the connection watch cannot tell from the test database
def test_sql_parameters_are_never_logged(production_log, caplog):
    engine = make_engine("sqlite://")
    with caplog.at_level(logging.INFO, logger="sqlalchemy.engine"), engine.connect() as connection:
        connection.execute(text("select :value"), {"value": "Jan Jansen"})
        with pytest.raises(Exception) as error:
            connection.execute(text("select * from missing where name = :value"), {"value": "Jan Jansen"})
    assert "Jan Jansen" not in str(error.value) and "hidden" in str(error.value)
    assert engine.hide_parameters
    assert "select" in caplog.text.lower() and "Jan Jansen" not in caplog.text
    assert "Jan Jansen" not in production_log()


def test_a_new_request_id_never_holds_what_redaction_would_take_out(monkeypatch):
    import uuid

    from portal import logs

    risky = uuid.UUID("52cf1ad1-1440-4392-bb2f-23e55a85d340")  # "114404392" passes the 11-check
    ids = iter([risky, uuid.UUID(int=7), risky, uuid.UUID(int=8)])
    monkeypatch.setattr(logs.uuid, "uuid4", lambda: next(ids))
    assert logs.redact("52cf1ad114404392bb2f23e55a85d340") != "52cf1ad114404392bb2f23e55a85d340"
    assert logs.new_request_id() == uuid.UUID(int=7).hex
    assert logs.request_id(risky.hex) == uuid.UUID(int=8).hex  # an incoming one is replaced by a safe new one
