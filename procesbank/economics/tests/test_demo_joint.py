"""The demo joint procurement loads, splits by the demo populations and loads only once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procesbank.demo.joint import NAME, load_joint
from procesbank.demo.organisations import load_organisations
from procesbank.economics import joint_selectors
from procesbank.organisations.models import User
from procesbank.projects.models import Project

pytestmark = pytest.mark.django_db


def test_demo_joint_project_loads_once_with_four_participants() -> None:
    load_organisations(password="demo")

    first = load_joint()
    second = load_joint()

    project = Project.objects.get(name=NAME)
    assert (first, second) == (True, False)
    assert sorted(project.participants.values_list("municipality__slug", flat=True)) == [
        "fredensborg", "gribskov", "hilleroed", "hoersholm",
    ]  # fmt: skip
    assert project.milestones.filter(done=True).count() == 3
    lead = User.objects.get(username="konsulent.hilleroed")
    joint = joint_selectors.joint_case_for(user=lead, project_id=project.pk)
    assert all(item.evaluation is not None for item in joint.cases)
    # Anskaffelse 2,400,000 by population: the four parts add up to it exactly.
    assert sum(item.split_lines[0].amounts[0] for item in joint.cases) == Decimal(2_400_000)
