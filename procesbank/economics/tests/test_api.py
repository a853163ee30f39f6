"""POST /api/v1/business-cases/evaluate: figures by hand, and the 422s naming the field."""

from decimal import Decimal

import pytest

from procesbank.economics import services
from procesbank.organisations.models import Role
from procesbank.projects import services as project_services

URL = "/api/v1/business-cases/evaluate"


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user(Role.LAESER))
    return lambda body: client.post(URL, body, content_type="application/json")


def test_evaluate_four_years_with_three_point_lines(api):
    # At 10 %: costs 2025 (80000 + 4 * 100000 + 150000) / 6 = 105000 + licence 20000 a year;
    # benefits 0, 60000, 90000, 90000 (given directly).
    # net -125000, 40000, 70000, 70000; cumulative -125000, -85000, -15000, 55000
    # NPV = -125000 + 40000/1.1 + 70000/1.21 + 70000/1.331
    #     = -125000 + 36363.636 + 57851.240 + 52592.036 = 21806.912 -> 21806.91
    # payback: 3 + 15000 / 70000 = 3.2143
    response = api(
        {
            "first_year": 2025,
            "discount_rate": 0.10,
            "lines": [
                {
                    "name": "Udvikling",
                    "type": "cost",
                    "min": [80000, 0, 0, 0],
                    "likely": [100000, 0, 0, 0],
                    "max": [150000, 0, 0, 0],
                },
                {"name": "Licens", "type": "cost", "amounts": [20000, 20000, 20000, 20000]},
                {"name": "Tid", "type": "benefit", "amounts": [0, 60000, 90000, 90000]},
            ],
        }
    )

    assert response.status_code == 200
    body = response.json()
    assert body["npv"] == 21806.91
    assert body["payback_years"] == 3.2143
    assert body["years"][0] == {
        "year": 2025,
        "costs": 125000.0,
        "benefits": 0.0,
        "net": -125000.0,
        "discounted_net": -125000.0,
        "cumulative": -125000.0,
    }
    assert [row["cumulative"] for row in body["years"]] == [-125000, -85000, -15000, 55000]


def test_evaluate_payback_inside_first_year(api):
    # costs 100 at the start of 2027, benefits 400 flow evenly: 100 / 400 = 0.25 years
    response = api(
        {
            "first_year": 2027,
            "lines": [
                {"name": "Køb", "type": "cost", "amounts": [100, 0]},
                {"name": "Gevinst", "type": "benefit", "amounts": [400, 400]},
            ],
        }
    )

    assert response.json()["payback_years"] == 0.25


def test_evaluate_never_pays_back(api):
    response = api(
        {
            "first_year": 2027,
            "discount_rate": 0,
            "lines": [
                {"name": "Køb", "type": "cost", "amounts": [500, 0, 0]},
                {"name": "Gevinst", "type": "benefit", "amounts": [0, 100, 100]},
            ],
        }
    )

    assert response.status_code == 200
    assert response.json()["npv"] == -300.0
    assert response.json()["payback_years"] is None


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            {"first_year": 2027, "lines": [{"name": "Køb", "type": "cost", "amounts": [-1]}]},
            "Linjen 'Køb' har et negativt beløb i 2027: -1. Angiv beløbet som positivt; typen "
            "(omkostning eller gevinst) bestemmer fortegnet.",
        ),
        (
            {
                "first_year": 2027,
                "discount_rate": 1,
                "lines": [{"name": "Køb", "type": "cost", "amounts": [1]}],
            },
            "Diskonteringsrenten skal være mindst 0 og under 1 (fx 0,035 for 3,5 %), men er 1.",
        ),
        (
            {
                "first_year": 2027,
                "lines": [
                    {"name": "Køb", "type": "cost", "amounts": [1, 2]},
                    {"name": "Gevinst", "type": "benefit", "amounts": [1]},
                ],
            },
            "Linjen 'Gevinst' har 1 beløb, men business casen har 2 år",
        ),
        ({"first_year": 2027, "lines": []}, "Business casen har ingen linjer."),
    ],
    ids=["negative", "rate", "unequal", "empty"],
)
def test_evaluate_refuses_with_422_naming_the_field(api, body, detail):
    response = api(body)

    assert response.status_code == 422
    assert response.json() == {"detail": detail}


