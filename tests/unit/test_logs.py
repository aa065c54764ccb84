import json
import logging

from portal.logs import JsonFormatter, redact_bsn


def test_redact_replaces_only_numbers_that_pass_the_11_check():
    assert redact_bsn("bsn 999993653 and order 123456789") == "bsn [bsn] and order 123456789"


def test_json_log_line_is_redacted_as_a_last_line_of_defence():
    record = logging.LogRecord("portal.x", logging.INFO, __file__, 1, "looked up 999993653", (), None)
    line = JsonFormatter().format(record)
    assert "999993653" not in line
    assert json.loads(line)["message"] == "looked up [bsn]"
