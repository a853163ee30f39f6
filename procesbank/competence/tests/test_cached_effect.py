"""Effekt's process counts and benefit realisation are cached per reader's view (kit.stamps):
another municipality's new process, reuse, benefit and deletion show on the next request,
and one reader's cached counts never answer another's."""

from __future__ import annotations

from procesbank.benefits.tests.test_selector_isolation import project_with_benefit
from procesbank.catalogue.models import Reuse
from procesbank.competence import selectors
from procesbank.processes import services as process_services
from procesbank.projects import services as project_services


def _processes(effect) -> dict[str, tuple[int, int, int]]:
    return {
        row.municipality.name: (row.processes, row.processes_shared, row.processes_reused)
        for row in effect.rows
    }


def test_effect_counts_another_municipalitys_new_reused_and_deleted_process(
    konsulent, other_konsulent
):
    shared = process_services.process_create(
        user=konsulent, name="Delt", visibility="collaboration"
    )
    before = selectors.effect_figures(user=konsulent)

    theirs = process_services.process_create(
        user=other_konsulent, name="Deres", visibility="public"
    )
    added = selectors.effect_figures(user=konsulent)
    copy = process_services.process_create(user=other_konsulent, name="Kopi af Delt")
    Reuse.objects.create(
        municipality=other_konsulent.municipality, source=shared, source_name="Delt",
        source_municipality_name="Helsingør", copy=copy,
    )  # fmt: skip
    reused = selectors.effect_figures(user=konsulent)
    process_services.process_delete(user=other_konsulent, process=theirs)
    deleted = selectors.effect_figures(user=konsulent)

    # Gribskov's private copy is not among the processes Helsingør can see.
    assert _processes(before) == {"Gribskov": (0, 0, 0), "Helsingør": (1, 1, 0)}
    assert _processes(added) == {"Gribskov": (1, 1, 0), "Helsingør": (1, 1, 0)}
    assert _processes(reused) == {"Gribskov": (1, 1, 0), "Helsingør": (1, 1, 1)}
    assert _processes(deleted) == {"Gribskov": (0, 0, 0), "Helsingør": (1, 1, 1)}


def test_effect_counts_cached_for_one_municipality_never_answer_another(konsulent, other_konsulent):
    process_services.process_create(user=konsulent, name="Egen")
    process_services.process_create(user=other_konsulent, name="Deres")

    own = selectors.effect_figures(user=konsulent)
    partner = selectors.effect_figures(user=other_konsulent)

    # Each sees its own private process, not the other's.
    assert _processes(own) == {"Gribskov": (0, 0, 0), "Helsingør": (1, 0, 0)}
    assert _processes(partner) == {"Gribskov": (1, 0, 0), "Helsingør": (0, 0, 0)}


def test_benefit_realisation_follows_another_municipalitys_benefit_and_deleted_project(
    konsulent, other_konsulent
):
    project_with_benefit(konsulent, "Helsingørs projekt", 50_000)
    before = selectors.benefit_realisation(user=konsulent)

    theirs = project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000)
    added = selectors.benefit_realisation(user=konsulent)
    project_services.project_delete(user=other_konsulent, project=theirs.project)
    deleted = selectors.benefit_realisation(user=konsulent)

    # Full value: the yearly values added up, 50,000 + 80,000 DKK.
    assert [before.totals.full_value, added.totals.full_value, deleted.totals.full_value] == [
        50_000,
        130_000,
        50_000,
    ]


def test_benefit_realisation_cached_for_one_collaboration_never_answers_another(
    konsulent, stranger
):
    project_with_benefit(konsulent, "Helsingørs projekt", 50_000)
    project_with_benefit(stranger, "Aarhus' projekt", 70_000)

    own = selectors.benefit_realisation(user=konsulent)
    outsider = selectors.benefit_realisation(user=stranger)

    assert [r.municipality.name for r in outsider.rows] == ["Aarhus"]
    assert (own.totals.full_value, outsider.totals.full_value) == (50_000, 70_000)
