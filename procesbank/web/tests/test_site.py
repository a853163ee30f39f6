"""The site as a whole: health check, security headers, login throttling, language, formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.utils import OperationalError
from django.template import Context, Template
from django.utils import translation

from procesbank.api import api
from procesbank.organisations.models import Role
from procesbank.organisations.tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[3]


def test_healthz_reports_database_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_database_is_down(client, db, monkeypatch):
    class DownConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("procesbank.web.views.connection", DownConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_login_page_is_danish_with_security_headers(client, db):
    response = client.get("/konto/log-ind/")

    assert response.status_code == 200
    assert "Log ind i Procesbank" in response.content.decode()
    assert '<html lang="da">' in response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_login_is_throttled_after_five_failures(client, konsulent):
    for _ in range(5):
        client.post("/konto/log-ind/", {"username": konsulent.username, "password": "forkert"})

    response = client.post(
        "/konto/log-ind/", {"username": konsulent.username, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "For mange mislykkede forsøg" in response.content.decode()


def test_login_and_logout(client, konsulent):
    response = client.post(
        "/konto/log-ind/", {"username": konsulent.username, "password": PASSWORD}
    )
    assert response.status_code == 302

    home = client.get("/")
    assert "Velkommen, konsulent.helsingoer" in home.content.decode()

    client.post("/konto/log-ud/")
    assert client.get("/").status_code == 302


def test_english_browser_still_gets_danish_until_the_user_switches(client, db):
    response = client.get("/konto/log-ind/", headers={"Accept-Language": "en-US,en;q=0.9"})

    assert "Log ind i Procesbank" in response.content.decode()


def test_language_switch_to_english_and_back(client, konsulent):
    client.force_login(konsulent)

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    danish = client.get("/").content.decode()

    assert "Welcome, konsulent.helsingoer" in english
    assert "Quick actions" in english
    assert "Velkommen, konsulent.helsingoer" in danish


def test_navigation_shows_admin_pages_only_to_admins(client, make_user):
    client.force_login(make_user(Role.KONSULENT))
    consultant_page = client.get("/").content.decode()
    client.force_login(make_user(Role.KOMMUNEADMIN))
    admin_page = client.get("/").content.decode()

    assert 'href="/brugere/"' not in consultant_page
    assert 'href="/brugere/"' in admin_page


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [("da", Decimal("1234.5"), "1.234,50 kr."), ("en", Decimal("1234.5"), "DKK 1,234.50")],
)
def test_money_filter_formats_by_language(language, value, expected):
    with translation.override(language):
        rendered = Template("{% load procesbank %}{{ value|money }}").render(
            Context({"value": value})
        )

    assert rendered == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(70 / 6, 1, "11,7"), (Decimal("2.345"), 2, "2,35"), (1924, 0, "1.924"), (0.5, 0, "1")],
)
def test_number_filter_rounds_half_up(value, decimals, expected):
    with translation.override("da"):
        rendered = Template("{% load procesbank %}{{ value|number:d }}").render(
            Context({"value": value, "d": decimals})
        )

    assert rendered == expected


def test_danish_short_date_format():
    import datetime

    with translation.override("da"):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"d": datetime.date(2026, 11, 26)})
        )

    assert rendered == "26.11.2026"


def test_committed_openapi_schema_matches_the_api():
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text())

    assert committed == json.loads(json.dumps(api.get_openapi_schema())), (
        "docs/openapi.json is out of date: run `make openapi` and review the diff"
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # The browser tests allow sync ORM calls beside Playwright's loop; production must not.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "9kq3-u5vZ!p0@rL%w2&bT7#nY4^eH8*cJ6(fA1)sD",
        "ALLOWED_HOSTS": "procesbank.example.dk",
        "PROCESBANK_HTTPS": "1",
        "PROCESBANK_VAR_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
