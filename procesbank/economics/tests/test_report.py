"""The business case as PDF: the hand-computed figures of the four-year case, read back from
the PDF's text in Danish number format."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from procesbank.economics.report import case_charts
from procesbank.economics.selectors import business_case_result
from procesbank.economics.tests.factories import four_year_case


@pytest.fixture
def text(client, konsulent):
    case = four_year_case(konsulent)
    client.force_login(konsulent)
    response = client.get(reverse("economics:business_case_pdf", args=[case.project_id]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="business-case-digital-ansoegning.pdf"'
    )
    pages = PdfReader(BytesIO(response.content)).pages
    return "\n".join(page.extract_text() for page in pages)


def test_pdf_shows_master_data_npv_and_payback_with_and_without_risk(text):
    assert "Diskonteringsrente 10,0 % (valgt i rentetabellen)" in text
    assert "Risikoandel for hele casen 20,0 %" in text
    assert "Første år 2025\nAntal år 4" in text
    # Risk-adjusted: -148000 + 29200 / 1.1 + 48400 / 1.21 + 48400 / 1.331 = -45090.91 kr.,
    # rounded to the krone; the cumulative net ends at -22000, so it never pays back.
    assert "Risikojusteret -45.091 kr. Tjener sig ikke hjem" in text
    # Unadjusted: -125000 + 44000 / 1.1 + 68000 / 1.21 + 68000 / 1.331 = 22287.75 kr.;
    # payback 3 + 13000 / 68000 = 3.19 -> 3,2 år.
    assert "Uden risikojustering 22.288 kr. 3,2 år" in text


def test_pdf_shows_lines_and_both_year_tables(text):
    # Udvikling (80000 + 4 x 100000 + 150000) / 6 = 105000 in 2025, a row of the year table;
    # Frigjort tid 2026: (24000 + 4 x 60000 + 120000) / 6 = 64000.
    assert "Linje 2025 2026 2027 2028" in text
    assert "Udvikling 105.000 0 0 0" in text
    assert "Frigjort tid 0 64.000 88.000 88.000" in text
    # Risk-adjusted 2026: costs 20000 x 1.1 = 22000, benefits 64000 x 0.8 = 51200,
    # net 29200, discounted 29200 / 1.1 = 26545.45 -> 26.545, cumulative -148000 + 29200.
    assert "2026 22.000 51.200 29.200 26.545 -118.800" in text
    assert "2028 22.000 70.400 48.400 36.364 -22.000\nNutidsværdi -45.091" in text
    # Unadjusted 2027: 68000 / 1.21 = 56198.35 -> 56.198.
    assert "2027 20.000 88.000 68.000 56.198 -13.000" in text
    assert "2028 20.000 88.000 68.000 51.089 55.000\nNutidsværdi 22.288" in text


def test_pdf_shows_scenarios_and_formulas(text):
    # Optimistic: -100000 + 100000 / 1.1 + 100000 / 1.21 + 100000 / 1.331 = 148685.20,
    # cumulative 0 after 2026: payback 1 + 100000 / 100000 = 2 years.
    assert "Optimistisk 148.685 kr. 2,0 år" in text
    # Pessimistic: -170000 + 4000 / 1.1 + 28000 / 1.21 + 28000 / 1.331 = -122186.33.
    assert "Pessimistisk -122.186 kr. Tjener sig ikke hjem" in text
    assert "Forventet beløb (trepunkt) = (minimum + 4 × sandsynligt + maksimum) / 6" in text
    assert "Risikojusteret gevinst = gevinst × (1 − risikoandel)" in text


def test_pdf_of_another_municipality_is_not_found(client, konsulent, other_konsulent):
    case = four_year_case(konsulent)
    client.force_login(other_konsulent)

    response = client.get(reverse("economics:business_case_pdf", args=[case.project_id]))

    assert response.status_code == 404


def _bars(svg, size="height"):
    """(category, series or end, value, height or width) of every bar of an SVG chart."""
    import re

    return [
        (
            re.search(r'data-category="([^"]*)"', bar).group(1),
            re.search(r'data-(?:series|end)="([^"]*)"', bar).group(1),
            float(re.search(r'data-value="([^"]*)"', bar).group(1)),
            float(re.search(rf' {size}="([^"]*)"', bar).group(1)),
        )
        for bar in re.findall(r'<rect class="bar"[^>]*>', svg)
    ]


def test_pdf_carries_the_charts_as_vector_graphics(text):
    assert "Akkumuleret pengestrøm pr. år (kr.)" in text
    assert "Gevinstprofil: omkostninger og gevinster pr. år (kr., risikojusteret)" in text
    assert "Følsomhed: nutidsværdi med hver linje på minimum og maksimum (kr.)" in text


def test_cumulative_bars_are_proportional_to_the_cumulative_net(konsulent):
    case = four_year_case(konsulent)
    evaluation = business_case_result(case=case).evaluation

    bars = _bars(case_charts(evaluation)["cumulative"])

    adjusted = [(year, value, height) for year, series, value, height in bars
                if series == "Akkumuleret netto (risikojusteret)"]  # fmt: skip
    # Risk-adjusted cumulative net: -148000, -118800, -70400, -22000 (test above).
    assert [(year, value) for year, value, _ in adjusted] == [
        ("2025", -148000), ("2026", -118800), ("2027", -70400), ("2028", -22000),
    ]  # fmt: skip
    heights = [height for *_, height in adjusted]
    # 148000 / 22000 = 6.727...; heights are rounded to 0.01 px, so allow 0.5 %
    assert heights[0] / heights[3] == pytest.approx(148000 / 22000, rel=0.005)
    assert heights[1] / heights[0] == pytest.approx(118800 / 148000, rel=0.005)


def test_tornado_bars_run_from_the_expected_npv(konsulent):
    case = four_year_case(konsulent)
    evaluation = business_case_result(case=case).evaluation
    base = float(round(evaluation.scenarios.expected.npv))

    bars = _bars(case_charts(evaluation)["tornado"], size="width")

    # Udvikling at its maximum 150000 instead of 105000: NPV 22288 - 45000 = -22712 (2025 is
    # not discounted); its bar runs 45000 kr. from the base, Licens has no spread (left out).
    lines = {category for category, *_ in bars}
    assert lines == {"Udvikling", "Frigjort tid"}
    widths = {(category, end): (value, width) for category, end, value, width in bars}
    assert widths[("Udvikling", "high")][0] == pytest.approx(base - 45000, abs=1)
    scale = widths[("Udvikling", "high")][1] / 45000
    for (category, end), (value, width) in widths.items():
        assert width == pytest.approx(abs(value - base) * scale, abs=0.02), (category, end)