def test_stored_case_results_via_api(client, konsulent):
    project = project_services.project_create(user=konsulent, name="P")
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="Køb", likely=[Decimal(100), Decimal(0)],
    )  # fmt: skip
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=2, kind="benefit",
        category="budget_relevant", name="Gevinst", likely=[Decimal(0), Decimal(207)],
    )  # fmt: skip
    client.force_login(konsulent)

    body = client.get(f"/api/v1/projects/{project.pk}/business-case").json()

    # 3.5 % (seeded, in force 1.1.2027): -100 + 207 / 1.035 = -100 + 200 = 100
    assert body["discount_rate"] == 0.035
    assert body["risk_adjusted"]["npv"] == 100.0
    # payback 1 + 100 / 207 = 1.4831
    assert body["risk_adjusted"]["payback_years"] == 1.4831
    assert [line["name"] for line in body["lines"]] == ["Køb", "Gevinst"]


def test_evaluate_finansministeriet_rate_runs_40_years(api):
    # Years 0-40 (2026-2066): 100 kr. cost in year 0; 1000000 kr. benefit in years 35, 36, 40.
    # 1.035^35 = 3.33359045; 1000000 / 3.33359045 = 299976.86 (year 35, the last at 3.5 %);
    # year 36: / 1.025 = 292660.35; year 40: / 1.025^5 = 265135.84.
    # NPV = -100 + 299976.86 + 292660.35 + 265135.84 = 857673.05
    benefit = [0] * 41
    for year in (35, 36, 40):
        benefit[year] = 1000000
    response = api(
        {
            "first_year": 2026,
            "discount_rate": "finansministeriet",
            "lines": [
                {"name": "Drift", "type": "cost", "amounts": [100] + [0] * 40},
                {"name": "Gevinst", "type": "benefit", "amounts": benefit},
            ],
        }
    )

    assert response.status_code == 200
    years = response.json()["years"]
    assert len(years) == 41
    assert years[0]["discounted_net"] == -100
    assert years[35]["discounted_net"] == 299976.86
    assert years[36]["discounted_net"] == 292660.35
    assert years[40]["discounted_net"] == 265135.84
    assert response.json()["npv"] == 857673.05


def test_evaluate_a_number_still_refuses_41_years(api):
    response = api(
        {
            "first_year": 2026,
            "discount_rate": 0.035,
            "lines": [{"name": "Drift", "type": "cost", "amounts": [1] * 41}],
        }
    )

    assert response.status_code == 422
    assert "41 år, men der kan højst beregnes 35 år" in response.json()["detail"]


def test_evaluate_risk_pool_from_a_15_risk_log_uses_the_largest_12(api):
    # Expected values (probability x consequence), largest 12: 200000 + 200000 + 100000 + 90000
    # + 75000 + 60000 + 60000 + 56000 + 50000 + 42000 + 40500 + 32000 = 1005500 kr.
    # (out: 1 % x 3000000 = 30000, 90 % x 30000 = 27000, 10 % x 250000 = 25000).
    # All one-off cost in year 0, so the pool is a year-0 cost: -(1000000 + 1005500) at 0 %.
    from procesbank.economics.tests.test_state_model_engine import FIFTEEN_RISKS

    response = api(
        {
            "first_year": 2026,
            "discount_rate": 0,
            "risk_share": 0.3,
            "risks": [
                {"name": name, "probability_percent": p, "consequence": c}
                for name, p, c in FIFTEEN_RISKS
            ],
            "lines": [
                {"name": "Udvikling", "type": "cost", "category": "development",
                 "amounts": [1000000]},
            ],
        }
    )  # fmt: skip

    assert response.status_code == 200
    assert response.json()["risk_pool"] == 1005500
    assert response.json()["npv"] == -2005500


def test_evaluate_refuses_a_risk_above_100_percent(api):
    response = api(
        {
            "first_year": 2026,
            "risks": [{"name": "R", "probability_percent": 120, "consequence": 1}],
            "lines": [{"name": "Drift", "type": "cost", "amounts": [1]}],
        }
    )

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Sandsynligheden for risikoen 'R' skal være mellem 0 og 100 %, men er 120."
    )
