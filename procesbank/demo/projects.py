"""Demo projects: for each municipality, a project for each of its first processes that has a
to-be version, linked to the as-is and to-be versions. Safe to run again."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef

from procesbank.organisations.models import Municipality, Role, User
from procesbank.processes.models import Process, ProcessVersion, VersionKind
from procesbank.projects import services
from procesbank.projects.models import Project, ProjectPhase

PROJECTS_PER_MUNICIPALITY = 2
PHASES = [ProjectPhase.ANALYSIS, ProjectPhase.EXECUTION, ProjectPhase.REALISATION]


def load_projects() -> int:
    """Create the demo projects that are missing; returns how many were created."""
    created = 0
    for municipality in Municipality.objects.order_by("name"):
        consultant = User.objects.filter(municipality=municipality, role=Role.KONSULENT).first()
        if consultant is None:
            continue
        with_to_be = Process.objects.filter(municipality=municipality).filter(
            Exists(ProcessVersion.objects.filter(process=OuterRef("pk"), kind=VersionKind.TO_BE))
        )
        for index, process in enumerate(with_to_be.order_by("name")[:PROJECTS_PER_MUNICIPALITY]):
            name = f"Digitalisering: {process.name}"[:200]
            if Project.objects.filter(municipality=municipality, name=name).exists():
                continue
            versions = process.versions.order_by("created_at", "id")
            project = services.project_create(
                user=consultant,
                name=name,
                description=f"Fra som-er til skal-være for “{process.name}”.",
                owner=consultant,
                phase=PHASES[(index + municipality.pk) % len(PHASES)],
                as_is_version=versions.filter(kind=VersionKind.AS_IS).first(),
                to_be_version=versions.filter(kind=VersionKind.TO_BE).first(),
            )
            _anchoring(consultant, project)
            created += 1
    return created


def _anchoring(user: User, project: Project) -> None:
    """Two stakeholders and a communication plan of two lines (the first one done)."""
    services.stakeholder_create(
        user=user, project=project, name="Direktionen", influence=5, attitude=1,
        interest="Budget og politisk opbakning",
    )  # fmt: skip
    services.stakeholder_create(
        user=user, project=project, name="Sagsbehandlerne", influence=3, attitude=-1,
        interest="Nye arbejdsgange og it-system",
    )  # fmt: skip
    kickoff = services.communication_create(
        user=user, project=project, audience="Sagsbehandlerne", channel="Personalemøde",
        message="Hvorfor vi ændrer processen, og hvad det betyder for jer.",
        sender="Afdelingsleder", planned_on=date(2026, 2, 2),
    )  # fmt: skip
    services.communication_status_set(user=user, item=kickoff, status="gennemfoert")
    services.communication_create(
        user=user, project=project, audience="Borgerne", channel="Kommunens hjemmeside",
        message="Den nye selvbetjening og hvornår den åbner.",
        sender="Kommunikationsafdelingen", planned_on=date(2026, 9, 1),
    )  # fmt: skip
