from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from procesbank.economics import services
from procesbank.economics.models import BusinessCase, DiscountRate
from procesbank.projects import services as project_services


@pytest.fixture
def case(konsulent):
    project = project_services.project_create(user=konsulent, name="Digital ansøgning")
    case = services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=2, risk_share=Decimal(0)
    )
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="=HYPERLINK(\"x\")", likely=[Decimal(100), Decimal(0)],
    )  # fmt: skip
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=2, kind="benefit",
        category="budget_relevant", name="Besparelse", likely=[Decimal(0), Decimal(150)],
    )  # fmt: skip
    return BusinessCase.objects.get(pk=case.pk)


def test_page_shows_npv_payback_and_formulas(client, konsulent, case):
    client.force_login(konsulent)

    response = client.get(reverse("economics:business_case", args=[case.project_id]))

    # 3.5 %: -100 + 150 / 1.035 = 44.93 -> 45 kr.; payback 1 + 100 / 150 = 1.67 -> 1,7 år
    text = response.content.decode()
    assert "45 kr." in text
    assert "1,7 år" in text
    assert "Diskonteret netto = netto / (1 + rente)^t for år t ≤ 35" in text
    assert 'id="business-case-data"' in text


def test_line_form_takes_danish_amounts(client, konsulent, case):
    client.force_login(konsulent)

    client.post(
        reverse("economics:business_case_line_add", args=[case.project_id]),
        {"kind": "cost", "category": "training", "name": "Kursus",
         "likely": "1.250,50; 0", "lock_version": 3},
    )  # fmt: skip

    assert case.lines.get(name="Kursus").likely == ["1250.50", "0"]


def test_excel_has_the_sheets_and_neutralises_formulas(client, konsulent, case):
    client.force_login(konsulent)

    response = client.get(reverse("economics:business_case_xlsx", args=[case.project_id]))

    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "Stamdata", "Linjer", "Risikolog", "År", "År uden risiko", "Optimistisk",
        "Pessimistisk", "Nutidsværdi", "Tilbagebetaling", "Scenarier",
    ]  # fmt: skip
    names = [row[1] for row in book["Linjer"].iter_rows(values_only=True)]
    assert '\'=HYPERLINK("x")' in names
    # A live workbook: the figures are formulas (their values: test_workbook_live.py).
    assert book["Nutidsværdi"]["B2"].value == "=SUM('År'!$E$2:$E$3)"
    assert book["Tilbagebetaling"]["B2"].value.startswith("=IF('År'!$F$3<0,")
    assert book["År"]["A2"].value == "=Stamdata!$B$4+0"


def test_page_rounds_half_kroner_away_from_zero(client, konsulent):
    # At 0 %: a benefit of 1234.50 kr. in the one year and no costs: NPV 1234.50, shown to the
    # krone as 1.235 kr. (half away from zero, not banker's 1.234); payback 0 without costs.
    project = project_services.project_create(user=konsulent, name="Afrunding")
    zero = DiscountRate.objects.create(valid_from=date(2031, 1, 1), rate=Decimal(0))
    case = services.business_case_save(
        user=konsulent, project=project, first_year=2031, horizon=1, discount_rate=zero
    )
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="benefit", category="budget_relevant",
        name="Gebyr", likely=[Decimal("1234.50")],
    )  # fmt: skip
    client.force_login(konsulent)

    response = client.get(reverse("economics:business_case", args=[project.pk]))

    text = response.content.decode()
    assert '<strong data-testid="npv">1.235 kr.</strong>' in text
    assert "1.234 kr." not in text


def test_line_without_its_own_risk_shows_the_case_risk(client, konsulent):
    project = project_services.project_create(user=konsulent, name="Robot")
    case = services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=1, risk_share=Decimal("0.1")
    )
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="Licens", likely=[Decimal(100)],
    )  # fmt: skip
    client.force_login(konsulent)

    html = client.get(reverse("economics:business_case", args=[project.pk])).content.decode()

    assert '<span class="muted" title="Hele casens risikotillæg">10,0 %</span>' in html
