"""``owned_project_gates``: the own municipality's projects the user owns, each with its next
phase and gate, decided in one query for any number of projects."""

from __future__ import annotations

import pytest

from procesbank.projects import selectors, services
from procesbank.projects.models import Project

pytestmark = pytest.mark.django_db


def test_owned_projects_show_their_next_gate(konsulent):
    services.project_create(user=konsulent, name="Idéen", owner=konsulent)
    services.project_create(user=konsulent, name="Andres", owner=None)

    [gate] = selectors.owned_project_gates(user=konsulent)

    assert gate.project.name == "Idéen"
    assert gate.next_phase == "analyse"
    assert gate.next_phase_label == "Analyse"
    assert [(i.criterion, i.met) for i in gate.items] == [("process_mapped", False)]
    assert gate.missing == ["Som-er- og skal-være-processen er kortlagt"]


def test_the_other_municipality_s_project_is_not_mine_even_if_it_names_me(
    konsulent, other_konsulent
):
    theirs = services.project_create(user=other_konsulent, name="Gribskovs projekt")
    Project.objects.filter(pk=theirs.pk).update(owner=konsulent)

    assert selectors.owned_project_gates(user=konsulent) == []
    assert selectors.owned_project_gates(user=other_konsulent) == []


def test_gates_of_more_projects_take_no_more_queries(konsulent, django_assert_num_queries):
    services.project_create(user=konsulent, name="Et", owner=konsulent)
    with django_assert_num_queries(1):
        selectors.owned_project_gates(user=konsulent)
    for name in ["To", "Tre", "Fire"]:
        services.project_create(user=konsulent, name=name, owner=konsulent)

    with django_assert_num_queries(1):
        assert len(selectors.owned_project_gates(user=konsulent)) == 4
