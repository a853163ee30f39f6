"""The API of a benefit's measurements: list and create, the status rule by hand, the 422s and
tenant isolation.

The plan: 30 days on 1.1.2026 down to 10 days on 1.1.2027 (365 days). On 2.7.2026, 182 days
in, the planned progress is 182 / 365 = 49.863 %.
"""

from datetime import date
from decimal import Decimal

import pytest

from procesbank.benefits import selectors, services
from procesbank.organisations.models import Role
from procesbank.projects import services as project_services


@pytest.fixture
def benefit(konsulent):
    project = project_services.project_create(user=konsulent, name="Digital ansøgning")
    return services.benefit_create(
        user=konsulent, project=project, name="Kortere sagsbehandling", owner=konsulent,
        kpi_name="Sagsbehandlingstid", kpi_unit="dage", baseline_value=Decimal(30),
        baseline_date=date(2026, 1, 1), target_value=Decimal(10), target_date=date(2027, 1, 1),
    )  # fmt: skip


def url(benefit):
    return f"/api/v1/benefits/{benefit.pk}/measurements"


def test_create_gives_the_status_by_the_rule(client, konsulent, benefit):
    client.force_login(konsulent)

    response = client.post(
        url(benefit), {"measured_on": "2026-07-02", "value": "20", "note": "Kvartal 2"},
        content_type="application/json",
    )  # fmt: skip

    # realised (30 - 20) / 20 = 50 % >= 0.9 x 49.863 % = 44.877 %: on track
    assert response.status_code == 201
    body = response.json()
    assert (body["value"], body["status"], body["status_label"], body["created_by"]) == (
        20.0, "on_track", "På sporet", "konsulent.helsingoer",
    )  # fmt: skip


def test_list_returns_measurements_oldest_first(client, konsulent, benefit):
    for day, value in ((date(2026, 7, 2), Decimal(20)), (date(2026, 4, 1), Decimal(25))):
        services.benefit_measurement_add(
            user=konsulent, benefit=benefit, value=value, measured_on=day
        )
    client.force_login(konsulent)

    body = client.get(url(benefit)).json()

    assert [(m["measured_on"], m["value"]) for m in body] == [
        ("2026-04-01", 25.0), ("2026-07-02", 20.0),
    ]  # fmt: skip


def test_off_track_without_explanation_is_a_danish_422(client, konsulent, benefit):
    client.force_login(konsulent)

    # realised (30 - 26) / 20 = 20 % < 0.7 x 49.863 % = 34.904 %: off track
    response = client.post(
        url(benefit), {"measured_on": "2026-07-02", "value": "26"},
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code == 422
    assert "forklaring" in response.json()["detail"]
    assert not benefit.measurements.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"measured_on": "2. juli", "value": "20"}, "measured_on"),
        ({"measured_on": "2026-07-02", "value": "tyve"}, "value"),
        ({"value": "20"}, "measured_on"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, konsulent, benefit, body, field):
    client.force_login(konsulent)

    response = client.post(url(benefit), body, content_type="application/json")

    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field]


def test_laeser_reads_but_may_not_measure(client, make_user, benefit):
    client.force_login(make_user(Role.LAESER))

    listed = client.get(url(benefit))
    added = client.post(
        url(benefit), {"measured_on": "2026-07-02", "value": "20"},
        content_type="application/json",
    )  # fmt: skip

    assert (listed.status_code, added.status_code) == (200, 403)


def test_other_municipality_neither_lists_nor_measures(client, other_konsulent, benefit):
    client.force_login(other_konsulent)

    listed = client.get(url(benefit))
    added = client.post(
        url(benefit), {"measured_on": "2026-07-02", "value": "20"},
        content_type="application/json",
    )  # fmt: skip

    assert (listed.status_code, added.status_code) == (404, 404)
    assert not benefit.measurements.exists()


def test_measurement_list_selector_hides_another_municipality(konsulent, other_konsulent, benefit):
    services.benefit_measurement_add(
        user=konsulent, benefit=benefit, value=Decimal(20), measured_on=date(2026, 7, 2)
    )

    _benefit, own = selectors.measurement_list(user=konsulent, benefit_id=benefit.pk)

    assert [m.value for m in own] == [Decimal(20)]
    with pytest.raises(Exception) as error:
        selectors.measurement_list(user=other_konsulent, benefit_id=benefit.pk)
    assert type(error.value).__name__ == "Http404"
