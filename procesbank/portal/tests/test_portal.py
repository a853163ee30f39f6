"""The staff portal: only the own municipality's published versions, everyday-word search,
nothing internal, and the medarbejder role kept to the portal."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from procesbank.governance import services as governance
from procesbank.governance.tests.conftest import fresh, publish
from procesbank.organisations.models import Role
from procesbank.portal import selectors
from procesbank.processes import services as process_services
from procesbank.processes.engine.bpmn import TaskMeasurements
from procesbank.processes.tests.conftest import two_task_bpmn

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee(make_user):
    return make_user(Role.MEDARBEJDER, username="medarbejder.helsingoer")


@pytest.fixture
def other_employee(make_user, other_municipality):
    return make_user(Role.MEDARBEJDER, other_municipality, username="medarbejder.gribskov")


@pytest.fixture
def published(version, konsulent, reviewer, owner):
    # A measured task with an internal automation note, before publishing.
    process_services.task_measurements_set(
        user=konsulent,
        version=version,
        task_id="T1",
        measurements=TaskMeasurements(
            minutes_min=5,
            minutes_likely=10,
            minutes_max=20,
            it_system="SBSYS",
            automation_note="Robot overvejes",
        ),
    )
    return publish(fresh(version), konsulent=konsulent, reviewer=reviewer, owner=owner)


def _names(processes):
    return [p.name for p in processes]


def test_portal_lists_only_published_processes(published, konsulent, employee):
    process_services.process_create(user=konsulent, name="Kladde-proces", bpmn_xml=two_task_bpmn())

    assert _names(selectors.portal_processes(user=employee)) == [
        "Behandling af ansøgning om enkeltydelse"
    ]


@pytest.mark.parametrize(
    "words",
    ["ansøgninger", "enkeltudgifter", "kontanthjælp", "afgørelser", "Enkeltydelse behandling"],
)
def test_everyday_words_find_it_in_name_description_tags_and_tasks(published, employee, words):
    # "ansøgninger" (name, stemmed), "enkeltudgifter" (description), "kontanthjælp" (a tag),
    # "afgørelser" (the task "Træf afgørelse").
    assert _names(selectors.portal_processes(user=employee, q=words)) == [
        "Behandling af ansøgning om enkeltydelse"
    ]


def test_a_draft_tasks_name_does_not_find_the_process(published, konsulent, employee):
    process_services.version_save_bpmn(
        user=konsulent,
        version=published,
        data=two_task_bpmn(second="Udbetal hemmelighed"),
        base_revision=published.revision,
    )

    assert selectors.portal_processes(user=employee, q="hemmelighed") == []


def test_another_municipalitys_employee_sees_nothing_even_when_public(
    published, process, konsulent, other_employee
):
    process_services.process_update(
        user=konsulent,
        process=process,
        lock_version=fresh(published).process.lock_version,
        visibility="public",
    )

    assert selectors.portal_processes(user=other_employee) == []
    assert selectors.portal_processes(user=other_employee, q="enkeltydelse") == []
    with pytest.raises(Http404):
        selectors.portal_process(
            user=other_employee, municipality_slug="helsingoer", process_id=process.pk
        )
    with pytest.raises(Http404):
        selectors.access_portal_version(
            user=other_employee, municipality_slug="gribskov", process_id=process.pk
        )
    with pytest.raises(Http404):
        selectors.portal_bpmn(
            user=other_employee, municipality_slug="helsingoer", process_id=process.pk
        )


def test_portal_process_has_the_steps_and_the_bpmn_has_no_internal_notes(
    published, process, employee
):
    found = selectors.portal_process(
        user=employee, municipality_slug="helsingoer", process_id=process.pk
    )
    xml = selectors.portal_bpmn(
        user=employee, municipality_slug="helsingoer", process_id=process.pk
    )

    assert [(s.name, s.role, s.it_system) for s in found.steps] == [
        ("Registrér ansøgning", "Sagsbehandler", "SBSYS"),
        ("Træf afgørelse", "Økonomi", ""),
    ]
    assert "Robot overvejes" in published.bpmn_xml
    assert b"Robot overvejes" not in xml
    assert b"minutesLikely" not in xml


def test_pages_show_no_comments_or_costs(client, published, process, employee, reviewer):
    client.force_login(employee)

    page = client.get(reverse("portal:process", args=["helsingoer", process.pk]))
    printed = client.get(reverse("portal:print", args=["helsingoer", process.pk]))
    listing = client.get(reverse("portal:index"), {"q": "afgørelser"})

    assert page.status_code == printed.status_code == listing.status_code == 200
    body = page.content.decode()
    assert "Registrér ansøgning" in body
    assert "SBSYS" in body
    assert "kr." not in body
    assert "Robot overvejes" not in body
    assert "Behandling af ansøgning om enkeltydelse" in listing.content.decode()
    assert "data-print" in printed.content.decode()


def test_a_wrong_slug_is_404(client, published, process, employee):
    client.force_login(employee)

    response = client.get(reverse("portal:process", args=["gribskov", process.pk]))

    assert response.status_code == 404


def test_an_employee_is_sent_to_the_portal_from_other_pages(client, published, process, employee):
    client.force_login(employee)

    library = client.get(reverse("processes:process_list"))
    detail = client.get(reverse("processes:process_detail", args=[process.pk]))
    post = client.post(reverse("processes:process_create"), {"name": "x"})
    api = client.get("/api/v1/processes")

    assert (library.status_code, library["Location"]) == (302, "/portal/")
    assert (detail.status_code, detail["Location"]) == (302, "/portal/")
    assert post.status_code == 403
    assert api.status_code == 403


def test_other_roles_may_use_the_portal_too(client, published, process, konsulent):
    client.force_login(konsulent)

    response = client.get(reverse("portal:process", args=["helsingoer", process.pk]))

    assert response.status_code == 200


def test_an_employee_may_not_own_or_review(konsulent, employee, version):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        governance.review_submit(user=konsulent, version=version, reviewers=[employee])
    with pytest.raises(ValidationError):
        process_services.process_update(
            user=konsulent,
            process=version.process,
            lock_version=version.process.lock_version,
            owner_user=employee,
        )
