"""The state IT project model's phases and documents on the project page (issue 15), supplied by
economics through the project page's section registry (kit.projectpage): the projects app may
not import economics."""

from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse

from procesbank.economics import services
from procesbank.projects import services as project_services


def _project(user, cost: int | None):
    project = project_services.project_create(user=user, name="Nyt fagsystem")
    if cost is not None:
        case = services.business_case_save(user=user, project=project, first_year=2027, horizon=1)
        services.business_case_line_add(
            user=user, case=case, lock_version=1, kind="cost", category="purchase",
            name="Anskaffelse", likely=[Decimal(cost)],
        )  # fmt: skip
    return project


def _item(page: str, phase: str, document: str) -> str:
    found = re.search(rf'id="state-{phase}-{document}">(.*?)</li>', page, re.S)
    assert found, f"{phase}/{document} not on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def _page(client, user, project) -> str:
    client.force_login(user)
    response = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_above_1_mio_the_projektgrundlag_is_required_but_not_the_it_council(
    client, konsulent
) -> None:
    # 2,000,000 kr. is above 1 mio. and below 15 mio.
    page = _page(client, konsulent, _project(konsulent, 2_000_000))

    assert "Statens it-projektmodel" in page
    assert "Samlede omkostninger (udiskonteret, før risiko): 2.000.000 kr." in page
    assert _item(page, "analyse", "projektgrundlag") == "Projektgrundlag: krævet"
    assert _item(page, "analyse", "it_raadet") == "Statens It-råds risikovurdering: ikke krævet"


def test_above_15_mio_the_it_council_assesses_the_project(client, konsulent) -> None:
    page = _page(client, konsulent, _project(konsulent, 15_000_001))

    assert _item(page, "analyse", "it_raadet") == "Statens It-råds risikovurdering: krævet"


def test_at_1_mio_nothing_but_the_business_case_is_required(client, konsulent) -> None:
    # The thresholds are "above": exactly 1,000,000 kr. needs no projektgrundlag.
    page = _page(client, konsulent, _project(konsulent, 1_000_000))

    assert _item(page, "analyse", "projektgrundlag") == "Projektgrundlag: ikke krævet"
    assert _item(page, "ide", "business_case") == "Business case: krævet"


def test_a_project_without_a_case_says_the_thresholds_cannot_apply(client, konsulent) -> None:
    page = _page(client, konsulent, _project(konsulent, None))

    assert "Projektet har ingen business case endnu, så tærsklerne (1 og 15 mio. kr.)" in page
    assert _item(page, "analyse", "projektgrundlag") == "Projektgrundlag: ikke krævet"


def test_the_project_page_of_another_municipality_stays_closed(
    client, konsulent, other_konsulent
) -> None:
    project = _project(konsulent, 2_000_000)
    client.force_login(other_konsulent)

    response = client.get(reverse("projects:project_detail", args=[project.pk]))

    assert response.status_code == 404
