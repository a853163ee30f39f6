"""A candidate whose process has no figures says why its hours are "–" and where to mend it,
instead of "0 timer / 0 kr."."""

from __future__ import annotations

from django.urls import reverse

from procesbank.catalogue import selectors
from procesbank.catalogue.tests.conftest import ANSWERS, measure


def _page(client, user, candidate) -> str:
    client.force_login(user)
    return client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()


def test_unmeasured_process_says_so_and_links_to_the_modeler(
    client, konsulent, make_process, make_candidate
):
    process = make_process(yearly_volume=1000)
    candidate = make_candidate(process=process, answers=ANSWERS)
    modeler = reverse("processes:version_modeler", args=[process.versions.get().pk])

    page = _page(client, konsulent, candidate)

    assert "Processen har ingen målinger endnu." in page
    assert f'<a href="{modeler}">Mål opgaverne under Tegn og mål</a>' in page
    assert "0 kr." not in page


def test_measured_process_without_yearly_volume_asks_for_it(
    konsulent, make_process, make_candidate
):
    process = make_process()
    measure(konsulent, process)
    candidate = make_candidate(process=process, answers=ANSWERS)

    missing = selectors.candidate_missing_figures(user=konsulent, candidate=candidate)

    assert missing == selectors.MissingFigures(
        "Processen har intet antal sager pr. år.",
        reverse("processes:process_edit", args=[process.pk]),
        "Skriv antallet af sager pr. år",
    )


def test_measured_process_has_no_missing_figures(konsulent, make_process, make_candidate):
    process = make_process(yearly_volume=1000)
    measure(konsulent, process)
    candidate = make_candidate(process=process, answers=ANSWERS)

    assert candidate.hours_per_year == 100.0  # 6 min. x 1000 cases / 60
    assert selectors.candidate_missing_figures(user=konsulent, candidate=candidate) is None


def test_candidate_missing_figures_of_another_municipality_neither_names_nor_links_its_process(
    konsulent, other_konsulent, make_process, make_candidate
):
    process = make_process(yearly_volume=1000, visibility="own")
    candidate = make_candidate(process=process, answers=ANSWERS)

    mine = selectors.candidate_missing_figures(user=konsulent, candidate=candidate)
    theirs = selectors.candidate_missing_figures(user=other_konsulent, candidate=candidate)

    assert mine == selectors.MissingFigures(
        "Processen har ingen målinger endnu.",
        reverse("processes:version_modeler", args=[process.versions.get().pk]),
        "Mål opgaverne under Tegn og mål",
    )
    assert theirs == selectors.MissingFigures("Processen har ingen tal, du kan se.")
