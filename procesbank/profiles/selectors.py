"""Reads of the municipality profile ("Kommuneprofil") and the recommendations built on it.

Every member of a collaboration reads the profiles of its municipalities; municipalities of
another collaboration are not found. Only the municipality's own administrators edit it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import IntegerField, Q
from django.db.models.expressions import RawSQL
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from procesbank.catalogue.models import Candidate, CandidatePhase
from procesbank.kit.access import access_or_404
from procesbank.kit.stamps import cached, viewer_key
from procesbank.organisations.models import Municipality, User
from procesbank.organisations.permissions import Action, can
from procesbank.organisations.selectors import municipality_list
from procesbank.processes.models import Process, ProcessVersion, TaskMeasurement
from procesbank.processes.models import Visibility as V
from procesbank.processes.selectors import visible_to
from procesbank.profiles.models import MunicipalityProfile

SHARED = (V.COLLABORATION, V.PUBLIC)


def _profile_of(municipality: Municipality) -> MunicipalityProfile:
    """The saved profile, or an empty unsaved one (reads never write)."""
    profile = MunicipalityProfile.objects.filter(municipality=municipality).first()
    return profile or MunicipalityProfile(municipality=municipality)


def access_municipality_profile(*, user: User, code: str) -> MunicipalityProfile:
    """The profile of a municipality of the user's collaboration; 404 for any other."""
    municipality = access_or_404(municipality_list(user=user), code=code)
    return _profile_of(municipality)


def can_edit_profile(*, user: User, municipality: Municipality) -> bool:
    """Only the municipality's own administrators (the permission is never granted for
    another municipality, not even to a collaboration administrator)."""
    return can(user, Action.ADMINISTER_MUNICIPALITY, municipality)


@dataclass(frozen=True)
class SharedCounts:
    """What a municipality shared that the acting user may read."""

    processes: int
    candidates: int
    in_operation: int
    quick_shares: int


def profile_shared_counts(*, user: User, municipality: Municipality) -> SharedCounts:
    shared = visible_to(user) & Q(visibility__in=SHARED, municipality=municipality)
    candidates = Candidate.objects.filter(shared)
    return SharedCounts(
        processes=Process.objects.filter(shared).count(),
        candidates=candidates.count(),
        in_operation=candidates.filter(phase=CandidatePhase.OPERATION).count(),
        quick_shares=candidates.filter(quick_share=True).count(),
    )


def process_it_systems(*, municipality: Municipality) -> set[str]:
    """IT systems found on the municipality's own processes and their tasks (lower case)."""
    own = Process.objects.filter(municipality=municipality)
    systems = {s.lower() for lists in own.values_list("it_systems", flat=True) for s in lists or []}
    tasks = TaskMeasurement.objects.filter(version__process__in=own).exclude(it_system="")
    # order_by(): the task model's ordering by position would join the DISTINCT (one row per
    # task instead of one per name).
    names = tasks.order_by().values_list("it_system", flat=True).distinct()
    systems |= {s.lower() for s in names}
    return systems


def municipality_it_systems(*, user: User) -> set[str]:
    """IT systems the user's municipality uses: those on its profile and those on its
    processes and their tasks (lower case)."""
    if user.municipality is None:
        return set()
    profile = _profile_of(user.municipality)
    return {s.lower() for s in profile.it_systems} | process_it_systems(
        municipality=user.municipality
    )


@dataclass(frozen=True)
class Recommendation:
    """A candidate and why it is recommended: the IT systems (as the candidate spells them)
    and the technology the user's municipality also uses."""

    candidate: Candidate
    systems: tuple[str, ...]
    technology: str  # the label, "" when the technology did not match

    @property
    def reasons(self) -> list[str]:
        return [*self.systems, *([self.technology] if self.technology else [])]

    @property
    def reason_text(self) -> str:
        """What the user's municipality also uses, e.g. "Acadre, SBSYS og RPA"."""
        return str(get_text_list(self.reasons, _("og")))

    @property
    def score(self) -> int:
        return len(self.systems) + (1 if self.technology else 0)


# What the recommendations read: the candidates (their expected hours follow a process's
# figures in the same transaction as a version or process save), the own processes and their
# task rows (written with their version), the profile, and the municipalities' names.
RECOMMENDATION_MODELS = (Candidate, Process, ProcessVersion, MunicipalityProfile, Municipality)


def recommended_for(*, user: User, limit: int = 10) -> list[Recommendation]:
    """Other municipalities' shared candidates that use IT systems or the technology the
    user's municipality uses ("Anbefalet til din kommune"): most matches first, then most
    expected hours saved. Kept per municipality and language (the technology's label) under
    the stamp of what it reads (kit.stamps)."""
    return cached(
        f"recommended:{viewer_key(user)}:{limit}:{get_language()}",
        RECOMMENDATION_MODELS,
        lambda: _recommended(user, limit),
    )


def _recommended(user: User, limit: int) -> list[Recommendation]:
    if user.municipality is None:
        return []
    systems = municipality_it_systems(user=user)
    technologies = set(_profile_of(user.municipality).technologies)
    if not systems and not technologies:
        return []
    candidates = (
        Candidate.objects.filter(visible_to(user) & Q(visibility__in=SHARED))
        .exclude(municipality=user.municipality)
        .select_related("municipality")
        .order_by("-expected_hours", "title")
    )
    if connection.vendor == "postgresql":
        # Scored, sorted and cut to ``limit`` in the database: at national scale the Python
        # pass below read 15,000 candidates to pick 10.
        score = RawSQL(
            "(SELECT count(*) FROM jsonb_array_elements_text(catalogue_candidate.it_systems) s"
            " WHERE lower(s) = ANY(%s))"
            " + CASE WHEN catalogue_candidate.technology = ANY(%s) THEN 1 ELSE 0 END",
            [sorted(systems), sorted(technologies)],
            output_field=IntegerField(),
        )
        candidates = (
            candidates.annotate(score=score)
            .filter(score__gt=0)
            .order_by("-score", "-expected_hours", "title")[:limit]
        )
    matches = []
    for candidate in candidates:
        shared_systems = tuple(s for s in candidate.it_systems if s.lower() in systems)
        technology = (
            candidate.get_technology_display() if candidate.technology in technologies else ""
        )
        if shared_systems or technology:
            matches.append(Recommendation(candidate, shared_systems, str(technology)))
    # A stable sort keeps the hours order within the same number of matches.
    matches.sort(key=lambda r: -r.score)
    return matches[:limit]
