"""The business case's charts have their figures as tables (WCAG 1.1.1): the tornado gets one,
the cash-flow chart points at the year tables."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from procesbank.economics.tests.factories import four_year_case

pytestmark = pytest.mark.django_db


def _tornado_rows(content: str) -> list[list[str]]:
    table = content[content.index('id="tornado-table"') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        [" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in cells]
        for cells in (
            re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        )
    ]


def test_tornado_table_gives_each_uncertain_line_at_minimum_and_maximum(client, konsulent):
    case = four_year_case(konsulent)
    client.force_login(konsulent)

    response = client.get(reverse("economics:business_case", args=[case.project_id]))

    content = response.content.decode()
    rows = {row[0]: row[1:] for row in _tornado_rows(content)}
    # Unadjusted NPV 22,287.75 kr. (the factory's docstring). Udvikling costs 80,000 / 105,000
    # (expected) / 150,000 in the first year (undiscounted): 22,287.75 + 25,000 = 47,287.75 at
    # its minimum, 22,287.75 - 45,000 at its maximum, a swing of 70,000.
    assert rows["Udvikling"][0] == "47.288 kr."
    assert rows["Udvikling"][2] == "70.000 kr."
    # Frigjort tid at its maximum: +56,000 / 1.1 + 32,000 / 1.1² + 32,000 / 1.1³
    # = 50,909.09 + 26,446.28 + 24,042.07 = 101,397.44 over 22,287.75 -> 123,685.19.
    assert rows["Frigjort tid"][1] == "123.685 kr."
    # Licens is certain (no minimum or maximum): no bar, no row.
    assert "Licens" not in rows
    assert 'aria-describedby="tornado-table"' in content
    assert 'aria-describedby="cashflow-description year-table"' in content
    assert 'id="year-table"' in content
