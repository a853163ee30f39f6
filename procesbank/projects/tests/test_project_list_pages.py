"""The projects page is paged like every long list (issue #20: a municipality of the national
data set holds 56 projects)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from procesbank.projects import services
from procesbank.projects.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def test_the_projects_page_shows_a_page_of_projects_and_the_way_to_the_next(client, konsulent):
    for number in range(PAGE_SIZE + 1):
        services.project_create(user=konsulent, name=f"Projekt {number:02d}")
    client.force_login(konsulent)

    first = client.get(reverse("projects:project_list")).content.decode()
    second = client.get(reverse("projects:project_list"), {"side": 2}).content.decode()

    first_names = re.findall(r">(Projekt \d\d)</a>", first)
    second_names = re.findall(r">(Projekt \d\d)</a>", second)
    assert first_names == [f"Projekt {n:02d}" for n in range(PAGE_SIZE)]
    assert second_names == [f"Projekt {PAGE_SIZE:02d}"]
    assert "Side 1 af 2" in first
    assert 'rel="next"' in first
