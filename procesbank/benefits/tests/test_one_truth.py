"""One realisation rule: the register, its badge, the portfolio, the PDF, the API and Effekt show
the same figures for the same benefit, and a measurement dated after today is refused.

The fixture (today is 5.12.2026): "Selvbetjening" rises 0 -> 100 from 1.1.2026 to 1.1.2028
(730 days), worth 100.000 kr. a year. Measured 30 on 1.6.2026 and 45 on 1.12.2026.

* Today, day 338 of 730: planned 338 / 730 x 100.000 = 46.301,37 -> "46.301 kr."; realised
  45 % x 100.000 = 45.000 kr.
* Status: on 1.12.2026, day 334, planned 334 / 730 = 45,75 %; 45 >= 0,9 x 45,75 = 41,18: on track.
* 31.12.2026, day 364: planned 364 / 730 x 100.000 = 49.863,01 -> "49.863"; realised 45.000.
* 31.12.2027, day 729: planned 99.863,01 -> "99.863"; realised unknown (the year has not begun).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from procesbank.benefits import services
from procesbank.benefits.models import Measurement
from procesbank.core.errors import UserError
from procesbank.projects import services as project_services

TODAY = date(2026, 12, 5)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def benefit(konsulent, today):
    project = project_services.project_create(user=konsulent, name="Digital ansøgning")
    benefit = services.benefit_create(
        user=konsulent, project=project, name="Selvbetjening", owner=konsulent,
        kpi_name="Andel digitale ansøgninger", kpi_unit="procent", baseline_value=Decimal(0),
        baseline_date=date(2026, 1, 1), target_value=Decimal(100), target_date=date(2028, 1, 1),
        yearly_value=Decimal(100000),
    )  # fmt: skip
    for value, day in ((30, date(2026, 6, 1)), (45, date(2026, 12, 1))):
        services.benefit_measurement_add(
            user=konsulent, benefit=benefit, value=Decimal(value), measured_on=day
        )
    return benefit


def _flat(html: str) -> str:
    """The page without the whitespace between tags, so a table row reads as one string."""
    return re.sub(r">\s+<", "><", html)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_every_view_of_a_benefit_shows_the_same_figures(client, konsulent, benefit):
    client.force_login(konsulent)

    register = client.get(reverse("benefits:benefit_register", args=[benefit.project_id]))
    portfolio = client.get(reverse("benefits:portfolio"))
    effect = client.get(reverse("competence:effect_dashboard"), {"aar": "2026"})
    pdf = _pdf_text(
        client.get(reverse("benefits:benefit_report", args=[benefit.project_id])).content
    )
    api = client.get(f"/api/v1/projects/{benefit.project_id}/benefits").json()

    html = _flat(register.content.decode())
    pk = benefit.pk
    assert 'status--on_track">På sporet</span>' in html
    assert f'id="benefit-planned-value-{pk}">46.301 kr.</dd>' in html
    assert f'id="benefit-realised-value-{pk}">45.000 kr.</dd>' in html
    # the profile's text alternative: 2026 planned 49.863, realised 45.000; 2027 not yet
    profile = html[html.index(f'id="benefit-profile-{pk}"') :]
    row_2026 = '<th scope="row">2026</th><td class="num">49.863</td><td class="num">45.000</td>'
    row_2027 = '<th scope="row">2027</th><td class="num">99.863</td><td class="num">–</td>'
    assert row_2026 in profile
    assert row_2027 in profile

    page = _flat(portfolio.content.decode())
    assert row_2026 in page
    assert row_2027 in page

    dashboard = effect.content.decode()
    assert '<strong id="benefits-planned">49.863</strong>' in dashboard
    assert '<strong id="benefits-realised">45.000</strong>' in dashboard

    assert "På sporet" in pdf
    assert "Planlagt i dag (kr. pr. år): 46.301" in pdf
    assert "Realiseret i dag (kr. pr. år): 45.000" in pdf
    assert "2026 49.863 45.000" in pdf
    assert "2027 99.863 –" in pdf

    assert (api[0]["status"], api[0]["status_label"]) == ("on_track", "På sporet")


def test_a_measurement_dated_after_today_is_refused_by_the_service(konsulent, benefit):
    with pytest.raises(UserError) as error:
        services.benefit_measurement_add(
            user=konsulent, benefit=benefit, value=Decimal(50), measured_on=date(2026, 12, 6)
        )

    assert str(error.value) == (
        "Målingen er dateret 6.12.2026, som ligger efter i dag (5.12.2026). Registrér kun "
        "målinger for dage, der er gået."
    )
    assert Measurement.objects.filter(benefit=benefit).count() == 2


def test_a_measurement_dated_after_today_is_refused_by_the_form(client, konsulent, benefit):
    client.force_login(konsulent)
    prefix = f"m{benefit.pk}"

    response = client.post(
        reverse("benefits:benefit_measurement_add", args=[benefit.pk]),
        {f"{prefix}-measured_on": "2027-01-15", f"{prefix}-value": "50"},
    )

    assert response.status_code == 200
    assert "Målingen er dateret 15.1.2027, som ligger efter i dag (5.12.2026)." in (
        response.content.decode()
    )
    assert Measurement.objects.filter(benefit=benefit).count() == 2


def test_a_measurement_dated_after_today_is_refused_by_the_api(client, konsulent, benefit):
    client.force_login(konsulent)

    response = client.post(
        f"/api/v1/benefits/{benefit.pk}/measurements",
        {"measured_on": "2026-12-06", "value": "50"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "Målingen er dateret 6.12.2026, som ligger efter i dag" in response.json()["detail"]
    assert Measurement.objects.filter(benefit=benefit).count() == 2
