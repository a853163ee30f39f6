"""The exported business case is a live workbook: LibreOffice Calc (headless) opens it,
recalculates every formula and saves it again (``soffice --convert-to xlsx``); the values it
computed, read with openpyxl ``data_only=True``, must be the page's figures.

Needs the Debian package libreoffice-calc-nogui (the Makefile's ``browser`` target installs it).
Without ``soffice`` the test is skipped locally, but fails in CI (CI=true), where it must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from procesbank.economics import selectors, services
from procesbank.economics.models import BusinessCase, RiskMethod
from procesbank.economics.tests.factories import four_year_case

SOFFICE = shutil.which("soffice")
IN_CI = os.environ.get("CI") == "true"

pytestmark = pytest.mark.skipif(
    SOFFICE is None and not IN_CI,
    reason="LibreOffice (soffice) er ikke installeret: apt-get install libreoffice-calc-nogui",
)


def recalculated(workbook: bytes, tmp_path: Path):
    """The workbook as LibreOffice recalculates and saves it, its cached values loaded."""
    if SOFFICE is None:
        pytest.fail("CI=true, men LibreOffice (soffice) mangler: installér libreoffice-calc-nogui")
    source = tmp_path / "in" / "case.xlsx"
    source.parent.mkdir()
    source.write_bytes(workbook)
    # A private profile: parallel runs must not share (and lock) the user's LibreOffice profile.
    profile = (tmp_path / "lo-profile").as_uri()
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    target = tmp_path / "out" / "case.xlsx"
    assert target.exists(), f"LibreOffice wrote nothing: {completed.stdout} {completed.stderr}"
    return load_workbook(BytesIO(target.read_bytes()), data_only=True)


def export(client, user, case: BusinessCase, tmp_path: Path):
    client.force_login(user)
    response = client.get(reverse("economics:business_case_xlsx", args=[case.project_id]))
    assert response.status_code == 200
    return recalculated(response.content, tmp_path)


def column(sheet, letter: str, rows: int) -> list[float]:
    return [sheet[f"{letter}{row}"].value for row in range(2, rows + 2)]


def test_libreoffice_recalculates_the_year_tables_npv_and_payback(client, konsulent, tmp_path):
    case = four_year_case(konsulent)

    book = export(client, konsulent, case, tmp_path)

    # Risk-adjusted (costs x 1.2, Licens x 1.1, benefits x 0.8) at 10 %:
    # costs 148000, 22000, 22000, 22000; benefits 0, 51200, 70400, 70400;
    # discounted -148000, 29200 / 1.1 = 26545.45, 48400 / 1.21 = 40000, 48400 / 1.331 = 36363.64
    years = book["År"]
    assert column(years, "A", 4) == [2025, 2026, 2027, 2028]
    assert column(years, "B", 4) == pytest.approx([148000, 22000, 22000, 22000])
    assert column(years, "C", 4) == pytest.approx([0, 51200, 70400, 70400])
    assert column(years, "E", 4) == pytest.approx([-148000, 26545.4545, 40000, 36363.6364])
    # NPV: -148000 + 26545.45 + 40000 + 36363.64 = -45090.91; unadjusted
    # -125000 + 40000 + 56198.35 + 51089.41 = 22287.75.
    assert book["Nutidsværdi"]["B2"].value == pytest.approx(-45090.909, abs=0.01)
    assert book["Nutidsværdi"]["B3"].value == pytest.approx(22287.75, abs=0.01)
    # Risk-adjusted never pays back; unadjusted 3 + 13000 / 68000 = 3.1912 years.
    assert book["Tilbagebetaling"]["B2"].value == "Tjener sig ikke hjem"
    assert book["Tilbagebetaling"]["B3"].value == pytest.approx(3 + 13000 / 68000)
    # Optimistic 148685.20, payback 2.0; pessimistic -122186.33, never.
    # Linjer: Udvikling's expected 2025 = (80000 + 4 x 100000 + 150000) / 6 = 105000.
    expected = [row for row in book["Linjer"].iter_rows(values_only=True)
                if row[1] == "Udvikling" and row[10] == "expected"]  # fmt: skip
    assert expected[0][11] == pytest.approx(105000)
    scenarios = book["Scenarier"]
    assert scenarios["B2"].value == pytest.approx(148685.20, abs=0.01)
    assert scenarios["C2"].value == pytest.approx(2.0)
    assert scenarios["B4"].value == pytest.approx(-122186.33, abs=0.01)
    assert scenarios["C4"].value in ("", None)


def test_libreoffice_figures_match_the_page(client, konsulent, tmp_path):
    case = four_year_case(konsulent)
    evaluation = selectors.business_case_result(case=case).evaluation

    book = export(client, konsulent, case, tmp_path)

    for title, result in (
        ("År", evaluation.risk_adjusted),
        ("År uden risiko", evaluation.unadjusted),
    ):
        sheet = book[title]
        for offset, row in enumerate(result.years, start=2):
            figures = (row.costs, row.benefits, row.net, row.discounted_net, row.cumulative,
                       row.cumulative_discounted)  # fmt: skip
            for letter, value in zip("BCDEFG", figures, strict=True):
                assert sheet[f"{letter}{offset}"].value == pytest.approx(float(value), abs=1e-6)


def test_libreoffice_recalculates_the_risk_pool_and_split_rate(client, konsulent, tmp_path):
    # 40 years (0-39) at the seeded split rate; one-off cost 100000 in year 0 only and a
    # benefit of 10000 a year. Three risks: 50 % x 40000 = 20000, 10 % x 50000 = 5000,
    # 20 % x 10000 = 2000: pool 27000, all in year 0 (the only one-off year).
    from procesbank.projects import services as project_services

    project = project_services.project_create(user=konsulent, name="Lang sag")
    case = services.business_case_save(
        user=konsulent, project=project, first_year=2026, horizon=40,
        risk_method=RiskMethod.RISK_LOG, risk_share=Decimal("0.5"),
    )  # fmt: skip
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=case.lock_version, kind="cost",
        category="development", name="Udvikling", likely=[Decimal(100000)] + [Decimal(0)] * 39,
    )  # fmt: skip
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=case.lock_version + 1, kind="benefit",
        category="budget_relevant", name="Besparelse", likely=[Decimal(10000)] * 40,
    )  # fmt: skip
    version = case.lock_version + 2
    for name, probability, consequence in (("A", 50, 40000), ("B", 10, 50000), ("C", 20, 10000)):
        services.risk_add(
            user=konsulent, case=case, lock_version=version, name=name,
            probability=Decimal(probability), consequence=Decimal(consequence),
        )  # fmt: skip
        version += 1
    case = BusinessCase.objects.get(pk=case.pk)
    evaluation = selectors.business_case_result(case=case).evaluation
    assert evaluation.risk_pool == 27000

    book = export(client, konsulent, case, tmp_path)

    assert book["Risikolog"]["D6"].value == pytest.approx(27000)
    years = book["År"]
    assert years["B2"].value == pytest.approx(127000)
    # Year 39: 10000 / (1.035^35 x 1.025^4) = 10000 / 3.679660 = 2717.64
    assert years["E41"].value == pytest.approx(10000 / (1.035**35 * 1.025**4))
    assert book["Nutidsværdi"]["B2"].value == pytest.approx(float(evaluation.npv), abs=1e-6)
