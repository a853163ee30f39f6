"""Demo projects: for each municipality, a project for each of its first processes that has a
to-be version, linked to the as-is and to-be versions; and the collaboration's history since
2017: projects in every phase whose number, start and pace differ per municipality (its size
and maturity). Safe to run again; deterministic (no randomness).

Dates are fixed calendar dates (the collaboration's story from 2017), never later than the
day the demo is loaded: a phase or measurement that would lie in the future is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Exists, OuterRef

from procesbank.organisations.models import Municipality, Role, User
from procesbank.processes.models import Process, ProcessVersion, VersionKind
from procesbank.projects import services
from procesbank.projects.models import PhaseTransition, Project, ProjectPhase

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
            name = f"{PROCESS_PREFIX}{process.name}"[:200]
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
    return created + load_project_history()


@dataclass(frozen=True)
class Maturity:
    """How a municipality works in the demo: the year it joined, how many history projects it
    ran, how many days a phase takes it, and how much of its planned benefit it realises."""

    first_year: int
    projects: int
    phase_days: int
    results: float


# Bigger and earlier municipalities ran more projects, faster; results differ on their own.
MATURITY = {
    "helsingoer": Maturity(2017, 7, 95, 1.05),
    "hilleroed": Maturity(2017, 6, 110, 0.9),
    "frederikssund": Maturity(2018, 5, 130, 0.75),
    "fredensborg": Maturity(2019, 4, 120, 0.85),
    "gribskov": Maturity(2020, 4, 150, 0.6),
    "halsnaes": Maturity(2021, 3, 170, 0.5),
    "hoersholm": Maturity(2022, 3, 100, 0.95),
}

HISTORY_THEMES = [
    "Digital ansøgning om enkeltydelser",
    "Automatisk journalisering",
    "Selvbetjening for pladsanvisning",
    "Robot til indberetning af sygedagpenge",
    "Ny proces for hjælpemidler",
    "Digital post til virksomheder",
    "Tidsbestilling i borgerservice",
]
PHASE_ORDER = [
    ProjectPhase.IDEA,
    ProjectPhase.ANALYSIS,
    ProjectPhase.PROCUREMENT,
    ProjectPhase.EXECUTION,
    ProjectPhase.REALISATION,
]
# How many phase lengths each move takes: the analysis and the execution take longest.
PHASE_WEIGHTS = [1, 2, 1, 3]


PROCESS_PREFIX = "Digitalisering: "


def is_history_project(project: Project) -> bool:
    return any(project.name.startswith(f"{theme} (") for theme in HISTORY_THEMES)


def is_demo_project(project: Project) -> bool:
    """A project this module made (others, made later by other demo modules, get no benefits
    or business case from the demo: a second run must change nothing)."""
    return project.name.startswith(PROCESS_PREFIX) or is_history_project(project)


def history_start(maturity: Maturity, index: int) -> date:
    """The day history project ``index`` was created as an idea: spread evenly from 1 February
    of the municipality's first year to 15 October 2026 (the newest is still an idea)."""
    span = (date(2026, 10, 15) - date(maturity.first_year, 2, 1)).days
    step = span // max(maturity.projects - 1, 1)
    return date(maturity.first_year, 2, 1) + timedelta(days=step * index)


def history_moves(maturity: Maturity, start: date, index: int) -> list[date]:
    """The days of the moves idea -> analysis -> ... -> realisation (go-live); a project that
    drags (every third) takes half again as long."""
    days = maturity.phase_days * (3 if index % 3 == 2 else 2) // 2
    moves, day = [], start
    for weight in PHASE_WEIGHTS:
        day += timedelta(days=days * weight)
        moves.append(day)
    return moves


def add_years(day: date, years: int, *, months: int = 0) -> date:
    """``day`` moved on by whole years and months (the 29th-31st kept where the month has it)."""
    index = day.year * 12 + day.month - 1 + 12 * years + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise ValueError(day)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def load_project_history(today: date | None = None) -> int:
    """Create the missing history projects with their phase moves; returns how many."""
    today = today or date.today()
    created = 0
    for municipality in Municipality.objects.order_by("name"):
        maturity = MATURITY.get(municipality.slug)
        consultant = User.objects.filter(municipality=municipality, role=Role.KONSULENT).first()
        if maturity is None or consultant is None:
            continue
        for index in range(maturity.projects):
            theme = HISTORY_THEMES[index % len(HISTORY_THEMES)]
            start = history_start(maturity, index)
            name = f"{theme} ({start.year})"
            if Project.objects.filter(municipality=municipality, name=name).exists():
                continue
            moves = [day for day in history_moves(maturity, start, index) if day <= today]
            project = services.project_create(
                user=consultant, name=name, owner=consultant, phase=PHASE_ORDER[len(moves)],
                description=f"{theme} i {municipality.name}.",
            )  # fmt: skip
            # History is written as it happened: the creation day and each move on its day
            # (the gate service stamps moves with the present time, so it cannot backfill).
            Project.objects.filter(pk=project.pk).update(
                created_at=_at(start), updated_at=_at(moves[-1] if moves else start)
            )
            PhaseTransition.objects.bulk_create(
                PhaseTransition(
                    project=project,
                    from_phase=PHASE_ORDER[step],
                    to_phase=PHASE_ORDER[step + 1],
                    at=_at(day),
                    by=consultant,
                    checklist={},
                )
                for step, day in enumerate(moves)
            )
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
