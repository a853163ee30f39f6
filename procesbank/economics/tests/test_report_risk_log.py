"""The business-case PDF lists the risk log as a table and marks the 12 risks of the pool (the
state model's risk pool), read back from the PDF's text."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from procesbank.economics import services
from procesbank.economics.models import BusinessCase, RiskMethod
from procesbank.projects import services as project_services


def _case(user, risk_method: str) -> BusinessCase:
    project = project_services.project_create(user=user, name="Risikosag")
    case = services.business_case_save(
        user=user, project=project, first_year=2027, horizon=2, risk_method=risk_method,
        risk_share=Decimal("0.25"),
    )  # fmt: skip
    services.business_case_line_add(
        user=user, case=case, lock_version=1, kind="cost", category="development",
        name="Udvikling", likely=[Decimal(200000), Decimal(0)],
    )  # fmt: skip
    # 13 risks, "R1" to "R13": 10 % x k x 10,000 kr., an expected value of k x 1,000 kr.
    for k in range(1, 14):
        services.risk_add(
            user=user, case=case, lock_version=BusinessCase.objects.get(pk=case.pk).lock_version,
            name=f"R{k}", probability=Decimal(10), consequence=Decimal(k * 10_000),
            owner="Projektleder" if k == 13 else "", action="Test i uge 3" if k == 13 else "",
        )  # fmt: skip
    return case


def _pdf_text(client, user, case: BusinessCase) -> str:
    client.force_login(user)
    response = client.get(reverse("economics:business_case_pdf", args=[case.project_id]))
    assert response.status_code == 200
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


@pytest.fixture
def pooled_text(client, konsulent) -> str:
    return _pdf_text(client, konsulent, _case(konsulent, RiskMethod.RISK_LOG))


def test_pdf_lists_each_risk_with_probability_consequence_expected_owner_and_action(
    pooled_text,
) -> None:
    assert "Risiko Sandsynlighed Konsekvens Forventet værdi Ejer Handling I puljen" in pooled_text
    # R13: 10 % x 130,000 = 13,000 kr.
    assert "R13 10 % 130.000 kr. 13.000 kr. Projektleder Test i uge 3 Ja" in pooled_text


def test_pdf_marks_the_12_largest_risks_as_the_pool(pooled_text) -> None:
    # R1 (1,000 kr.) is the smallest of 13, so it stays out of the pool of 12.
    assert "R1 10 % 10.000 kr. 1.000 kr. – – –" in pooled_text
    assert "R2 10 % 20.000 kr. 2.000 kr. – – Ja" in pooled_text
    # Pool: 2,000 + 3,000 + ... + 13,000 = (2 + 13) x 12 / 2 x 1,000 = 90,000 kr.
    assert "Risikopulje 90.000 kr." in pooled_text


def test_pdf_of_a_case_with_a_flat_share_lists_the_log_without_a_pool(client, konsulent) -> None:
    text = _pdf_text(client, konsulent, _case(konsulent, RiskMethod.SHARE))

    assert "Casen bruger en fast risikoandel, ikke risikopuljen." in text
    assert "R13 10 % 130.000 kr. 13.000 kr. Projektleder Test i uge 3 –" in text
    assert "Risikopulje 90.000 kr." not in text
