"""The API of business-case lines: create, read, change and delete, with the lock, the 422s
naming the field and tenant isolation."""

from decimal import Decimal

import pytest

from procesbank.economics import services
from procesbank.economics.models import BusinessCase
from procesbank.organisations.models import Role
from procesbank.projects import services as project_services


@pytest.fixture
def case(konsulent):
    """2027-2028 at the seeded 3.5 %, one purchase line of 100 in 2027."""
    project = project_services.project_create(user=konsulent, name="Digital ansøgning")
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="Indkøb", likely=[Decimal(100), Decimal(0)],
    )  # fmt: skip
    return BusinessCase.objects.get(pk=case.pk)


@pytest.fixture
def api(client, konsulent):
    client.force_login(konsulent)

    def call(method, url, body=None):
        return getattr(client, method)(url, body, content_type="application/json")

    return call


THREE_POINT = {
    "type": "benefit", "category": "budget_relevant", "name": "Besparelse",
    "likely": [0, 120], "minimum": [0, 90], "maximum": [0, 180], "risk_share": 0.2,
}  # fmt: skip


def test_create_a_three_point_line(api, case):
    response = api(
        "post", f"/api/v1/projects/{case.project_id}/business-case/lines",
        THREE_POINT | {"lock_version": 2},
    )  # fmt: skip

    assert response.status_code == 201
    body = response.json()
    # Expected 2028: (90 + 4 x 120 + 180) / 6 = 125
    assert (body["name"], body["type"], body["amounts"], body["risk_share"]) == (
        "Besparelse", "benefit", [0.0, 125.0], 0.2,
    )  # fmt: skip
    assert body["lock_version"] == 3
    # Risk-adjusted case: -100 + 125 x 0.8 / 1.035 = -100 + 96.62 = -3.38
    case_body = api("get", f"/api/v1/projects/{case.project_id}/business-case").json()
    assert case_body["risk_adjusted"]["npv"] == -3.38


def test_list_and_get_lines(api, case):
    lines = api("get", f"/api/v1/projects/{case.project_id}/business-case/lines").json()

    assert [(line["name"], line["likely"]) for line in lines] == [("Indkøb", [100.0, 0.0])]
    one = api("get", f"/api/v1/business-case-lines/{lines[0]['id']}").json()
    assert one == lines[0]


def test_put_changes_the_line(api, case):
    line = case.lines.get()

    response = api(
        "put", f"/api/v1/business-case-lines/{line.pk}",
        {"lock_version": 2, "type": "cost", "category": "licences", "name": "Licens",
         "likely": [50, 50]},
    )  # fmt: skip

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["amounts"]) == ("Licens", [50.0, 50.0])
    line.refresh_from_db()
    assert (line.category, line.likely) == ("licences", ["50", "50"])


def test_stale_put_is_refused_in_danish(api, case):
    line = case.lines.get()

    response = api(
        "put", f"/api/v1/business-case-lines/{line.pk}",
        {"lock_version": 1, "type": "cost", "category": "purchase", "name": "X", "likely": [1, 0]},
    )  # fmt: skip

    assert response.status_code == 409
    assert response.json()["updated_by"] == "konsulent.helsingoer"
    assert response.json()["detail"].startswith(
        "Mens du redigerede, har konsulent.helsingoer gemt en nyere udgave ("
    )
    line.refresh_from_db()
    assert line.name == "Indkøb"


def test_delete_needs_the_current_lock_version(api, case):
    line = case.lines.get()

    stale = api("delete", f"/api/v1/business-case-lines/{line.pk}?lock_version=1")
    deleted = api("delete", f"/api/v1/business-case-lines/{line.pk}?lock_version=2")

    assert stale.status_code == 409
    assert deleted.status_code == 204
    assert not case.lines.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "gift"}, "type"),
        ({"category": "diverse"}, "category"),
        ({"risk_share": 1.5}, "risk_share"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(api, case, change, field):
    response = api(
        "post", f"/api/v1/projects/{case.project_id}/business-case/lines",
        THREE_POINT | {"lock_version": 2} | change,
    )  # fmt: skip

    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field]
    assert case.lines.count() == 1


def test_minimum_without_maximum_names_the_missing_field(api, case):
    body = THREE_POINT | {"lock_version": 2, "maximum": []}

    response = api("post", f"/api/v1/projects/{case.project_id}/business-case/lines", body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "maximum"],
                "msg": "Angiv både minimum og maksimum, eller ingen af dem.",
                "type": "value_error",
            }
        ]
    }


def test_wrong_number_of_amounts_is_refused_naming_the_line(api, case):
    body = THREE_POINT | {"lock_version": 2, "likely": [1], "minimum": [], "maximum": []}

    response = api("post", f"/api/v1/projects/{case.project_id}/business-case/lines", body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Linjen 'Besparelse' har 1 beløb, men business casen har 2 år"
    }


def test_other_municipality_neither_sees_nor_changes_lines(client, other_konsulent, case):
    client.force_login(other_konsulent)
    line = case.lines.get()
    body = {"lock_version": 2, "type": "cost", "category": "purchase", "name": "X",
            "likely": [1, 0]}  # fmt: skip

    responses = [
        client.get(f"/api/v1/projects/{case.project_id}/business-case/lines"),
        client.get(f"/api/v1/business-case-lines/{line.pk}"),
        client.put(f"/api/v1/business-case-lines/{line.pk}", body, content_type="application/json"),
        client.delete(f"/api/v1/business-case-lines/{line.pk}?lock_version=2"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    line.refresh_from_db()
    assert line.name == "Indkøb"


def test_laeser_reads_lines_but_may_not_add(client, make_user, case):
    client.force_login(make_user(Role.LAESER))

    listed = client.get(f"/api/v1/projects/{case.project_id}/business-case/lines")
    added = client.post(
        f"/api/v1/projects/{case.project_id}/business-case/lines",
        THREE_POINT | {"lock_version": 2},
        content_type="application/json",
    )

    assert listed.status_code == 200
    assert added.status_code == 403
