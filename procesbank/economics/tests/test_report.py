"""The business case as PDF: the hand-computed figures of the four-year case, read back from
the PDF's text in Danish number format."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

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
    # Udvikling (80000 + 4 x 100000 + 150000) / 6 = 105000 in 2025.
    assert "2025: 105.000 · 2026: 0" in text
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
