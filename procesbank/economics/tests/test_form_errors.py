"""A refused line on the business-case page: the form comes back with what was typed and the
message by the field, in Danish, and nothing is saved."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from procesbank.economics import services
from procesbank.economics.models import BusinessCase, BusinessCaseLine
from procesbank.projects import services as project_services
from procesbank.projects.tests.factories import project_with_processes


@pytest.fixture
def case(konsulent):
    project = project_services.project_create(user=konsulent, name="Digital ansøgning")
    return services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=2, risk_share=Decimal(0)
    )


def _add_line(client, case, **fields):
    data = {"lock_version": case.lock_version, "kind": "cost", "category": "purchase"} | fields
    return client.post(reverse("economics:business_case_line_add", args=[case.project_id]), data)


def test_line_with_text_amount_keeps_the_input_and_names_the_field(client, konsulent, case):
    client.force_login(konsulent)

    response = _add_line(client, case, name="Licens til robot", likely="100.000; abc")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Licens til robot"' in html
    assert 'value="100.000; abc"' in html
    assert '<p class="error" role="alert">“abc” er ikke et tal.</p>' in html
    assert not BusinessCaseLine.objects.filter(business_case=case).exists()


def test_line_with_a_huge_amount_is_refused_and_the_page_still_opens(client, konsulent, case):
    client.force_login(konsulent)

    response = _add_line(client, case, name="Robot", likely="1e30; 0")
    page = client.get(reverse("economics:business_case", args=[case.project_id]))

    assert response.status_code == 200
    assert (
        "Linjen &#x27;Robot&#x27; har et beløb i 2027 på over 1.000.000.000.000 kr. pr. år: 1E+30."
        in response.content.decode()
    )
    assert not BusinessCaseLine.objects.filter(business_case=case).exists()
    assert page.status_code == 200


def test_stale_line_is_refused_with_the_input_kept(client, konsulent, case):
    client.force_login(konsulent)
    services.business_case_save(
        user=konsulent, project=case.project, first_year=2027, horizon=2,
        risk_share=Decimal("0.1"), lock_version=case.lock_version,
    )  # fmt: skip

    response = _add_line(client, case, name="Licens", likely="100; 100")

    html = response.content.decode()
    assert response.status_code == 200
    assert "har konsulent.helsingoer gemt en nyere udgave" in html
    assert 'value="Licens"' in html
    assert not BusinessCaseLine.objects.filter(business_case=case).exists()


def test_ramp_up_above_hundred_percent_is_refused_in_percent(client, konsulent):
    project = project_with_processes(konsulent)
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    client.force_login(konsulent)

    response = client.post(
        reverse("economics:business_case_time_saving_add", args=[project.pk]),
        {"lock_version": case.lock_version, "hourly_rate": "350", "ramp_up": "50; 500"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Indfasningen skal være mellem 0 og 100 %, men i år 2 er den 500 %." in html
    assert 'value="50; 500"' in html
    assert not BusinessCase.objects.get(pk=case.pk).lines.exists()


def test_time_form_has_ids_of_its_own(client, konsulent):
    project = project_with_processes(konsulent)
    services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    client.force_login(konsulent)

    html = client.get(reverse("economics:business_case", args=[project.pk])).content.decode()

    assert html.count('id="id_name"') == 1
    assert html.count('id="time_name"') == 1


def test_the_case_page_has_no_id_twice_and_the_case_risk_keeps_its_label(client, konsulent):
    project = project_with_processes(konsulent)
    services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    client.force_login(konsulent)

    html = client.get(reverse("economics:business_case", args=[project.pk])).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert '<label for="case_risk_percent">Risikotillæg for hele casen (%)</label>' in html
    assert 'id="case_risk_percent"' in html
