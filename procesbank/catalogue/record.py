"""The full record of an automation candidate, section by section (as in OS2autoproces): which
sections a phase has reached. Sections of later phases stay on the page, folded, with the
phase in which they are filled in.

Pure: phases are the values of ``CandidatePhase`` (a test keeps them in step).
"""

from __future__ import annotations

from dataclasses import dataclass

PHASE_ORDER = (
    "idea",
    "pre_analysis",
    "specification",
    "development",
    "implementation",
    "operation",
    "decommissioned",
)

# Section key and the phase from which it is filled in, in the order the page shows them.
SECTIONS = (
    ("basics", "idea"),
    ("problems", "idea"),
    ("time_and_process", "pre_analysis"),
    ("assessment", "pre_analysis"),
    ("development", "development"),
    ("operation", "operation"),
    ("attachments", "idea"),
    ("internal_notes", "idea"),
    ("comments", "idea"),
)


@dataclass(frozen=True)
class RecordSection:
    key: str
    opens_at: str  # the phase from which the section is filled in
    reached: bool  # the candidate's phase is that phase or a later one


def record_sections(phase: str) -> dict[str, RecordSection]:
    """Every section, keyed by name (in page order), with whether ``phase`` has reached it.
    An unknown phase reaches only the sections of the first phase."""
    position = PHASE_ORDER.index(phase) if phase in PHASE_ORDER else 0
    return {
        key: RecordSection(key, opens_at, PHASE_ORDER.index(opens_at) <= position)
        for key, opens_at in SECTIONS
    }
