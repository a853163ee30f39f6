"""The shell's routes outside the central matrix: ``/metrics`` answers no login, only its
token or the machine itself (tested in test_metrics.py). Read by organisations' completeness
test through ``COVERED_ROUTES``."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

COVERED_ROUTES = {"web:metrics"}


def test_a_logged_in_user_from_elsewhere_gets_no_metrics(client, konsulent, monkeypatch):
    monkeypatch.delenv("PROCESBANK_METRICS_TOKEN", raising=False)
    client.force_login(konsulent)

    assert client.get("/metrics", REMOTE_ADDR="198.51.100.7").status_code == 401
