"""The economics app's sections of the project page (:mod:`procesbank.kit.projectpage`): the
state IT project model's phases and documents, with the 1 and 15 mio. kr. thresholds applied
to the project's business case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from procesbank.economics.engine import statemodel
from procesbank.economics.selectors import (
    StateModelView,
    business_case_for,
    business_case_result,
    state_model_checklist,
)
from procesbank.kit.projectpage import ProjectSection, register_section
from procesbank.organisations.models import User
from procesbank.projects.models import Project


def state_model_section(user: User, project: Project) -> dict[str, Any]:
    """The checklist as the business case page shows it; before the project has a case, every
    phase with only the documents required whatever the cost."""
    project, case = business_case_for(user=user, project_id=project.pk)
    if case is None:
        view = StateModelView(None, statemodel.checklist(project.phase, Decimal(0)), frozenset())
    else:
        view = state_model_checklist(project.phase, business_case_result(case=case))
    return {"state_model": view, "has_case": case is not None, "project": project}


register_section(
    ProjectSection(
        key="state-model",
        order=20,
        template="economics/_project_state_model.html",
        context=state_model_section,
    )
)
