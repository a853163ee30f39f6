"""The municipality profile ("Kommuneprofil"): selectors (two municipalities and a
municipality of another collaboration), the service, recommendations built on it, pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from procesbank.catalogue import services as catalogue_services
from procesbank.core.errors import UserError
from procesbank.demo.organisations import load_organisations
from procesbank.demo.profiles import PROFILES, load_profiles
from procesbank.organisations.models import AuditEntry, Role
from procesbank.organisations.tests.factories import (
    CollaborationFactory,
    MunicipalityFactory,
    UserFactory,
)
from procesbank.profiles import selectors as profile_selectors
from procesbank.profiles import services
from procesbank.profiles.models import MunicipalityProfile


@pytest.fixture
def admin(make_user):
    return make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")


@pytest.fixture
def other_admin(make_user, other_municipality):
    return make_user(Role.KOMMUNEADMIN, other_municipality, username="admin.gribskov")


@pytest.fixture
def foreign_user(db):
    municipality = MunicipalityFactory(
        collaboration=CollaborationFactory(name="Et andet samarbejde"), code="101", name="Fjern"
    )
    return UserFactory(role=Role.SAMARBEJDSADMIN, municipality=municipality)


def save_profile(user, **fields):
    fields.setdefault("lock_version", 1)
    return services.municipality_profile_update(user=user, municipality=user.municipality, **fields)


# --- Selectors ---------------------------------------------------------------------------


def test_every_member_of_the_collaboration_reads_another_municipalitys_profile(
    admin, other_konsulent
):
    save_profile(admin, contact_person="Digitaliseringsenheden", it_systems=["Acadre"])

    profile = profile_selectors.access_municipality_profile(user=other_konsulent, code="217")

    assert (profile.contact_person, profile.it_systems) == ("Digitaliseringsenheden", ["Acadre"])


def test_a_profile_never_saved_reads_as_empty_without_writing(konsulent, other_municipality):
    profile = profile_selectors.access_municipality_profile(user=konsulent, code="270")

    assert (profile._state.adding, profile.it_systems, profile.lock_version) == (True, [], 1)
    assert MunicipalityProfile.objects.count() == 0


def test_a_municipality_of_another_collaboration_is_not_found(admin, foreign_user):
    save_profile(admin, contact_person="Digitaliseringsenheden")

    with pytest.raises(Http404):
        profile_selectors.access_municipality_profile(user=foreign_user, code="217")


def test_only_the_own_administrators_may_edit_the_profile(
    admin, other_admin, konsulent, make_user, own_municipality, other_municipality
):
    collaboration_admin = make_user(Role.SAMARBEJDSADMIN, other_municipality)

    assert profile_selectors.can_edit_profile(user=admin, municipality=own_municipality)
    assert not profile_selectors.can_edit_profile(user=konsulent, municipality=own_municipality)
    assert not profile_selectors.can_edit_profile(user=other_admin, municipality=own_municipality)
    assert not profile_selectors.can_edit_profile(
        user=collaboration_admin, municipality=own_municipality
    )


def test_shared_counts_show_only_what_the_municipality_shared(
    konsulent, other_konsulent, make_process, make_candidate, own_municipality
):
    make_process(name="Delt proces")
    make_process(name="Privat proces", visibility="own")
    make_candidate(title="Delt", phase="operation")
    make_candidate(title="Privat", visibility="own")
    catalogue_services.candidate_quick_share(user=konsulent, title="Hurtig", technology="rpa")

    counts = profile_selectors.profile_shared_counts(
        user=other_konsulent, municipality=own_municipality
    )

    # Shared: 1 process; candidates "Delt" and "Hurtig"; 1 in operation; 1 quick share.
    assert (counts.processes, counts.candidates, counts.in_operation, counts.quick_shares) == (
        1,
        2,
        1,
        1,
    )


def test_it_systems_combine_the_profile_and_the_processes(admin, konsulent, make_process):
    save_profile(admin, it_systems=["Acadre"])
    make_process(name="Egen", it_systems=["SBSYS"])

    assert profile_selectors.municipality_it_systems(user=konsulent) == {"acadre", "sbsys"}


# --- Service -----------------------------------------------------------------------------


def test_administrator_saves_the_profile_cleaned_and_audited(admin):
    profile = save_profile(
        admin,
        contact_person=" Digitaliseringsenheden ",
        contact_email="digitalisering@helsingoer.example",
        contact_phone="+45 48 20 48 20",
        website="https://www.helsingor.dk",
        technologies=["ai", "rpa"],
        it_systems=["Acadre", " acadre ", "", "SBSYS"],
    )

    assert profile.contact_person == "Digitaliseringsenheden"
    assert profile.technologies == ["rpa", "ai"]  # in the order of the choices
    assert profile.it_systems == ["Acadre", "SBSYS"]  # the case-only repeat dropped
    assert profile.lock_version == 2
    entry = AuditEntry.objects.get(object_type="profiles.MunicipalityProfile")
    assert (entry.action, entry.after["it_systems"]) == ("update", ["Acadre", "SBSYS"])


def test_another_municipalitys_administrator_cannot_edit_the_profile(other_admin, own_municipality):
    with pytest.raises(PermissionDenied):
        services.municipality_profile_update(
            user=other_admin, municipality=own_municipality, lock_version=1
        )

    assert MunicipalityProfile.objects.count() == 0


def test_a_consultant_cannot_edit_the_own_profile(konsulent):
    with pytest.raises(PermissionDenied):
        save_profile(konsulent, contact_person="Mig")


def test_unknown_technology_is_refused_in_danish(admin):
    with pytest.raises(ValidationError) as error:
        save_profile(admin, technologies=["rpa", "blockchain"])

    assert error.value.message_dict == {"technologies": ["Ukendt teknologi: blockchain."]}


def test_bad_phone_number_is_refused_and_nothing_saved(admin):
    save_profile(admin, contact_person="Før")

    with pytest.raises(ValidationError) as error:
        save_profile(admin, lock_version=2, contact_person="Efter", contact_phone="ring til os")

    assert error.value.message_dict["contact_phone"] == [
        "Skriv telefonnummeret med cifre, fx 48 20 48 20."
    ]
    assert MunicipalityProfile.objects.get().contact_person == "Før"


def test_a_stale_edit_is_refused(admin):
    save_profile(admin, contact_person="Første")

    with pytest.raises(UserError):
        save_profile(admin, lock_version=1, contact_person="Anden")

    assert MunicipalityProfile.objects.get().contact_person == "Første"


# --- Recommendations ---------------------------------------------------------------------


def test_recommended_for_uses_profile_technologies_and_it_systems(
    admin, konsulent, other_konsulent, make_process, make_candidate
):
    # Helsingør uses AI and Acadre (profile) and SBSYS (on a process).
    save_profile(admin, technologies=["ai"], it_systems=["Acadre"])
    make_process(name="Egen", it_systems=["SBSYS"])
    gribskov = other_konsulent
    make_candidate(
        user=gribskov, title="AI og SBSYS", technology="ai", it_systems=["SBSYS", "Acadre"]
    )
    make_candidate(user=gribskov, title="Acadre-robot", technology="rpa", it_systems=["ACADRE"])
    make_candidate(user=gribskov, title="Kun AI", technology="ai")
    make_candidate(user=gribskov, title="Prisme", technology="rpa", it_systems=["Prisme"])
    make_candidate(user=gribskov, title="Privat Acadre", it_systems=["Acadre"], visibility="own")
    make_candidate(title="Egen Acadre", it_systems=["Acadre"])

    recommended = profile_selectors.recommended_for(user=konsulent)

    # By hand: "AI og SBSYS" matches SBSYS, Acadre and AI (3); "Acadre-robot" Acadre (1);
    # "Kun AI" AI (1); equal matches and 0 expected hours each: by title. "Prisme" matches
    # nothing, "Privat Acadre" is not shared and "Egen Acadre" is Helsingør's own.
    assert [(r.candidate.title, r.score) for r in recommended] == [
        ("AI og SBSYS", 3),
        ("Acadre-robot", 1),
        ("Kun AI", 1),
    ]
    assert recommended[0].reason_text == "SBSYS, Acadre og AI/maskinlæring"
    assert recommended[1].reason_text == "ACADRE"


def test_nothing_is_recommended_without_profile_or_processes(
    konsulent, other_konsulent, make_candidate
):
    make_candidate(user=other_konsulent, title="Acadre-robot", it_systems=["Acadre"])

    assert profile_selectors.recommended_for(user=konsulent) == []


# --- Demo --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_profiles_are_saved_once_for_the_seven_municipalities():
    load_organisations(password="demo")

    first, second = load_profiles(), load_profiles()

    assert (first, second) == (7, 0)
    assert len(PROFILES) == 7
    gribskov = MunicipalityProfile.objects.get(municipality__slug="gribskov")
    assert (gribskov.technologies, gribskov.it_systems) == (
        ["rpa", "integration"],
        ["Prisme", "SBSYS"],
    )


# --- Pages -------------------------------------------------------------------------------


def test_profile_page_shows_contact_technologies_and_counts_to_a_reader_elsewhere(
    client, admin, make_user, other_municipality, make_candidate
):
    save_profile(
        admin,
        contact_person="Digitaliseringsenheden",
        contact_email="digitalisering@helsingoer.example",
        technologies=["rpa", "ai"],
        it_systems=["Acadre"],
    )
    make_candidate(title="Delt")
    client.force_login(make_user(Role.LAESER, other_municipality))

    response = client.get(reverse("profiles:municipality_profile", kwargs={"code": "217"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "digitalisering@helsingoer.example" in html
    assert "RPA, AI/maskinlæring" in html
    assert "Acadre" in html
    assert response.context["counts"].candidates == 1
    assert reverse("profiles:municipality_profile_edit", kwargs={"code": "217"}) not in html


def test_administrator_edits_the_profile_on_the_page(client, admin):
    client.force_login(admin)
    url = reverse("profiles:municipality_profile_edit", kwargs={"code": "217"})

    response = client.post(
        url,
        {
            "contact_person": "Digitaliseringsenheden",
            "contact_phone": "48 20 48 20",
            "technologies": ["integration"],
            "it_systems": "Acadre, KMD Nexus",
            "lock_version": 1,
        },
    )

    assert response.status_code == 302
    profile = MunicipalityProfile.objects.get()
    assert (profile.technologies, profile.it_systems) == (["integration"], ["Acadre", "KMD Nexus"])


def test_bad_phone_on_the_page_shows_the_danish_message(client, admin):
    client.force_login(admin)

    response = client.post(
        reverse("profiles:municipality_profile_edit", kwargs={"code": "217"}),
        {"contact_phone": "ring til os", "lock_version": 1},
    )

    assert response.status_code == 200
    assert "Skriv telefonnummeret med cifre, fx 48 20 48 20." in response.content.decode()
    assert MunicipalityProfile.objects.count() == 0


def test_dashboard_says_why_a_candidate_is_recommended(
    client, admin, konsulent, other_konsulent, make_candidate
):
    save_profile(admin, it_systems=["Acadre"])
    make_candidate(user=other_konsulent, title="Acadre-robot", it_systems=["Acadre"])
    client.force_login(konsulent)

    dashboard = client.get(reverse("catalogue:catalogue_dashboard"))
    response = client.get(reverse("profiles:recommended"))  # the partial the dashboard loads

    assert reverse("profiles:recommended") in dashboard.content.decode()
    assert "bruger Acadre, som I også bruger" in response.content.decode()


def test_the_api_returns_and_changes_the_profile(client, admin, other_konsulent):
    client.force_login(admin)
    url = "/api/v1/municipalities/217/profile"

    changed = client.patch(
        url,
        {"lock_version": 1, "it_systems": ["Acadre"], "technologies": ["rpa"]},
        content_type="application/json",
    )
    client.force_login(other_konsulent)
    read = client.get(url)

    assert changed.status_code == 200
    assert read.json()["it_systems"] == ["Acadre"]
    assert (read.json()["technologies"], read.json()["lock_version"]) == (["rpa"], 2)


def test_the_api_refuses_an_unknown_technology(client, admin):
    client.force_login(admin)

    response = client.patch(
        "/api/v1/municipalities/217/profile",
        {"lock_version": 1, "technologies": ["blockchain"]},
        content_type="application/json",
    )

    assert response.status_code == 422
