"""Benefits: the status of measurements by the rule in realisation.py, computed by hand.

The plan: 30 days case-handling time on 1.1.2026 down to 10 days on 1.1.2027 (365 days).
On 2.7.2026, 182 days in, the planned progress is 182 / 365 = 49.863 %.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from procesbank.benefits import selectors, services
from procesbank.benefits.models import Measurement
from procesbank.core.errors import UserError
from procesbank.organisations.models import Role
from procesbank.projects import services as project_services

MID_YEAR = date(2026, 7, 2)


@pytest.fixture
def project(konsulent):
    return project_services.project_create(user=konsulent, name="Digital ansøgning")


@pytest.fixture
def benefit(konsulent, project):
    return services.benefit_create(
        user=konsulent, project=project, name="Kortere sagsbehandling", owner=konsulent,
        kpi_name="Sagsbehandlingstid", kpi_unit="dage", baseline_value=Decimal(30),
        baseline_date=date(2026, 1, 1), target_value=Decimal(10), target_date=date(2027, 1, 1),
        yearly_value=Decimal(50000),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "status"),
    [
        # realised (30 - 20) / 20 = 50 % >= 0.9 x 49.863 = 44.877 %
        ("20", "on_track"),
        # realised 7 / 20 = 35 % >= 0.7 x 49.863 = 34.904 %, below 44.877 %
        ("23", "at_risk"),
    ],
)
def test_measurement_status_follows_the_rule(konsulent, benefit, value, status):
    measurement = services.benefit_measurement_add(
        user=konsulent, benefit=benefit, value=Decimal(value), measured_on=MID_YEAR
    )

    assert measurement.status == status


def test_off_track_measurement_needs_an_explanation(konsulent, benefit):
    # realised 4 / 20 = 20 % < 34.904 %: off track
    with pytest.raises(UserError) as error:
        services.benefit_measurement_add(
            user=konsulent, benefit=benefit, value=Decimal(26), measured_on=MID_YEAR
        )

    assert str(error.value) == (
        "Gevinsten er ikke på sporet. Skriv en forklaring på, hvorfor den halter, og hvad der "
        "gøres."
    )
    assert Measurement.objects.count() == 0


def test_off_track_measurement_with_explanation_is_kept(konsulent, benefit):
    measurement = services.benefit_measurement_add(
        user=konsulent, benefit=benefit, value=Decimal(26), measured_on=MID_YEAR,
        explanation="Systemet kom tre måneder for sent.",
    )  # fmt: skip

    assert measurement.status == "off_track"


def test_target_before_baseline_is_refused(konsulent, project):
    with pytest.raises(UserError) as error:
        services.benefit_create(
            user=konsulent, project=project, name="X", owner_name="Leder", kpi_name="K",
            kpi_unit="stk.", baseline_value=Decimal(1), baseline_date=date(2027, 1, 1),
            target_value=Decimal(2), target_date=date(2026, 1, 1),
        )  # fmt: skip

    assert str(error.value) == "Måldatoen 1.1.2026 skal ligge efter baselinedatoen 1.1.2027."


def test_benefit_needs_an_owner(konsulent, project):
    with pytest.raises(ValidationError) as error:
        services.benefit_create(
            user=konsulent, project=project, name="X", kpi_name="K", kpi_unit="stk.",
            baseline_value=Decimal(1), baseline_date=date(2026, 1, 1),
            target_value=Decimal(2), target_date=date(2027, 1, 1),
        )  # fmt: skip

    assert error.value.message_dict == {"owner": ["Angiv en gevinstejer: en bruger eller et navn."]}


def test_laeser_may_not_measure(make_user, benefit):
    with pytest.raises(PermissionDenied):
        services.benefit_measurement_add(
            user=make_user(Role.LAESER), benefit=benefit, value=Decimal(20), measured_on=MID_YEAR
        )


def test_portfolio_plans_and_realises_per_year(konsulent, benefit):
    services.benefit_measurement_add(
        user=konsulent, benefit=benefit, value=Decimal(20), measured_on=MID_YEAR
    )

    years = selectors.portfolio(user=konsulent, today=date(2026, 12, 5)).years

    # 31.12.2026: planned 364 / 365 x 50000 = 49863.01; realised 50 % x 50000 = 25000.
    # 31.12.2027: planned 100 % = 50000; realised unknown: on 5.12.2026 that year has not begun.
    assert [(y.year, round(y.planned, 2), y.realised) for y in years] == [
        (2026, Decimal("49863.01"), Decimal(25000)),
        (2027, Decimal("50000.00"), None),
    ]


def test_benefits_of_other_municipality_stay_hidden(konsulent, other_konsulent, benefit, client):
    client.force_login(other_konsulent)

    response = client.get(reverse("benefits:benefit_register", args=[benefit.project_id]))

    assert response.status_code == 404
    assert selectors.portfolio(user=other_konsulent).years == ()


def test_measurement_form_refuses_off_track_without_explanation(client, konsulent, benefit):
    client.force_login(konsulent)
    prefix = f"m{benefit.pk}"

    response = client.post(
        reverse("benefits:benefit_measurement_add", args=[benefit.pk]),
        {f"{prefix}-measured_on": "2026-07-02", f"{prefix}-value": "26"},
    )

    assert response.status_code == 200
    assert "Skriv en forklaring på, hvorfor den halter" in response.content.decode()


def test_realisation_report_pdf_lists_benefits_and_status(client, konsulent, benefit):
    services.benefit_measurement_add(
        user=konsulent, benefit=benefit, value=Decimal(20), measured_on=MID_YEAR
    )
    client.force_login(konsulent)

    response = client.get(reverse("benefits:benefit_report", args=[benefit.project_id]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Gevinstrealisering" in text
    assert "Kortere sagsbehandling" in text
    assert "På sporet" in text
    assert "Fremdrift måles i procent" in text
