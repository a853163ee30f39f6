"""The columns of the catalogue's lists, each defined once (kit/columns.py): the list table and
its column picker, the CSV and Excel exports, the API output and the facts of the candidate's
record sections are all built from these.

A new candidate field is one ``field(Candidate, ...)`` line here: its label comes from the
model field's ``verbose_name``. The order is the exports' column order; ``pickable`` columns
are offered in the picker in the same order, ``default`` ones shown when none is picked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.models import Candidate, Domain
from procesbank.kit.columns import (
    LIST,
    MONEY,
    NUMBER,
    Column,
    Columns,
    editable_field_names,
    field,
)
from procesbank.processes.models import Process

# What a user may change on a candidate (services and the edit form): every editable model
# field but the owner, the author and the bookkeeping.
EDITABLE_FIELDS = editable_field_names(
    Candidate, exclude=("municipality", "created_by", "lock_version", "quick_share")
)


def _candidate_url(candidate: Candidate) -> str:
    return reverse("catalogue:candidate_detail", args=[candidate.pk])


def _process_url(process: Process) -> str:
    return reverse("processes:process_detail", args=[process.pk])


def _municipality_url(row: Any) -> str:
    return reverse("profiles:municipality_profile", args=[row.municipality.code])


FROM_PROCESS = "Derived from the linked process; null when the caller may not read that process."


def _from_process(name: str) -> Callable[[Candidate], Any]:
    """A figure derived from the candidate's process, for readers who may read the process
    (``process_readable``, annotated by the catalogue's selectors); hidden when not known."""

    def get(candidate: Candidate) -> Any:
        readable = getattr(candidate, "process_readable", candidate.process_id is None)
        return getattr(candidate, name) if readable else None

    return get


def _interest_count(candidate: Candidate) -> int:
    # Lists annotate the count (catalogue_candidates); a single candidate counts its own.
    count = getattr(candidate, "interest_count", None)
    return candidate.interests.count() if count is None else int(count)


CANDIDATE = Columns(
    field(Candidate, "title", always=True, link=_candidate_url, subtitle="summary"),
    field(Candidate, "summary"),
    field(
        Candidate,
        "municipality",
        attr="municipality.name",
        link=_municipality_url,
        pickable=True,
        default=True,
    ),
    field(Candidate, "kle_code", key="kle", header=_("KLE"), pickable=True, default=True),
    field(Candidate, "phase", subtitle="get_status_display", pickable=True, default=True),
    field(Candidate, "status"),
    field(Candidate, "technology", pickable=True, default=True),
    field(Candidate, "it_systems"),
    field(Candidate, "solution_ideas", export=False),
    field(Candidate, "yearly_occurrences"),
    field(Candidate, "minutes_per_occurrence"),
    field(Candidate, "employees"),
    field(Candidate, "automation_share", unit="%"),
    field(
        Candidate,
        "potential",
        label=_("Potentiale (%)"),
        header=_("Potentiale"),
        unit="%",
        pickable=True,
        default=True,
    ),
    field(Candidate, "ease", label=_("Lethed (%)"), unit="%"),
    # Derived from the linked process: empty for a reader who may not read that process.
    field(
        Candidate,
        "hours_per_year",
        label=_("Timer pr. år"),
        get=_from_process("hours_per_year"),
        null=True,
        description=FROM_PROCESS,
    ),
    field(
        Candidate,
        "expected_hours",
        key="saving",
        label=_("Forventet sparede timer pr. år"),
        header=_("Sparede timer pr. år"),
        pickable=True,
        default=True,
        get=_from_process("expected_hours"),
        null=True,
        description=FROM_PROCESS,
    ),
    field(
        Candidate,
        "expected_kroner",
        key="kroner",
        kind=MONEY,
        label=_("Forventet besparelse (kr.)"),
        header=_("Forventet besparelse"),
        pickable=True,
        get=_from_process("expected_kroner"),
        null=True,
        description=FROM_PROCESS,
    ),
    Column(
        "interest",
        _("Interesserede kommuner"),
        NUMBER,
        get=_interest_count,
        header=_("Interesserede"),
        api_name="interest_count",
        api_type=int,
        pickable=True,
        default=True,
    ),
    field(Candidate, "updated_at", key="updated", label=_("Ændret"), pickable=True),
    field(Candidate, "domains", kind=LIST, choices=dict(Domain.choices), pickable=True),
    field(Candidate, "run_schedule", pickable=True, section="operation"),
    field(Candidate, "kl_generic"),
    field(Candidate, "kl_id"),
    field(Candidate, "targets_citizens", label=_("Borgere")),
    field(Candidate, "targets_companies", label=_("Virksomheder")),
    field(Candidate, "vendor", pickable=True, section="development"),
    field(Candidate, "expected_in_operation_on", pickable=True, section="development"),
    field(Candidate, "in_operation_on", section="operation"),
    field(Candidate, "decommissioned_on", section="operation"),
    field(Candidate, "code_repository_url"),
    # Internal like the internal notes: a case number in the owner's own ESDH system.
    field(
        Candidate,
        "esdh_reference",
        internal=True,
        description="Case number in the owner's ESDH; only for its editors.",
    ),
    field(Candidate, "legal_basis", export=False, section="operation"),
    field(Candidate, "legal_basis_checked_on", export=False, section="operation"),
)

# The fields that open a record section before its phase when they hold something
# (engine/record.py): the registry's sections and the fields with a section of their own.
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "problems": ("problems",),
    "time_and_process": ("process",),
    "assessment": ("answers",),
    **CANDIDATE.section_fields(),
}


SHARED_PROCESS = Columns(
    field(Process, "name", always=True, link=_process_url),
    field(
        Process,
        "municipality",
        attr="municipality.name",
        link=_municipality_url,
        pickable=True,
        default=True,
    ),
    field(Process, "kle_code", key="kle", header=_("KLE"), pickable=True, default=True),
    field(Process, "phase", pickable=True, default=True),
    field(Process, "visibility"),
    field(Process, "yearly_volume", key="volume", pickable=True, default=True),
    field(Process, "it_systems", pickable=True),
    Column(
        "reuse",
        _("Genbrugt"),
        NUMBER,
        get=lambda process: getattr(process, "reuse_count", 0),
        api_name="reuse_count",
        api_type=int,
        pickable=True,
        default=True,
    ),
    field(Process, "updated_at", key="updated", label=_("Ændret"), pickable=True),
)
