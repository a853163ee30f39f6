from procesbank.catalogue.columns import SECTION_FIELDS
from procesbank.catalogue.engine.record import (
    PHASE_ORDER,
    SECTIONS,
    filled_sections,
    record_sections,
)
from procesbank.catalogue.models import CandidatePhase


def test_phase_order_is_the_candidate_phases():
    assert tuple(CandidatePhase.values) == PHASE_ORDER


def test_an_idea_reaches_basics_problems_attachments_notes_and_comments():
    sections = record_sections("idea")

    reached = [key for key, section in sections.items() if section.reached]

    assert reached == ["basics", "problems", "attachments", "internal_notes", "comments"]


def test_development_reaches_all_but_operation():
    sections = record_sections("development")

    assert [key for key, s in sections.items() if not s.reached] == ["operation"]
    assert sections["operation"].opens_at == "operation"


def test_decommissioned_reaches_every_section():
    assert all(s.reached for s in record_sections("decommissioned").values())


def test_sections_keep_the_os2autoproces_order():
    assert [key for key, _phase in SECTIONS] == [
        "basics",
        "problems",
        "time_and_process",
        "assessment",
        "development",
        "operation",
        "attachments",
        "internal_notes",
        "comments",
    ]


def test_an_unknown_phase_reaches_only_the_first_phases_sections():
    assert record_sections("nonsense") == record_sections("idea")


def test_a_filled_section_of_a_later_phase_is_open_on_an_idea():
    sections = record_sections("idea", frozenset({"development"}))

    assert sections["development"].open is True
    assert sections["development"].reached is False
    assert sections["operation"].open is False


def test_operation_opens_every_section():
    assert [key for key, s in record_sections("operation").items() if not s.open] == []


def test_filled_sections_counts_only_fields_with_content():
    values = {
        "problems": "",
        "process": None,
        "answers": {},
        "vendor": "Netcompany",
        "run_schedule": "",
        "in_operation_on": None,
        "legal_basis": "Serviceloven § 83",
    }

    assert filled_sections(values, SECTION_FIELDS) == frozenset({"development", "operation"})
