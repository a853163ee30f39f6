"""People (names, titles, language, unit) and the organisational unit tree: selectors with two
municipalities, services, the import and the pages."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from openpyxl import Workbook

from procesbank.core.errors import UserError
from procesbank.organisations import selectors, services
from procesbank.organisations.models import AuditEntry, OrganisationalUnit, Role, User
from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def _unit(municipality, name, parent=None, kind="afdeling", external_id=""):
    return OrganisationalUnit.objects.create(
        municipality=municipality, name=name, parent=parent, kind=kind, external_id=external_id
    )


# --- people: selectors ---------------------------------------------------------------------------
def test_person_list_of_municipal_admin_is_own_municipality(make_user, other_municipality):
    admin = make_user(Role.KOMMUNEADMIN, first_name="Jesper", last_name="Dahl")
    make_user(Role.LAESER, first_name="Maria", last_name="Østergaard")
    make_user(Role.LAESER, other_municipality, first_name="Pia", last_name="Nørgaard")

    names = [str(p) for p in selectors.person_list(user=admin)]

    assert names == ["Jesper Dahl", "Maria Østergaard"]


def test_person_list_of_collaboration_admin_spans_the_collaboration(make_user, other_municipality):
    admin = make_user(Role.SAMARBEJDSADMIN, first_name="Charlotte", last_name="Aagaard")
    make_user(Role.LAESER, other_municipality, first_name="Pia", last_name="Nørgaard")
    outside = MunicipalityFactory(collaboration=CollaborationFactory(name="Andet samarbejde"))
    make_user(Role.LAESER, outside, first_name="Ukendt", last_name="Person")

    names = {str(p) for p in selectors.person_list(user=admin)}

    assert names == {"Charlotte Aagaard", "Pia Nørgaard"}


def test_person_list_refuses_consultants(konsulent):
    with pytest.raises(PermissionDenied):
        selectors.person_list(user=konsulent)


def test_access_person_of_other_municipality_is_not_found(make_user, other_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    stranger = make_user(Role.LAESER, other_municipality)

    with pytest.raises(Http404):
        selectors.access_person(user=admin, person_id=stranger.pk)


def test_collaboration_admin_sees_but_does_not_edit_other_municipalities_people(
    make_user, other_municipality
):
    admin = make_user(Role.SAMARBEJDSADMIN)
    stranger = make_user(Role.LAESER, other_municipality)
    colleague = make_user(Role.LAESER)

    person = selectors.access_person(user=admin, person_id=stranger.pk)

    assert selectors.can_edit_person(user=admin, person=person) is False
    assert selectors.can_edit_person(user=admin, person=colleague) is True


# --- people: services ----------------------------------------------------------------------------
def test_a_user_is_shown_by_full_name_falling_back_to_user_name(make_user):
    named = make_user(first_name="Camilla", last_name="Friis", username="konsulent.x")
    unnamed = make_user(username="konsulent.y")

    assert (str(named), str(unnamed)) == ("Camilla Friis", "konsulent.y")


def test_profile_update_saves_own_details_with_an_audit_row(konsulent):
    services.user_profile_update(
        user=konsulent,
        first_name="  Camilla ",
        last_name="Friis",
        job_title="Proceskonsulent",
        email="cfr@helsingor.dk",
        language="en",
    )

    stored = User.objects.get(pk=konsulent.pk)
    assert (str(stored), stored.job_title, stored.email, stored.language) == (
        "Camilla Friis",
        "Proceskonsulent",
        "cfr@helsingor.dk",
        "en",
    )
    entry = AuditEntry.objects.get(object_type="organisations.User", action="update")
    assert entry.username == "konsulent.helsingoer"  # the log keeps the stored user name
    assert entry.after["last_name"] == "Friis"


def test_profile_update_refuses_an_e_mail_another_user_has(make_user, konsulent):
    make_user(email="cfr@helsingor.dk")

    with pytest.raises(ValidationError) as raised:
        services.user_profile_update(user=konsulent, email="CFR@helsingor.dk")

    assert raised.value.message_dict == {
        "email": ["En anden bruger har allerede den e-mailadresse."]
    }
    assert User.objects.get(pk=konsulent.pk).email == ""


def test_person_update_sets_unit_and_title(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    person = make_user(Role.LAESER)
    team = _unit(own_municipality, "Team Ydelse", kind="team")

    services.person_update(
        user=admin, target=person, unit=team, job_title="Sagsbehandler", language="da"
    )

    person.refresh_from_db()
    assert (person.unit, person.job_title) == (team, "Sagsbehandler")


def test_person_update_refuses_another_municipalitys_unit(make_user, other_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    person = make_user(Role.LAESER)
    foreign = _unit(other_municipality, "Team Ydelse")

    with pytest.raises(ValidationError) as raised:
        services.person_update(user=admin, target=person, unit=foreign)

    assert raised.value.message_dict == {"unit": ["Vælg en af kommunens egne enheder."]}


def test_person_update_of_another_municipalitys_person_is_refused(make_user, other_municipality):
    admin = make_user(Role.SAMARBEJDSADMIN)
    stranger = make_user(Role.LAESER, other_municipality)

    with pytest.raises(PermissionDenied):
        services.person_update(user=admin, target=stranger, unit=None, first_name="X")


# --- units: selectors ----------------------------------------------------------------------------
def test_unit_list_and_tree_show_only_own_municipality(
    make_user, own_municipality, other_municipality
):
    reader = make_user(Role.LAESER)
    forvaltning = _unit(own_municipality, "Teknik og Miljø", kind="forvaltning")
    byggeri = _unit(own_municipality, "Byggeri", forvaltning)
    _unit(own_municipality, "Team Byggesag", byggeri, kind="team")
    _unit(other_municipality, "Hemmelig enhed")

    tree = selectors.unit_tree(user=reader)

    assert [(n.unit.name, n.depth) for n in tree] == [
        ("Teknik og Miljø", 0),
        ("Byggeri", 1),
        ("Team Byggesag", 2),
    ]
    assert set(selectors.unit_list(user=reader)) == {n.unit for n in tree}
    assert selectors.unit_choices(user=reader)[2] == (tree[2].unit.pk, "\u2003\u2003Team Byggesag")


def test_access_unit_of_other_municipality_is_not_found(make_user, other_municipality):
    foreign = _unit(other_municipality, "Jobcenter")

    with pytest.raises(Http404):
        selectors.access_unit(user=make_user(Role.KOMMUNEADMIN), unit_id=foreign.pk)


def test_unit_with_descendants(make_user, own_municipality, other_municipality):
    reader = make_user(Role.LAESER)
    top = _unit(own_municipality, "Borger og Arbejdsmarked")
    jobcenter = _unit(own_municipality, "Jobcenter", top)
    team = _unit(own_municipality, "Team Ydelse", jobcenter)
    _unit(own_municipality, "Borgerservice")
    foreign = _unit(other_municipality, "Jobcenter")

    assert selectors.unit_with_descendants(user=reader, unit_id=top.pk) == {
        top.pk,
        jobcenter.pk,
        team.pk,
    }
    assert selectors.unit_with_descendants(user=reader, unit_id=foreign.pk) == set()


# --- units: services -----------------------------------------------------------------------------
def test_unit_create_under_another_municipalitys_unit_is_refused(make_user, other_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    foreign = _unit(other_municipality, "Jobcenter")

    with pytest.raises(ValidationError) as raised:
        services.unit_create(user=admin, name="Team Ydelse", parent=foreign)

    assert raised.value.message_dict == {"parent": ["Vælg en af kommunens egne enheder."]}
    assert not OrganisationalUnit.objects.filter(name="Team Ydelse").exists()


def test_unit_create_is_for_administrators_only(konsulent):
    with pytest.raises(PermissionDenied):
        services.unit_create(user=konsulent, name="Team Ydelse")


def test_two_units_of_one_name_under_the_same_parent_are_refused(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    jobcenter = _unit(own_municipality, "Jobcenter")
    services.unit_create(user=admin, name="Team Ydelse", parent=jobcenter)

    with pytest.raises(ValidationError) as raised:
        services.unit_create(user=admin, name="team ydelse", parent=jobcenter)

    assert raised.value.message_dict == {
        "name": ["Der er allerede en enhed med det navn samme sted."]
    }


def test_a_unit_moves_but_never_under_itself(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    top = _unit(own_municipality, "Teknik og Miljø")
    byggeri = _unit(own_municipality, "Byggeri", top)
    other_top = _unit(own_municipality, "Borger og Arbejdsmarked")

    with pytest.raises(ValidationError) as raised:
        services.unit_update(
            user=admin, unit=top, lock_version=1, name=top.name, kind="forvaltning", parent=byggeri
        )
    moved = services.unit_update(
        user=admin, unit=byggeri, lock_version=1, name="Byggeri", kind="afdeling", parent=other_top
    )

    assert raised.value.message_dict == {
        "parent": ["En enhed kan ikke flyttes ind under sig selv eller sine underenheder."]
    }
    assert (moved.parent, moved.lock_version) == (other_top, 2)


def test_a_unit_with_units_below_is_not_deleted(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    jobcenter = _unit(own_municipality, "Jobcenter")
    team = _unit(own_municipality, "Team Ydelse", jobcenter)
    person = make_user(Role.LAESER, unit=team)

    with pytest.raises(ValidationError) as raised:
        services.unit_delete(user=admin, unit=jobcenter)
    services.unit_delete(user=admin, unit=team)

    assert raised.value.messages == [
        "Jobcenter har underenheder. Flyt eller slet dem først, så ingen enhed mister sin "
        "plads i træet."
    ]
    person.refresh_from_db()
    assert person.unit is None
    assert list(OrganisationalUnit.objects.all()) == [jobcenter]


# --- units: import -------------------------------------------------------------------------------
CSV = (
    b"Navn;Overordnet enheds-id;Enheds-id\n"
    b"Borger og Arbejdsmarked;;100\n"
    b"Team Ydelse;110;111\n"
    b"Jobcenter;100;110\n"
)


def test_import_preview_then_save_builds_the_tree(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)

    preview = services.unit_import_preview(user=admin, data=CSV, filename="enheder.csv")
    result = services.unit_import(user=admin, rows=services.preview_as_session(preview))

    assert [(r.name, r.action, r.kind) for r in preview] == [
        ("Borger og Arbejdsmarked", "new", "forvaltning"),
        ("Team Ydelse", "new", "team"),
        ("Jobcenter", "new", "afdeling"),
    ]
    assert (result.created, result.updated) == (3, 0)
    team = OrganisationalUnit.objects.get(external_id="111")
    assert (team.parent.name, team.parent.parent.name) == ("Jobcenter", "Borger og Arbejdsmarked")


def test_a_second_import_updates_by_unit_id(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    services.unit_import(
        user=admin,
        rows=services.preview_as_session(
            services.unit_import_preview(user=admin, data=CSV, filename="enheder.csv")
        ),
    )
    renamed = CSV.replace(b"Team Ydelse;", b"Team Kontanthj\xc3\xa6lp;")

    preview = services.unit_import_preview(user=admin, data=renamed, filename="enheder.csv")
    result = services.unit_import(user=admin, rows=services.preview_as_session(preview))

    assert (result.created, result.updated) == (0, 3)
    assert OrganisationalUnit.objects.get(external_id="111").name == "Team Kontanthjælp"
    assert OrganisationalUnit.objects.count() == 3


def test_the_import_saves_nothing_when_a_row_is_bad(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    rows = [
        {"number": 2, "name": "Jobcenter", "unit_id": "110", "parent_id": "", "kind": ""},
        {"number": 3, "name": "Team Ydelse", "unit_id": "111", "parent_id": "999", "kind": ""},
    ]

    with pytest.raises(UserError) as raised:
        services.unit_import(user=admin, rows=rows)

    assert raised.value.render() == (
        "Række 3 (Team Ydelse): Den overordnede enhed 999 findes hverken i filen eller i kommunen."
    )
    assert OrganisationalUnit.objects.count() == 0


def test_an_excel_export_imports(make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    book = Workbook()
    sheet = book.active
    sheet.append(["Enhedsnavn", "Enheds-id", "Overordnet enheds-id", "Type"])
    sheet.append(["Teknik og Miljø", 2000, None, "Forvaltning"])
    sheet.append(["Team Byggesag", 2110, 2000, "Team"])
    buffer = io.BytesIO()
    book.save(buffer)

    preview = services.unit_import_preview(
        user=admin, data=buffer.getvalue(), filename="enheder.xlsx"
    )

    assert [(r.name, r.unit_id, r.parent_id, r.kind) for r in preview] == [
        ("Teknik og Miljø", "2000", "", "forvaltning"),
        ("Team Byggesag", "2110", "2000", "team"),
    ]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"PK\x03\x04 ikke en rigtig zip", "enheder.xlsx", "Filen kunne ikke læses."),
        (b"Navn;Enheds-id\x00\n", "enheder.csv", "Filen kunne ikke læses."),
        (b"   ", "enheder.csv", "Filen er tom."),
        (b"x" * (5 * 1024 * 1024 + 1), "enheder.csv", "Filen er for stor: højst 5 MB."),
    ],
)
def test_hostile_files_are_refused_in_danish(make_user, data, filename, message):
    admin = make_user(Role.KOMMUNEADMIN)

    with pytest.raises(UserError) as raised:
        services.unit_import_preview(user=admin, data=data, filename=filename)

    assert raised.value.render().startswith(message)


# --- pages ---------------------------------------------------------------------------------------
def test_unit_import_page_previews_and_saves(client, make_user, own_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    client.force_login(admin)
    upload = io.BytesIO(CSV)
    upload.name = "enheder.csv"

    preview = client.post(reverse("organisations:unit_import"), {"file": upload})
    saved = client.post(reverse("organisations:unit_import_save"))

    assert preview.status_code == 200
    assert "3 nye, 0 opdateringer og 0 med fejl." in preview.content.decode()
    assert saved.status_code == 302
    assert OrganisationalUnit.objects.filter(municipality=own_municipality).count() == 3


def test_unit_import_page_shows_a_broken_file_as_a_form_error(client, make_user):
    client.force_login(make_user(Role.KOMMUNEADMIN))
    upload = io.BytesIO(b"PK\x03\x04 ikke en rigtig zip")
    upload.name = "enheder.xlsx"

    response = client.post(reverse("organisations:unit_import"), {"file": upload})

    assert response.status_code == 200
    assert "Filen kunne ikke læses." in response.content.decode()
    assert OrganisationalUnit.objects.count() == 0


def test_the_language_on_the_user_wins_over_the_cookie(client, konsulent, settings):
    User.objects.filter(pk=konsulent.pk).update(language="en")
    client.force_login(konsulent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"

    response = client.get(reverse("organisations:profile"))

    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_the_language_switch_stores_the_choice_on_the_user(client, konsulent):
    client.force_login(konsulent)

    response = client.post(reverse("organisations:language_set"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert User.objects.get(pk=konsulent.pk).language == "en"


def test_the_header_shows_the_name_not_the_user_name(client, make_user):
    user = make_user(first_name="Camilla", last_name="Friis", username="konsulent.helsingoer")
    client.force_login(user)

    page = client.get(reverse("organisations:profile")).content.decode()

    assert '<span class="user-menu__name">Camilla Friis</span>' in page
