"""A request whose SQL ran past the web server's statement timeout gets a clear 503 in Danish
(page or API JSON); any other database error stays an error."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from procesbank.web.middleware import StatementTimeoutMiddleware


class _Canceled(Exception):
    sqlstate = "57014"  # PostgreSQL: canceling statement due to statement timeout


def _timed_out() -> OperationalError:
    error = OperationalError("canceling statement due to statement timeout")
    error.__cause__ = _Canceled()
    return error


def _middleware() -> StatementTimeoutMiddleware:
    return StatementTimeoutMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]


@pytest.mark.django_db
def test_a_page_that_timed_out_says_so_in_danish():
    request = RequestFactory().get("/processer/")

    response = _middleware().process_exception(request, _timed_out())

    assert response is not None
    assert response.status_code == 503
    text = response.content.decode()
    assert "For langsom forespørgsel" in text
    assert "Siden tog for lang tid at beregne og blev stoppet" in text


def test_an_api_call_that_timed_out_gets_json():
    request = RequestFactory().get("/api/v1/processes")

    response = _middleware().process_exception(request, _timed_out())

    assert response is not None
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "Siden tog for lang tid" in json.loads(response.content)["detail"]


def test_other_database_errors_are_left_alone():
    request = RequestFactory().get("/processer/")

    assert _middleware().process_exception(request, OperationalError("disk full")) is None
