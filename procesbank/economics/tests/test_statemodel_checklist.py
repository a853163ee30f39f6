"""The state IT project model's document checklist and its thresholds (1 and 15 mio. kr.)."""

from decimal import Decimal

from procesbank.economics.engine.statemodel import Document, StatePhase, checklist


def required(phase_lists, phase):
    [found] = [phases for phases in phase_lists if phases.phase is phase]
    return {item.document for item in found.items if item.required}


def test_small_project_needs_only_the_business_case():
    phases = checklist("analyse", Decimal(1_000_000))

    assert required(phases, StatePhase.ANALYSIS) == {Document.BUSINESS_CASE}


def test_above_one_million_a_projektgrundlag_with_risk_documents():
    phases = checklist("analyse", Decimal("1000000.01"))

    assert required(phases, StatePhase.ANALYSIS) == {
        Document.BUSINESS_CASE,
        Document.PROJEKTGRUNDLAG,
        Document.RISK_CHECKLIST,
        Document.RISK_LOG,
        Document.STEERING_AGREEMENT,
    }


def test_above_fifteen_million_the_it_council_assesses_the_risk():
    phases = checklist("analyse", Decimal(15_000_001))

    assert Document.IT_COUNCIL in required(phases, StatePhase.ANALYSIS)


def test_procurement_is_part_of_gennemfoerelse():
    phases = checklist("anskaffelse", Decimal(0))

    assert [phase.phase for phase in phases if phase.current] == [StatePhase.EXECUTION]
