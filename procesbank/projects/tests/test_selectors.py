import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from procesbank.organisations.models import Role
from procesbank.processes.models import VersionKind
from procesbank.projects import selectors, services
from procesbank.projects.tests.factories import process_pair


def test_project_list_hides_other_municipalitys_projects(konsulent, other_konsulent):
    services.project_create(user=konsulent, name="Egen")
    services.project_create(user=other_konsulent, name="Fremmed")

    assert [p.name for p in selectors.project_list(user=konsulent)] == ["Egen"]
    assert [p.name for p in selectors.project_list(user=other_konsulent)] == ["Fremmed"]


def test_project_rows_hide_other_municipalitys_projects_and_carry_their_versions(
    konsulent, other_konsulent
):
    _p, as_is, to_be = process_pair(konsulent, name="Egen proces")
    services.project_create(user=konsulent, name="Egen", as_is_version=as_is, to_be_version=to_be)
    services.project_create(user=other_konsulent, name="Fremmed")

    rows = list(selectors.project_rows(user=konsulent))

    assert [p.name for p in rows] == ["Egen"]
    assert [p.name for p in selectors.project_rows(user=other_konsulent)] == ["Fremmed"]
    assert rows[0].as_is_version == as_is
    assert rows[0].as_is_version.process.name == "Egen proces"
    # The list shows no BPMN and no search text: they stay in the database.
    assert "bpmn_xml" in rows[0].as_is_version.get_deferred_fields()
    assert "search_text" in rows[0].as_is_version.process.get_deferred_fields()


def test_project_values_hide_other_municipalitys_projects(konsulent, other_konsulent):
    _p, as_is, to_be = process_pair(konsulent, name="Egen proces")
    own = services.project_create(
        user=konsulent, name="Egen", owner=konsulent, as_is_version=as_is, to_be_version=to_be
    )
    services.project_create(user=other_konsulent, name="Fremmed")

    rows = list(selectors.project_values(user=konsulent))

    assert rows == [
        {
            "id": own.pk,
            "name": "Egen",
            "description": "",
            "phase": "ide",
            "as_is_version_id": as_is.pk,
            "to_be_version_id": to_be.pk,
            "lock_version": own.lock_version,
            "municipality_name": "Helsingør",
            "owner_username": "konsulent.helsingoer",
        }
    ]
    assert [r["name"] for r in selectors.project_values(user=other_konsulent)] == ["Fremmed"]


def test_project_lists_order_equal_names_by_id(konsulent, other_konsulent, other_municipality):
    # Gribskov leads a joint project named like Helsingør's own one, created before it.
    joint = services.project_create(user=other_konsulent, name="Fælles")
    services.participant_save(
        user=other_konsulent, project=joint, municipality=konsulent.municipality, cases=1
    )
    own = services.project_create(user=konsulent, name="Fælles")
    by_id = [joint.pk, own.pk]

    assert [p.pk for p in selectors.project_rows(user=konsulent)] == by_id
    assert [r["id"] for r in selectors.project_values(user=konsulent)] == by_id
    assert [p.pk for p in selectors.project_list(user=konsulent)] == by_id


def test_access_project_of_other_municipality_is_not_found(konsulent, other_konsulent):
    project = services.project_create(user=other_konsulent, name="Fremmed")

    with pytest.raises(Http404):
        selectors.access_project(user=konsulent, project_id=project.pk)


def test_laeser_may_read_but_not_edit(konsulent, make_user):
    project = services.project_create(user=konsulent, name="Egen")
    laeser = make_user(Role.LAESER)

    assert selectors.access_project(user=laeser, project_id=project.pk) == project
    with pytest.raises(PermissionDenied):
        selectors.access_project_for_edit(user=laeser, project_id=project.pk)


def test_version_choices_offer_own_and_shared_but_not_private(konsulent, other_konsulent):
    _p, own_as_is, _t = process_pair(konsulent, name="Egen proces")
    _p, shared_as_is, _t = process_pair(other_konsulent, name="Delt", visibility="collaboration")
    process_pair(other_konsulent, name="Privat")

    choices = selectors.version_choices(user=konsulent, kind=VersionKind.AS_IS)

    assert list(choices) == [own_as_is, shared_as_is]


def test_project_form_version_picker_names_the_owner_own_municipality_first(
    konsulent, other_konsulent
):
    from procesbank.projects.forms import ProjectForm

    process_pair(other_konsulent, name="Byggetilladelse", visibility="collaboration")
    process_pair(konsulent, name="Byggetilladelse")

    field = ProjectForm(user=konsulent).fields["as_is_version"]

    assert [label for _, label in field.choices][1:] == [
        "Byggetilladelse · Som-er (Helsingør)",
        "Byggetilladelse · Som-er (Gribskov)",
    ]


def test_portfolio_of_samarbejdsadmin_spans_the_collaboration(
    konsulent, other_konsulent, make_user
):
    services.project_create(user=konsulent, name="Egen")
    services.project_create(user=other_konsulent, name="Fremmed")

    admin = make_user(Role.SAMARBEJDSADMIN)

    assert [p.name for p in selectors.portfolio_projects(user=konsulent)] == ["Egen"]
    assert [p.name for p in selectors.portfolio_projects(user=admin)] == ["Egen", "Fremmed"]


def test_project_list_query_count_is_flat(client, konsulent, django_assert_max_num_queries):
    client.force_login(konsulent)
    for number in range(3):
        services.project_create(user=konsulent, name=f"Projekt {number}", owner=konsulent)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("projects:project_list"))
    for number in range(3, 15):
        services.project_create(user=konsulent, name=f"Projekt {number}", owner=konsulent)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("projects:project_list"))

    assert response.status_code == 200
    assert response.content.decode().count("Projekt ") >= 15


def test_project_api_list_answers_the_own_projects_with_owner_and_versions(
    client, konsulent, other_konsulent
):
    _p, as_is, _to_be = process_pair(konsulent, name="Egen proces")
    own = services.project_create(user=konsulent, name="Egen", owner=konsulent, as_is_version=as_is)
    services.project_create(user=other_konsulent, name="Fremmed")
    client.force_login(konsulent)

    body = client.get("/api/v1/projects").json()

    assert body == [
        {
            "id": own.pk,
            "name": "Egen",
            "municipality": "Helsingør",
            "description": "",
            "phase": "ide",
            "owner": "konsulent.helsingoer",
            "as_is_version_id": as_is.pk,
            "to_be_version_id": None,
            "lock_version": own.lock_version,
        }
    ]
