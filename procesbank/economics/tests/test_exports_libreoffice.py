"""The Excel export opened by another spreadsheet program: LibreOffice Calc (headless) reads the
workbook, computes whatever it holds (values today; formulas would be recalculated) and writes
every sheet as CSV. The figures it reads must be the ones we computed by hand.

Needs the Debian package libreoffice-calc-nogui (the Makefile's ``browser`` target installs it).
Without ``soffice`` the test is skipped locally, but fails in CI (CI=true), where it must run.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from procesbank.economics.tests.factories import four_year_case

SOFFICE = shutil.which("soffice")
IN_CI = os.environ.get("CI") == "true"

pytestmark = pytest.mark.skipif(
    SOFFICE is None and not IN_CI,
    reason="LibreOffice (soffice) er ikke installeret: apt-get install libreoffice-calc-nogui",
)

# Field separator 44 (,), text delimiter 34 ("), charset 76 (UTF-8), start row 1, cell
# contents as stored (not as shown: raw numbers), and the last token -1: every sheet to its
# own file, <name>-<sheet>.csv (LibreOffice 7.2 and later).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def libreoffice_sheets(workbook: bytes, tmp_path: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``workbook`` as LibreOffice computes and writes it, by sheet name."""
    if SOFFICE is None:
        pytest.fail("CI=true, men LibreOffice (soffice) mangler: installér libreoffice-calc-nogui")
    source = tmp_path / "case.xlsx"
    source.write_bytes(workbook)
    # A private profile: parallel runs must not share (and lock) the user's LibreOffice profile.
    profile = (tmp_path / "lo-profile").as_uri()
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    sheets = {}
    for path in sorted((tmp_path / "out").glob("case-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem.removeprefix("case-")] = list(csv.reader(handle))
    assert sheets, f"LibreOffice wrote no CSV: {completed.stdout} {completed.stderr}"
    return sheets


def numbers(row: list[str]) -> list[float | None]:
    return [float(cell) if cell else None for cell in row]


@pytest.fixture
def sheets(client, konsulent, tmp_path) -> dict[str, list[list[str]]]:
    case = four_year_case(konsulent)
    client.force_login(konsulent)
    response = client.get(reverse("economics:business_case_xlsx", args=[case.project_id]))
    assert response.status_code == 200
    return libreoffice_sheets(response.content, tmp_path)


def test_libreoffice_reads_every_sheet(sheets):
    assert set(sheets) == {
        "Stamdata", "År", "År uden risiko", "Nutidsværdi", "Tilbagebetaling", "Scenarier",
    }  # fmt: skip


def test_libreoffice_reads_the_hand_computed_year_tables(sheets):
    # Expected amounts (min + 4 x likely + max) / 6: Udvikling (80000 + 400000 + 150000) / 6
    # = 105000 in 2025; Frigjort tid 64000, 88000, 88000 in 2026-2028. Licens 20000 a year.
    # Risk-adjusted: costs x 1.2 (Licens x 1.1), benefits x 0.8; discounted at 10 %:
    #   2026: 29200 / 1.1 = 26545.45;  2027: 48400 / 1.21 = 40000;  2028: 48400 / 1.331 = 36363.64
    risk_adjusted = [numbers(row) for row in sheets["År"][1:]]
    assert risk_adjusted == [
        [2025, 148000, 0, -148000, -148000, -148000, -148000],
        [2026, 22000, 51200, 29200, 26545, -118800, -121455],
        [2027, 22000, 70400, 48400, 40000, -70400, -81455],
        [2028, 22000, 70400, 48400, 36364, -22000, -45091],
    ]
    # Unadjusted: 44000 / 1.1 = 40000; 68000 / 1.21 = 56198.35; 68000 / 1.331 = 51089.41.
    unadjusted = [numbers(row) for row in sheets["År uden risiko"][1:]]
    assert unadjusted == [
        [2025, 125000, 0, -125000, -125000, -125000, -125000],
        [2026, 20000, 64000, 44000, 40000, -81000, -85000],
        [2027, 20000, 88000, 68000, 56198, -13000, -28802],
        [2028, 20000, 88000, 68000, 51089, 55000, 22288],
    ]


def test_libreoffice_reads_npv_and_payback(sheets):
    # NPV: -148000 + 26545.45 + 40000 + 36363.64 = -45090.91 -> -45091 kr. (risk-adjusted);
    # -125000 + 40000 + 56198.35 + 51089.41 = 22287.75 -> 22288 kr. (unadjusted).
    assert sheets["Nutidsværdi"][1:] == [["Risikojusteret", "-45091"],
                                         ["Uden risikojustering", "22288"]]  # fmt: skip
    # Risk-adjusted cumulative ends at -22000: never pays back. Unadjusted: -13000 after
    # 2027, 2028 nets 68000, so 3 + 13000 / 68000 = 3.1912 years.
    payback = sheets["Tilbagebetaling"]
    assert payback[1] == ["Risikojusteret", "Tjener sig ikke hjem"]
    assert payback[2][0] == "Uden risikojustering"
    assert float(payback[2][1]) == pytest.approx(3 + 13000 / 68000, abs=1e-9)


def test_libreoffice_reads_the_scenarios(sheets):
    # Optimistic (costs at minimum, benefits at maximum, no risk): net -100000, then 100000
    # a year: -100000 + 90909.09 + 82644.63 + 75131.48 = 148685.20; payback 1 + 100000 / 100000.
    # Pessimistic: net -170000, 4000, 28000, 28000: -170000 + 3636.36 + 23140.50 + 21036.81
    # = -122186.33, never pays back. Expected = the unadjusted case.
    rows = {row[0]: row[1:] for row in sheets["Scenarier"][1:4]}
    assert numbers(rows["Optimistisk"]) == [148685, 2.0]
    assert numbers(rows["Pessimistisk"]) == [-122186, None]
    assert rows["Forventet"][0] == "22288"
    assert float(rows["Forventet"][1]) == pytest.approx(3 + 13000 / 68000, abs=1e-9)


def test_libreoffice_reads_the_master_data_and_lines(sheets):
    master = {row[0]: row[1:] for row in sheets["Stamdata"] if row and row[0]}
    assert master["Første år"][0] == "2025"
    # LibreOffice writes a cell in percent format as shown, whatever the CSV options say.
    assert master["Diskonteringsrente"][0] == "10%"
    assert master["Risikoandel for hele casen"][0] == "20%"
    assert master["Udvikling"][:7] == ["Omkostning", "Udvikling", "", "105000", "0", "0", "0"]
    assert master["Licens"][:7] == ["Omkostning", "Licenser", "10%",
                                    "20000", "20000", "20000", "20000"]  # fmt: skip
    assert master["Frigjort tid"][4:7] == ["64000", "88000", "88000"]
