"""The gates of the project model: which criteria a project must meet (or waive with a reason)
before it leaves each phase. Pure data, no Django."""

from __future__ import annotations

PHASE_ORDER = ("ide", "analyse", "anskaffelse", "gennemfoerelse", "realisering")
"""The phases of :class:`procesbank.projects.models.ProjectPhase` in order."""

GATES: dict[str, tuple[str, ...]] = {
    "ide": ("process_mapped",),
    "analyse": ("business_case_approved", "benefits_plan"),
    "anskaffelse": ("supplier_chosen", "communication_plan"),
    "gennemfoerelse": ("go_live",),
}
"""Criteria (values of GateCriterion) to meet before leaving a phase; the last has no gate."""

AUTOMATIC = frozenset(
    {"process_mapped", "business_case_approved", "benefits_plan", "communication_plan"}
)
"""Criteria that Procesbank checks from the project's data; the others a person confirms."""


def next_phase(phase: str) -> str | None:
    """The phase after ``phase``, or None for the last."""
    index = PHASE_ORDER.index(phase)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None
