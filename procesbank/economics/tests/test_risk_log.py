"""The risk log of a business case: services, the page, and the risk pool in the figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from procesbank.core.errors import UserError
from procesbank.economics import selectors, services
from procesbank.economics.models import BusinessCase, RiskLogEntry, RiskMethod
from procesbank.kit.locking import StaleEditError
from procesbank.projects import services as project_services


@pytest.fixture
def case(konsulent) -> BusinessCase:
    project = project_services.project_create(user=konsulent, name="Risikosag")
    case = services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=2,
        risk_method=RiskMethod.RISK_LOG, risk_share=Decimal("0.25"),
    )  # fmt: skip
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="development",
        name="Udvikling", likely=[Decimal(200000), Decimal(0)],
    )  # fmt: skip
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=2, kind="benefit", category="budget_relevant",
        name="Besparelse", likely=[Decimal(0), Decimal(300000)],
    )  # fmt: skip
    return BusinessCase.objects.get(pk=case.pk)


def test_risk_pool_is_added_to_the_costs_instead_of_the_share(case, konsulent):
    # 40 % x 100000 = 40000 and 10 % x 50000 = 5000: pool 45000, all in 2027 (the only year
    # with one-off costs). Costs 245000, 0; benefits 0, 300000 (no 25 % share).
    services.risk_add(
        user=konsulent, case=case, lock_version=3, name="Forsinkelse",
        probability=Decimal(40), consequence=Decimal(100000), owner="Projektleder",
        action="Ugentlig opfølgning",
    )  # fmt: skip
    services.risk_add(
        user=konsulent, case=case, lock_version=4, name="Datakvalitet",
        probability=Decimal(10), consequence=Decimal(50000),
    )  # fmt: skip

    result = selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk))

    assert result.evaluation.risk_pool == 45000
    assert [row.costs for row in result.evaluation.years] == [245000, 0]
    assert [row.benefits for row in result.evaluation.years] == [0, 300000]
    assert len(result.pooled_risk_ids) == 2


def test_risk_with_probability_above_100_is_refused_in_danish(case, konsulent):
    with pytest.raises(Exception) as caught:
        services.risk_add(
            user=konsulent, case=case, lock_version=3, name="Umulig",
            probability=Decimal(150), consequence=Decimal(1),
        )  # fmt: skip

    assert isinstance(caught.value, UserError)
    assert caught.value.render(str) == (
        "Sandsynligheden for risikoen 'Umulig' skal være mellem 0 og 100 %, men er 150."
    )
    assert not RiskLogEntry.objects.exists()
    assert BusinessCase.objects.get(pk=case.pk).lock_version == 3


def test_stale_risk_edit_is_refused(case, konsulent):
    risk = services.risk_add(
        user=konsulent, case=case, lock_version=3, name="Forsinkelse",
        probability=Decimal(40), consequence=Decimal(100000),
    )  # fmt: skip

    with pytest.raises(StaleEditError):
        services.risk_update(
            user=konsulent, risk=risk, lock_version=3, name="Forsinkelse",
            probability=Decimal(50), consequence=Decimal(100000),
        )  # fmt: skip

    assert RiskLogEntry.objects.get(pk=risk.pk).probability == 40


def test_risk_added_on_the_page_shows_in_the_log_and_the_pool(case, client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("economics:risk_add", args=[case.project_id]),
        {"name": "Leverandør går konkurs", "probability": "20", "consequence": "500.000",
         "owner": "Direktør", "action": "Bankgaranti", "lock_version": "3"},
        follow=True,
    )  # fmt: skip

    page = response.content.decode()
    assert response.status_code == 200
    assert "Leverandør går konkurs" in page
    # 20 % x 500000 = 100000 kr.
    assert RiskLogEntry.objects.get().expected == 100000
    assert 'data-testid="risk-pool">100.000 kr.' in page


def test_bad_risk_on_the_page_gives_a_danish_message_and_saves_nothing(case, client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("economics:risk_add", args=[case.project_id]),
        {"name": "X", "probability": "abc", "consequence": "1", "lock_version": "3"},
    )

    assert response.status_code == 200
    assert "Indtast et tal" in response.content.decode()
    assert not RiskLogEntry.objects.exists()


def test_state_model_checklist_on_the_page(case, client, konsulent):
    client.force_login(konsulent)

    response = client.get(reverse("economics:business_case", args=[case.project_id]))

    page = response.content.decode()
    assert "Statens it-projektmodel" in page
    # Total cost 200000 kr.: below 1 mio. kr., so no projektgrundlag is required.
    assert "Samlede omkostninger (udiskonteret, før risiko): 200.000 kr." in page
