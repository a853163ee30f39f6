"""The state IT project model (den fællesstatslige it-projektmodel): its phases, the documents
each phase produces and the thresholds that decide which are required.

Above 1 mio. kr. in total cost a project needs a projektgrundlag (with risikotjekliste, risikolog
and styregruppeaftale); above 15 mio. kr. the model applies in full and the IT Council (Statens
It-råd) assesses the risk before the project leaves the analysis phase. The project app has a
procurement phase of its own; the state model counts procurement as part of Gennemførelse.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from procesbank.core.errors import gettext_noop

PROJEKTGRUNDLAG_THRESHOLD = Decimal(1_000_000)
"""Total cost (DKK) above which a projektgrundlag is required."""

IT_COUNCIL_THRESHOLD = Decimal(15_000_000)
"""Total cost (DKK) above which the IT Council's risk assessment is required."""


class StatePhase(StrEnum):
    """The four phases of the state IT project model."""

    IDEA = "ide"
    ANALYSIS = "analyse"
    EXECUTION = "gennemfoerelse"
    REALISATION = "realisering"


PHASE_NAMES = {
    StatePhase.IDEA: gettext_noop("Idé"),
    StatePhase.ANALYSIS: gettext_noop("Analyse"),
    StatePhase.EXECUTION: gettext_noop("Gennemførelse"),
    StatePhase.REALISATION: gettext_noop("Realisering"),
}

PROJECT_PHASES = {
    "ide": StatePhase.IDEA,
    "analyse": StatePhase.ANALYSIS,
    "anskaffelse": StatePhase.EXECUTION,
    "gennemfoerelse": StatePhase.EXECUTION,
    "realisering": StatePhase.REALISATION,
}
"""The project app's phases (values of ``ProjectPhase``) mapped onto the state model's."""


class Document(StrEnum):
    BUSINESS_CASE = "business_case"
    PROJEKTGRUNDLAG = "projektgrundlag"
    RISK_CHECKLIST = "risikotjekliste"
    RISK_LOG = "risikolog"
    STEERING_AGREEMENT = "styregruppeaftale"
    IT_COUNCIL = "it_raadet"


DOCUMENT_NAMES = {
    Document.BUSINESS_CASE: gettext_noop("Business case"),
    Document.PROJEKTGRUNDLAG: gettext_noop("Projektgrundlag"),
    Document.RISK_CHECKLIST: gettext_noop("Risikotjekliste"),
    Document.RISK_LOG: gettext_noop("Risikolog"),
    Document.STEERING_AGREEMENT: gettext_noop("Styregruppeaftale"),
    Document.IT_COUNCIL: gettext_noop("Statens It-råds risikovurdering"),
}

# The documents of each phase and the threshold (DKK) above which each is required; None:
# always. The business case is kept up to date through every phase.
PHASE_DOCUMENTS: dict[StatePhase, tuple[tuple[Document, Decimal | None], ...]] = {
    StatePhase.IDEA: ((Document.BUSINESS_CASE, None),),
    StatePhase.ANALYSIS: (
        (Document.BUSINESS_CASE, None),
        (Document.PROJEKTGRUNDLAG, PROJEKTGRUNDLAG_THRESHOLD),
        (Document.RISK_CHECKLIST, PROJEKTGRUNDLAG_THRESHOLD),
        (Document.RISK_LOG, PROJEKTGRUNDLAG_THRESHOLD),
        (Document.STEERING_AGREEMENT, PROJEKTGRUNDLAG_THRESHOLD),
        (Document.IT_COUNCIL, IT_COUNCIL_THRESHOLD),
    ),
    StatePhase.EXECUTION: (
        (Document.BUSINESS_CASE, None),
        (Document.RISK_LOG, PROJEKTGRUNDLAG_THRESHOLD),
        (Document.STEERING_AGREEMENT, PROJEKTGRUNDLAG_THRESHOLD),
    ),
    StatePhase.REALISATION: ((Document.BUSINESS_CASE, None),),
}


@dataclass(frozen=True)
class ChecklistItem:
    document: Document
    required: bool
    threshold: Decimal | None


@dataclass(frozen=True)
class PhaseChecklist:
    phase: StatePhase
    current: bool
    items: tuple[ChecklistItem, ...]


def checklist(project_phase: str, total_cost: Decimal) -> tuple[PhaseChecklist, ...]:
    """Every phase of the state model with its documents, each required or not by the total
    cost of the case (DKK, undiscounted, before risk); ``current`` marks the project's phase."""
    current = PROJECT_PHASES.get(project_phase)
    return tuple(
        PhaseChecklist(
            phase,
            phase is current,
            tuple(
                ChecklistItem(document, threshold is None or total_cost > threshold, threshold)
                for document, threshold in documents
            ),
        )
        for phase, documents in PHASE_DOCUMENTS.items()
    )
