import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procesbank.kit.locking import StaleEditError
from procesbank.kit.templatetags.procesbank import day_time
from procesbank.organisations.models import AuditEntry, Role
from procesbank.projects import services
from procesbank.projects.models import Project, ProjectPhase
from procesbank.projects.tests.factories import process_pair


def test_project_create_writes_project_and_audit(konsulent):
    project = services.project_create(user=konsulent, name="  Digital post  ")

    assert project.name == "Digital post"
    assert project.municipality == konsulent.municipality
    assert project.phase == ProjectPhase.IDEA
    assert AuditEntry.objects.filter(object_type="projects.Project", action="create").count() == 1


def test_laeser_may_not_create_project(make_user):
    with pytest.raises(PermissionDenied):
        services.project_create(user=make_user(Role.LAESER), name="X")


def test_project_links_versions_of_one_process(konsulent):
    _process, as_is, to_be = process_pair(konsulent)

    project = services.project_create(
        user=konsulent, name="P", as_is_version=as_is, to_be_version=to_be
    )

    assert (project.as_is_version, project.to_be_version) == (as_is, to_be)


def test_project_refuses_swapped_versions(konsulent):
    _process, _as_is, to_be = process_pair(konsulent)

    with pytest.raises(ValidationError) as error:
        services.project_create(user=konsulent, name="P", as_is_version=to_be)

    assert error.value.message_dict == {"as_is_version": ["Vælg en som-er-version."]}


def test_project_refuses_another_municipalitys_private_version(konsulent, other_konsulent):
    _process, as_is, _to_be = process_pair(other_konsulent)

    with pytest.raises(ValidationError) as error:
        services.project_create(user=konsulent, name="P", as_is_version=as_is)

    assert error.value.message_dict == {
        "as_is_version": ["Du kan ikke se den valgte procesversion."]
    }


def test_project_may_link_a_shared_version(konsulent, other_konsulent):
    _process, as_is, _to_be = process_pair(other_konsulent, visibility="collaboration")

    project = services.project_create(user=konsulent, name="P", as_is_version=as_is)

    assert project.as_is_version == as_is


def test_stale_project_update_is_refused(konsulent):
    project = services.project_create(user=konsulent, name="P")
    services.project_update(user=konsulent, project=project, lock_version=1, name="Q")

    with pytest.raises(StaleEditError) as error:
        services.project_update(user=konsulent, project=project, lock_version=1, name="R")

    assert str(error.value) == (
        "Mens du redigerede, har en anden bruger gemt en nyere udgave "
        f"({day_time(Project.objects.get().updated_at)}). Dine ændringer er ikke gemt: "
        "genindlæs siden, og indtast dem igen."
    )
    assert Project.objects.get().name == "Q"
