"""Demo data for the catalogue: automation candidates in several municipalities, linked to
their demo processes, with interest marks and a comment from a neighbour.

Idempotent: a candidate that exists (same municipality and title) is left as it is. Run after
the process demo (``procesbank.demo.processes.load_processes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from procesbank.catalogue import services
from procesbank.catalogue.models import (
    Candidate,
    CandidatePhase,
    CandidateStatus,
    Domain,
    Reuse,
    RunSchedule,
    Technology,
)
from procesbank.demo.profiles import load_profiles
from procesbank.organisations.models import Municipality, Role, User
from procesbank.processes.models import Process, Visibility


@dataclass(frozen=True)
class CandidateSpec:
    title: str
    summary: str
    process_name: str
    technology: str
    phase: str
    status: str
    it_systems: tuple[str, ...]
    answers: dict[str, str]
    facts: dict[str, Any] = field(default_factory=dict)


HIGH, SOME, LITTLE, DONT_KNOW = "high", "some", "little", "dont_know"

SPECS = (
    CandidateSpec(
        title="Robot registrerer ansøgninger om enkeltydelse",
        summary="En softwarerobot opretter sagen og journaliserer ansøgningen fra Digital Post.",
        process_name="Behandling af ansøgning om enkeltydelse",
        technology=Technology.RPA,
        phase=CandidatePhase.PRE_ANALYSIS,
        status=CandidateStatus.IN_PROGRESS,
        it_systems=("KMD Nexus", "SBSYS"),
        answers={
            "rule_based": HIGH,
            "structured_input": SOME,
            "digital_input": HIGH,
            "process_stability": HIGH,
            "uniformity": SOME,
            "documentation": SOME,
            "quality_gain": SOME,
            "speed_gain": HIGH,
            "routine_reduction": HIGH,
        },
        facts={
            "domains": [Domain.SOCIAL, Domain.EMPLOYMENT],
            "run_schedule": RunSchedule.DAILY,
            "targets_citizens": True,
            "expected_in_operation_on": date(2027, 3, 1),
            "esdh_reference": "24.10.00-G01-17-25",
        },
    ),
    CandidateSpec(
        title="Automatisk kontering af kreditorfakturaer",
        summary="Faste leverandørers fakturaer konteres og godkendes automatisk ud fra aftalen.",
        process_name="Fakturahåndtering (kreditorer)",
        technology=Technology.INTEGRATION,
        phase=CandidatePhase.OPERATION,
        status=CandidateStatus.IN_PROGRESS,
        it_systems=("Prisme",),
        answers={
            "rule_based": HIGH,
            "structured_input": HIGH,
            "digital_input": HIGH,
            "process_stability": HIGH,
            "uniformity": SOME,
            "documentation": SOME,
            "quality_gain": SOME,
            "speed_gain": SOME,
            "routine_reduction": HIGH,
        },
        facts={
            "domains": [Domain.ECONOMY, Domain.ADMINISTRATION],
            "run_schedule": RunSchedule.DAILY,
            "kl_generic": True,
            "kl_id": "KL-0412",
            "targets_companies": True,
            "vendor": "Netcompany",
            "in_operation_on": date(2025, 3, 1),
            "code_repository_url": "https://git.example.org/kommune/kreditorrobot",
            "esdh_reference": "00.01.00-A00-3-25",
        },
    ),
    CandidateSpec(
        title="Selvbetjening til beboerparkeringslicens",
        summary="Borgeren søger og betaler licensen selv; adressen tjekkes i CPR.",
        process_name="Ansøgning om beboerparkeringslicens",
        technology=Technology.SELF_SERVICE,
        phase=CandidatePhase.IDEA,
        status=CandidateStatus.PENDING,
        it_systems=("CPR",),
        answers={
            "rule_based": HIGH,
            "structured_input": SOME,
            "digital_input": SOME,
            "process_stability": SOME,
            "uniformity": HIGH,
            "documentation": LITTLE,
            "quality_gain": DONT_KNOW,
            "speed_gain": HIGH,
            "routine_reduction": SOME,
        },
        facts={
            "domains": [Domain.TECHNIQUE],
            "run_schedule": RunSchedule.ON_DEMAND,
            "targets_citizens": True,
        },
    ),
    CandidateSpec(
        title="AI-sortering af anmodninger om aktindsigt",
        summary="Sprogmodel foreslår, hvilke dokumenter der er omfattet, til juristens kontrol.",
        process_name="Behandling af anmodning om aktindsigt",
        technology=Technology.AI,
        phase=CandidatePhase.IDEA,
        status=CandidateStatus.PENDING,
        it_systems=("SBSYS",),
        answers={
            "rule_based": LITTLE,
            "structured_input": LITTLE,
            "digital_input": HIGH,
            "process_stability": SOME,
            "uniformity": LITTLE,
            "documentation": DONT_KNOW,
            "quality_gain": SOME,
            "speed_gain": HIGH,
            "routine_reduction": SOME,
        },
        facts={
            "domains": [Domain.ADMINISTRATION, Domain.DEMOCRACY],
            "run_schedule": RunSchedule.WEEKLY,
            "targets_citizens": True,
            "targets_companies": True,
        },
    ),
    CandidateSpec(
        title="Robot tjekker ansøgninger om byggetilladelse",
        summary="Robotten læser bilagene i Byg og Miljø og beder ansøgeren om det, der mangler.",
        process_name="Ansøgning om byggetilladelse (enfamiliehus)",
        technology=Technology.RPA,
        phase=CandidatePhase.PRE_ANALYSIS,
        status=CandidateStatus.IN_PROGRESS,
        it_systems=("Byg og Miljø", "BBR"),
        answers={
            "rule_based": SOME,
            "structured_input": HIGH,
            "digital_input": HIGH,
            "process_stability": HIGH,
            "uniformity": SOME,
            "documentation": SOME,
            "quality_gain": HIGH,
            "speed_gain": HIGH,
            "routine_reduction": SOME,
        },
        facts={
            "kle_code": "02.34.02",
            "domains": [Domain.TECHNIQUE],
            "run_schedule": RunSchedule.DAILY,
            "targets_citizens": True,
            "targets_companies": True,
        },
    ),
)

# Which municipalities register which candidates (by index in SPECS).
OWNERS = {
    "helsingoer": (0, 1),
    "hilleroed": (1, 2),
    "fredensborg": (3,),
    "halsnaes": (0,),
    "frederikssund": (4,),
}


@transaction.atomic
def load_catalogue() -> int:
    """Create the missing demo candidates; returns how many were created."""
    created = 0
    for slug, indexes in OWNERS.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            continue
        consultant = User.objects.filter(municipality=municipality, role=Role.KONSULENT).first()
        if consultant is None:
            continue
        for index in indexes:
            spec = SPECS[index]
            if Candidate.objects.filter(municipality=municipality, title=spec.title).exists():
                continue
            process = Process.objects.filter(
                municipality=municipality, name=spec.process_name
            ).first()
            services.candidate_create(
                user=consultant,
                title=spec.title,
                summary=spec.summary,
                process=process,
                technology=spec.technology,
                phase=spec.phase,
                status=spec.status,
                it_systems=list(spec.it_systems),
                answers=spec.answers,
                visibility=Visibility.COLLABORATION,
                internal_notes="Afventer budget; drøftes på næste styregruppemøde.",
                **spec.facts,
            )
            created += 1
    _neighbours()
    _reuse()
    load_profiles()
    return created


def _neighbours() -> None:
    """Gribskov's consultant marks interest in and comments on Hillerød's invoice candidate."""
    candidate = Candidate.objects.filter(
        municipality__slug="hilleroed", title=SPECS[1].title
    ).first()
    neighbour = User.objects.filter(municipality__slug="gribskov", role=Role.KONSULENT).first()
    if candidate is None or neighbour is None or candidate.comments.exists():
        return
    services.interest_toggle(user=neighbour, candidate=candidate)
    services.comment_add(
        user=neighbour,
        candidate=candidate,
        text="Vi bruger også Prisme. Kan vi se jeres regler for faste leverandører?",
    )


def _reuse() -> None:
    """Gribskov has copied Helsingør's shared process for one-off benefits (enkeltydelse)."""
    source = Process.objects.filter(
        municipality__slug="helsingoer",
        name=SPECS[0].process_name,
        visibility__in=(Visibility.COLLABORATION, Visibility.PUBLIC),
    ).first()
    copier = User.objects.filter(municipality__slug="gribskov", role=Role.KONSULENT).first()
    if source is None or copier is None:
        return
    if Reuse.objects.filter(source=source, municipality=copier.municipality).exists():
        return
    services.process_reuse(user=copier, source=source)
