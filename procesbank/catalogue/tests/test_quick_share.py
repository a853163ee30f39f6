"""The quick share ("Hurtig deling") and the candidate page's record sections."""

from __future__ import annotations

from django.urls import reverse

from procesbank.catalogue import services
from procesbank.catalogue.models import Candidate
from procesbank.organisations.models import Role


def test_quick_share_is_an_idea_shared_with_the_collaboration_at_once(konsulent):
    konsulent.email = "konsulent@helsingoer.example"

    candidate = services.candidate_quick_share(
        user=konsulent,
        title="Robot til sygedagpenge",
        summary="Robotten henter oplysninger fra eIndkomst.",
        kle_code="27.24",
        technology="rpa",
    )

    assert (candidate.quick_share, candidate.visibility, candidate.phase, candidate.status) == (
        True,
        "collaboration",
        "idea",
        "pending",
    )
    assert candidate.contact_email == "konsulent@helsingoer.example"  # none given: the user's


def test_quick_share_page_flow(client, konsulent, make_user, other_municipality):
    client.force_login(konsulent)
    form = client.get(reverse("catalogue:candidate_quick_share"))

    response = client.post(
        reverse("catalogue:candidate_quick_share"),
        {
            "title": "Robot til sygedagpenge",
            "summary": "Robotten henter oplysninger fra eIndkomst.",
            "kle_code": "27.24",
            "technology": "rpa",
            "contact_email": "digitalisering@helsingoer.example",
        },
    )

    assert form.status_code == 200
    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:candidate_detail", args=[candidate.pk])
    assert (candidate.quick_share, candidate.contact_email) == (
        True,
        "digitalisering@helsingoer.example",
    )
    # Shared at once: a reader in Gribskov finds it in the catalogue.
    client.force_login(make_user(Role.LAESER, other_municipality))
    listing = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"})
    assert [c.title for c in listing.context["page"]] == ["Robot til sygedagpenge"]


def test_quick_share_refuses_a_bad_kle_number_in_danish(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:candidate_quick_share"),
        {"title": "Idé", "kle_code": "27-24", "technology": "rpa"},
    )

    assert response.status_code == 200
    assert "KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08." in response.content.decode()
    assert Candidate.objects.count() == 0


def test_quick_share_refuses_a_title_used_before(client, konsulent, make_candidate):
    make_candidate(title="Idé")
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:candidate_quick_share"), {"title": "Idé", "technology": "rpa"}
    )

    assert response.status_code == 200
    assert Candidate.objects.count() == 1


def test_editing_a_quick_share_makes_it_a_full_record(konsulent):
    candidate = services.candidate_quick_share(user=konsulent, title="Idé", technology="rpa")

    updated = services.candidate_update(
        user=konsulent, candidate=candidate, lock_version=1, problems="Tastearbejde."
    )

    assert (updated.quick_share, updated.problems) == (False, "Tastearbejde.")


def test_candidate_page_folds_the_sections_of_later_phases(client, konsulent, make_candidate):
    candidate = make_candidate(title="I udvikling", phase="development", problems="Tastearbejde.")
    client.force_login(konsulent)

    html = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()

    # Development reaches every section but operation, which is folded with its phase.
    assert html.count('class="card record-section"') == 9
    assert html.count("open>") == 8
    assert "Udfyldes når kandidaten når fasen Drift" in html
    assert "Udfyldes når kandidaten når fasen Udvikling" not in html
    order = [
        "Grundoplysninger",
        "Problemstillinger",
        "Tid og proces",
        "Vurdering og forventet gevinst",
        "Udvikling og implementering",
        ">Drift<",
        "Bilag og links",
        "Interne noter",
        "Kommentarer",
    ]
    positions = [html.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_quick_share_page_shows_later_sections_folded(client, konsulent, make_user):
    candidate = services.candidate_quick_share(user=konsulent, title="Idé", technology="rpa")
    client.force_login(make_user(Role.LAESER))

    html = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()

    assert "Hurtig deling: kun de vigtigste felter er udfyldt." in html
    assert html.count("Udfyldes når kandidaten når fasen Foranalyse") == 2
    assert "Udfyldes når kandidaten når fasen Udvikling" in html
    assert "Interne noter" not in html  # a reader never sees them


def test_the_api_shows_a_quick_share_until_it_is_edited(client, konsulent):
    candidate = services.candidate_quick_share(user=konsulent, title="Idé", technology="rpa")
    client.force_login(konsulent)
    url = f"/api/v1/catalogue/candidates/{candidate.pk}"

    before = client.get(url).json()
    after = client.patch(
        url, {"lock_version": 1, "problems": "Tastearbejde."}, content_type="application/json"
    ).json()

    assert (before["quick_share"], before["problems"]) == (True, "")
    assert (after["quick_share"], after["problems"]) == (False, "Tastearbejde.")
