"""Anchoring of a project (stakeholder analysis and communication plan), moved here from the
competence app: its selectors with two municipalities, Helsingør (own) and Gribskov (other),
and its services. Projects are never shared, so a Helsingør user reads only Helsingør's."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from procesbank.organisations.models import AuditEntry, Role
from procesbank.projects import selectors, services
from procesbank.projects.models import CommunicationItem, Stakeholder


def _anchored(user, name):
    project = services.project_create(user=user, name=name)
    services.stakeholder_create(
        user=user, project=project, name=f"Leder af {name}", influence=5, attitude=1
    )
    services.communication_create(
        user=user,
        project=project,
        audience="Medarbejdere",
        message=f"Nyt om {name}",
        channel="Intranet",
        sender="Projektleder",
        planned_on=datetime.date(2026, 3, 1),
    )
    return project


@pytest.fixture
def world(konsulent, other_konsulent):
    return {
        "own": _anchored(konsulent, "Helsingør-projekt"),
        "other": _anchored(other_konsulent, "Gribskov-projekt"),
    }


def test_anchoring_project_list_shows_the_own_municipalitys_projects_with_counts(
    world, konsulent, other_konsulent
):
    own = [
        (p.name, p.stakeholder_count, p.communication_count)
        for p in selectors.anchoring_project_list(user=konsulent)
    ]
    other = [p.name for p in selectors.anchoring_project_list(user=other_konsulent)]

    assert own == [("Helsingør-projekt", 1, 1)]
    assert other == ["Gribskov-projekt"]


def test_stakeholder_list_is_reached_only_through_a_visible_project(world, konsulent):
    own = selectors.access_project(user=konsulent, project_id=world["own"].pk)

    assert [s.name for s in selectors.stakeholder_list(project=own)] == [
        "Leder af Helsingør-projekt"
    ]
    with pytest.raises(Http404):
        selectors.access_project(user=konsulent, project_id=world["other"].pk)


def test_communication_list_is_reached_only_through_a_visible_project(world, other_konsulent):
    other = selectors.access_project(user=other_konsulent, project_id=world["other"].pk)

    assert [c.message for c in selectors.communication_list(project=other)] == [
        "Nyt om Gribskov-projekt"
    ]
    with pytest.raises(Http404):
        selectors.access_project(user=other_konsulent, project_id=world["own"].pk)


def test_access_stakeholder_finds_the_own_and_refuses_another_municipalitys(world, konsulent):
    own = world["own"].stakeholders.get()
    other = world["other"].stakeholders.get()

    assert selectors.access_stakeholder(user=konsulent, stakeholder_id=own.pk) == own
    with pytest.raises(Http404):
        selectors.access_stakeholder(user=konsulent, stakeholder_id=other.pk)


def test_access_communication_finds_the_own_and_refuses_another_municipalitys(world, konsulent):
    own = world["own"].communication_items.get()
    other = world["other"].communication_items.get()

    assert selectors.access_communication(user=konsulent, item_id=own.pk) == own
    with pytest.raises(Http404):
        selectors.access_communication(user=konsulent, item_id=other.pk)


def test_a_reader_may_not_change_the_anchoring(world, make_user):
    reader = make_user(Role.LAESER)

    with pytest.raises(PermissionDenied):
        selectors.access_stakeholder(user=reader, stakeholder_id=world["own"].stakeholders.get().pk)
    with pytest.raises(PermissionDenied):
        services.stakeholder_create(
            user=reader, project=world["own"], name="Borgerne", influence=2, attitude=0
        )


def test_stakeholder_name_is_unique_per_project(world, konsulent):
    with pytest.raises(ValidationError) as error:
        services.stakeholder_create(
            user=konsulent,
            project=world["own"],
            name=" Leder af Helsingør-projekt ",
            influence=3,
            attitude=0,
        )

    assert error.value.message_dict == {
        "name": ["Projektet har allerede en interessent med det navn."]
    }
    assert Stakeholder.objects.filter(project=world["own"]).count() == 1


def test_communication_status_refuses_an_unknown_status(world, konsulent):
    item = world["own"].communication_items.get()

    with pytest.raises(ValidationError) as error:
        services.communication_status_set(user=konsulent, item=item, status="glemt")

    assert error.value.message_dict == {"status": ["Ukendt status."]}
    assert CommunicationItem.objects.get(pk=item.pk).status == "planlagt"


def test_communication_status_is_saved_and_audited(world, konsulent):
    item = world["own"].communication_items.get()

    services.communication_status_set(user=konsulent, item=item, status="gennemfoert")

    assert CommunicationItem.objects.get(pk=item.pk).status == "gennemfoert"
    entry = AuditEntry.objects.filter(object_id=str(item.pk)).latest("at")
    assert (entry.action, entry.before["status"], entry.after["status"]) == (
        AuditEntry.Action.UPDATE,
        "planlagt",
        "gennemfoert",
    )


def test_anchoring_page_shows_the_grid_and_the_plan(client, world, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("projects:anchoring_detail", args=[world["own"].pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Leder af Helsingør-projekt" in html
    assert "Nyt om Helsingør-projekt" in html
    assert 'data-stakeholder-grid="stakeholder-grid-data"' in html


def test_project_page_links_to_its_anchoring(client, world, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("projects:project_detail", args=[world["own"].pk]))

    assert reverse("projects:anchoring_detail", args=[world["own"].pk]) in page.content.decode()


def test_demo_anchoring_lays_a_communication_plan_that_meets_the_gate(konsulent):
    from procesbank.demo.projects import _anchoring

    project = services.project_create(user=konsulent, name="Demo", phase="anskaffelse")

    _anchoring(konsulent, project)

    assert [s.name for s in selectors.stakeholder_list(project=project)] == [
        "Direktionen",
        "Sagsbehandlerne",
    ]
    assert [c.status for c in selectors.communication_list(project=project)] == [
        "gennemfoert",
        "planlagt",
    ]
    gate = {item.criterion: item.met for item in selectors.gate_items(project=project)}
    assert gate["communication_plan"] is True


def test_communication_without_date_keeps_what_was_typed(client, konsulent):
    project = services.project_create(user=konsulent, name="Selvbetjening")
    client.force_login(konsulent)

    response = client.post(
        reverse("projects:communication_create", args=[project.pk]),
        {
            "audience": "Borgerne",
            "message": "Den nye selvbetjening åbner i marts.",
            "channel": "Hjemmesiden",
            "sender": "Borgerservice",
            "planned_on": "",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Den nye selvbetjening åbner i marts.</textarea>" in html
    assert 'value="Hjemmesiden"' in html
    assert '<p class="error" role="alert">Dette felt er påkrævet.</p>' in html
    assert not CommunicationItem.objects.filter(project=project).exists()


def test_stakeholder_form_shows_the_influence_scale_and_keeps_the_input(client, konsulent):
    project = services.project_create(user=konsulent, name="Selvbetjening")
    client.force_login(konsulent)

    response = client.post(
        reverse("projects:stakeholder_create", args=[project.pk]),
        {"name": "Borgerne", "interest": "Hurtigere svar", "influence": "9", "attitude": "0"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Hurtigere svar"' in html
    assert "1 = lille, 5 = afgørende." in html
    assert (
        '<p class="error" role="alert">Marker en gyldig valgmulighed. 9 er ikke en af de'
        " tilgængelige valgmuligheder.</p>" in html
    )
    assert not Stakeholder.objects.filter(project=project).exists()
