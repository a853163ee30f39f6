"""The full record of an automation candidate, section by section (as in OS2autoproces): which
sections a phase has reached. Sections of later phases stay on the page, folded, with the
phase in which they are filled in, unless they already hold something (a vendor entered on an
idea): what was written is shown, whatever the phase.

Pure: phases are the values of ``CandidatePhase`` (a test keeps them in step).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    filled: bool = False  # one of its fields already holds something

    @property
    def open(self) -> bool:
        """Shown unfolded: its phase is reached or there is something in it to read."""
        return self.reached or self.filled


def filled_sections(
    values: Mapping[str, object], section_fields: Mapping[str, Sequence[str]]
) -> frozenset[str]:
    """The sections with content among a candidate's field ``values`` (field name to value),
    ``section_fields`` naming the fields of each section (the catalogue's column registry says
    which, ``catalogue.columns.SECTION_FIELDS``; sections of the first phase are open anyway and
    need no entry). None, "", an empty list or mapping and False count as empty."""
    return frozenset(
        key
        for key, fields in section_fields.items()
        if any(values.get(field) not in (None, "", [], {}, False) for field in fields)
    )


def record_sections(phase: str, filled: frozenset[str] = frozenset()) -> dict[str, RecordSection]:
    """Every section, keyed by name (in page order), with whether ``phase`` has reached it and
    whether it is in ``filled``. An unknown phase reaches only the sections of the first phase."""
    position = PHASE_ORDER.index(phase) if phase in PHASE_ORDER else 0
    return {
        key: RecordSection(key, opens_at, PHASE_ORDER.index(opens_at) <= position, key in filled)
        for key, opens_at in SECTIONS
    }
