"""Shared machinery of the permission matrices of projects, economics and benefits.

Each app's ``tests/test_permissions.py`` lists rows ``(url name, method, key, {role: status})``
where ``key`` names the object the URL points at ("own_project", "other_project" ...), and
``(method, path, key, {role: status})`` for the API. Status 0 means refused either way (403
or 404).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from procesbank.benefits import services as benefit_services
from procesbank.economics import services as economics_services
from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import (  # noqa: F401 (re-exported for the matrices)
    ALL,
    EDITORS,
    NONE,
    ROLES,
    ok_for,
)
from procesbank.projects import services as project_services
from procesbank.projects.models import Project


def full_project(owner: Any) -> Project:
    """A project with a business case with one cost line, and one benefit."""
    project = project_services.project_create(user=owner, name=f"Projekt {owner.username}")
    case = economics_services.business_case_save(
        user=owner, project=project, first_year=2027, horizon=2
    )
    economics_services.business_case_line_add(
        user=owner, case=case, lock_version=1, kind="cost", category="purchase",
        name="Indkøb", likely=[Decimal(100000), Decimal(0)],
    )  # fmt: skip
    benefit_services.benefit_create(
        user=owner, project=project, name="Kortere sagsbehandling", owner=owner,
        kpi_name="Sagsbehandlingstid", kpi_unit="dage", baseline_value=Decimal(30),
        baseline_date=date(2026, 1, 1), target_value=Decimal(10), target_date=date(2027, 1, 1),
        yearly_value=Decimal(50000),
    )  # fmt: skip
    benefit_services.map_node_add(
        user=owner, project=project, level="deliverable", label="Selvbetjeningsløsning"
    )
    return project


def objects(key: str | None, make_user: Any, other_municipality: Any) -> dict[str, int]:
    """URL kwargs for ``key``: the object of the own municipality or of the other one."""
    if key is None:
        return {}
    side, thing = key.split("_", 1)
    owner = make_user(Role.KONSULENT, None if side == "own" else other_municipality)
    project = full_project(owner)
    if thing == "project":
        return {"project_id": project.pk}
    if thing == "line":
        return {"line_id": project.business_case.lines.get().pk}  # type: ignore[attr-defined]
    if thing == "risk":
        cached = project.business_case  # type: ignore[attr-defined]
        case = type(cached).objects.get(pk=cached.pk)  # its lock version after the line
        risk = economics_services.risk_add(
            user=owner, case=case, lock_version=case.lock_version, name="Forsinkelse",
            probability=Decimal(10), consequence=Decimal(1000),
        )  # fmt: skip
        return {"risk_id": risk.pk}
    if thing == "benefit":
        return {"benefit_id": project.benefits.get().pk}  # type: ignore[attr-defined]
    if thing == "node":
        return {"node_id": project.benefit_map_nodes.get(level="deliverable").pk}  # type: ignore[attr-defined]
    if thing == "stakeholder":
        stakeholder = project_services.stakeholder_create(
            user=owner, project=project, name="Direktionen", influence=5, attitude=1
        )
        return {"stakeholder_id": stakeholder.pk}
    if thing == "communication":
        item = project_services.communication_create(
            user=owner, project=project, audience="Medarbejdere", message="Vi starter",
            channel="Intranet", sender="Direktør", planned_on=date(2026, 3, 1),
        )  # fmt: skip
        return {"item_id": item.pk}
    if thing == "participant":
        participant = project_services.participant_save(
            user=owner, project=project, municipality=owner.municipality
        )
        return {"participant_id": participant.pk}
    if thing == "milestone":
        project = project_services.joint_frame_update(
            user=owner, project=project, lock_version=project.lock_version, kind="udbud",
            collaboration_owned=False, contract_value=None,
        )  # fmt: skip
        return {"milestone_id": project.milestones.first().pk}  # type: ignore[attr-defined]
    if thing == "local":
        from procesbank.economics import joint_services

        project_services.participant_save(
            user=owner, project=project, municipality=owner.municipality
        )
        local = joint_services.local_line_add(
            user=owner, case=project.business_case, kind="cost",  # type: ignore[attr-defined]
            category="training", name="Lokal", amounts=[Decimal(1), Decimal(0)],
        )  # fmt: skip
        return {"local_id": local.pk}
    raise AssertionError(key)


def check(status: int, expected: int) -> None:
    if expected == 0:
        assert status in {403, 404}
    else:
        assert status == expected
