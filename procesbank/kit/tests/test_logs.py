"""Request ids and JSON logs (kit/logs.py): one id per request, in the header and every line."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from procesbank.kit.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[3]


@pytest.fixture
def json_lines():
    """What the request logger writes, through the JSON formatter as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("procesbank.requests")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_a_request_gets_a_new_id_in_the_header_and_the_log_line(client, json_lines):
    response = client.get("/healthz")

    lines = json_lines()
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert len(lines) == 1
    assert lines[0]["request_id"] == response["X-Request-ID"]
    assert lines[0]["logger"] == "procesbank.requests"
    assert lines[0]["message"] == "GET /healthz 200"
    assert (lines[0]["method"], lines[0]["path"], lines[0]["status_code"]) == (
        "GET",
        "/healthz",
        200,
    )
    assert lines[0]["level"] == "INFO"
    assert lines[0]["duration_ms"] >= 0


def test_two_requests_get_two_ids(client):
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_the_id_a_client_sends_is_ignored_without_a_trusted_proxy(client, settings):
    settings.PROCESBANK_TRUSTED_PROXIES = 0

    response = client.get("/healthz", HTTP_X_REQUEST_ID="chosen-by-client")

    assert response["X-Request-ID"] != "chosen-by-client"


def test_the_id_of_a_trusted_proxy_is_kept(client, settings, json_lines):
    settings.PROCESBANK_TRUSTED_PROXIES = 1

    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a:42")

    assert response["X-Request-ID"] == "lb-7f3a:42"
    assert json_lines()[0]["request_id"] == "lb-7f3a:42"


@pytest.mark.parametrize("given", ["two\nlines", "x" * 129, "", 'a"b'])
def test_an_id_that_could_break_a_log_line_is_replaced(client, settings, given):
    settings.PROCESBANK_TRUSTED_PROXIES = 1

    response = client.get("/healthz", HTTP_X_REQUEST_ID=given)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_a_traceback_is_one_json_string():
    formatter = JsonFormatter()
    try:
        raise ValueError("kaput")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "Fejl %s", ("æ",), sys.exc_info()
        )

    entry = json.loads(formatter.format(record))

    assert entry["message"] == "Fejl æ"
    assert entry["request_id"] == "-"
    assert entry["exception"].splitlines()[-1] == "ValueError: kaput"


def _log_line(**env: str) -> str:
    """What a fresh Procesbank process writes to stderr for one warning, under ``env``."""
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('procesbank.test').warning('Ingen forbindelse til %s', 'SMTP')"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if k != "PROCESBANK_LOG_FORMAT"},
        "DJANGO_SETTINGS_MODULE": "procesbank.settings",
        "PYTHONPATH": str(REPOSITORY),
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return done.stderr.strip().splitlines()[-1]


def test_the_environment_switches_the_log_to_json():
    entry = json.loads(_log_line(PROCESBANK_LOG_FORMAT="json"))

    assert entry["message"] == "Ingen forbindelse til SMTP"
    assert (entry["level"], entry["logger"], entry["request_id"]) == (
        "WARNING",
        "procesbank.test",
        "-",
    )


def test_the_default_log_is_text_with_the_request_id_in_brackets():
    line = _log_line()

    assert line.endswith(" WARNING procesbank.test [-] Ingen forbindelse til SMTP")
