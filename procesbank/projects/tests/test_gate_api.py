"""The API of a project's gate: list the criteria, confirm the manual ones, waive with a reason
and advance; the lock, the 422s and tenant isolation."""

import pytest

from procesbank.organisations.models import Role
from procesbank.projects import services
from procesbank.projects.models import PhaseTransition, Project


@pytest.fixture
def procurement(konsulent):
    """A project in the procurement phase: supplier chosen (manual) and communication plan
    (automatic, not met: the plan has no lines) stand at its gate."""
    project = services.project_create(user=konsulent, name="Ny ydelsesplatform")
    Project.objects.filter(pk=project.pk).update(phase="anskaffelse")
    return project


def post(client, project, body):
    return client.post(
        f"/api/v1/projects/{project.pk}/advance", body, content_type="application/json"
    )


def test_gate_lists_the_criteria_of_the_phase(client, konsulent, procurement):
    client.force_login(konsulent)

    body = client.get(f"/api/v1/projects/{procurement.pk}/gate").json()

    assert body == {
        "phase": "anskaffelse",
        "next_phase": "gennemfoerelse",
        "lock_version": 1,
        "items": [
            {"criterion": "supplier_chosen", "label": "Leverandør eller løsning er valgt",
             "automatic": False, "met": False},
            {"criterion": "communication_plan", "label": "Kommunikationsplanen er lagt",
             "automatic": True, "met": False},
        ],
    }  # fmt: skip


def test_confirm_and_waive_advance_the_project(client, konsulent, procurement):
    client.force_login(konsulent)

    response = post(client, procurement, {
        "lock_version": 1,
        "confirmed": ["supplier_chosen"],
        "waived": {"communication_plan": "Kun interne brugere; orienteres på personalemøde"},
    })  # fmt: skip

    assert response.status_code == 200
    body = response.json()
    assert (body["from_phase"], body["to_phase"], body["by"], body["lock_version"]) == (
        "anskaffelse", "gennemfoerelse", "konsulent.helsingoer", 2,
    )  # fmt: skip
    assert body["checklist"] == {
        "supplier_chosen": {"met": True, "reason": ""},
        "communication_plan": {
            "met": False, "reason": "Kun interne brugere; orienteres på personalemøde",
        },
    }  # fmt: skip
    assert Project.objects.get(pk=procurement.pk).phase == "gennemfoerelse"


def test_unconfirmed_manual_criterion_is_a_danish_422_naming_it(client, konsulent, procurement):
    client.force_login(konsulent)

    response = post(client, procurement, {
        "lock_version": 1, "waived": {"communication_plan": "Intern løsning"},
    })  # fmt: skip

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Kriteriet “Leverandør eller løsning er valgt” er ikke opfyldt. Opfyld det, "
        "eller skriv hvorfor det fraviges."
    }
    assert not PhaseTransition.objects.exists()


def test_stale_advance_is_refused(client, konsulent, procurement):
    client.force_login(konsulent)

    response = post(client, procurement, {
        "lock_version": 7, "confirmed": ["supplier_chosen"],
        "waived": {"communication_plan": "Intern løsning"},
    })  # fmt: skip

    assert response.status_code == 409
    assert response.json()["detail"].startswith(
        "Mens du redigerede, har en anden bruger gemt en nyere udgave ("
    )
    assert Project.objects.get(pk=procurement.pk).phase == "anskaffelse"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"lock_version": 1, "confirmed": ["leverandoer"]}, 0),
        ({"lock_version": "en"}, "lock_version"),
        ({"lock_version": 1, "waived": {"ukendt": "x"}}, "waived"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, konsulent, procurement, body, field):
    client.force_login(konsulent)

    response = post(client, procurement, body)

    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert len(locations) == 1
    assert field in locations[0]


def test_other_municipality_neither_sees_nor_advances_the_gate(
    client, other_konsulent, procurement
):
    client.force_login(other_konsulent)

    seen = client.get(f"/api/v1/projects/{procurement.pk}/gate")
    advanced = post(client, procurement, {
        "lock_version": 1, "confirmed": ["supplier_chosen"],
        "waived": {"communication_plan": "x"},
    })  # fmt: skip

    assert (seen.status_code, advanced.status_code) == (404, 404)
    assert Project.objects.get(pk=procurement.pk).phase == "anskaffelse"


def test_laeser_sees_the_gate_but_may_not_advance(client, make_user, procurement):
    client.force_login(make_user(Role.LAESER))

    seen = client.get(f"/api/v1/projects/{procurement.pk}/gate")
    advanced = post(client, procurement, {"lock_version": 1, "confirmed": ["supplier_chosen"]})

    assert (seen.status_code, advanced.status_code) == (200, 403)
