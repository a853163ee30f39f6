"""Gates: a project leaves a phase only when each criterion is met or waived with a reason."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from procesbank.core.errors import UserError
from procesbank.economics import services as economics_services
from procesbank.projects import selectors, services
from procesbank.projects.models import PhaseTransition, Project
from procesbank.projects.tests.factories import project_with_processes


def _fresh(project):
    return Project.objects.get(pk=project.pk)


def test_idea_gate_is_met_by_linked_processes(konsulent):
    project = project_with_processes(konsulent)

    transition = services.project_advance(user=konsulent, project=project, lock_version=1)

    assert (transition.from_phase, transition.to_phase) == ("ide", "analyse")
    assert transition.checklist == {"process_mapped": {"met": True, "reason": ""}}
    assert _fresh(project).phase == "analyse"


def test_unmet_criterion_without_reason_stops_the_project(konsulent):
    project = services.project_create(user=konsulent, name="Uden proces")

    with pytest.raises(UserError) as error:
        services.project_advance(user=konsulent, project=project, lock_version=1)

    assert str(error.value) == (
        "Kriteriet “Som-er- og skal-være-processen er kortlagt” er ikke opfyldt. Opfyld det, "
        "eller skriv hvorfor det fraviges."
    )
    assert _fresh(project).phase == "ide"


def test_waived_criterion_is_logged_with_its_reason(konsulent):
    project = services.project_create(user=konsulent, name="Uden proces")

    transition = services.project_advance(
        user=konsulent,
        project=project,
        lock_version=1,
        reasons={"process_mapped": "Lovkrav; processen er givet"},
    )

    assert transition.checklist == {
        "process_mapped": {"met": False, "reason": "Lovkrav; processen er givet"}
    }


def test_analysis_gate_reads_business_case_approval_and_benefit_owners(konsulent):
    project = project_with_processes(konsulent)
    services.project_advance(user=konsulent, project=project, lock_version=1)
    case = economics_services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=1
    )
    economics_services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="Køb", likely=[Decimal(1)],
    )  # fmt: skip
    economics_services.business_case_approve(
        user=konsulent, case=case, lock_version=2, approved=True
    )

    items = {item.criterion: item.met for item in selectors.gate_items(project=_fresh(project))}

    assert items == {"business_case_approved": True, "benefits_plan": False}


def _communication_line(user, project):
    services.communication_create(
        user=user,
        project=project,
        audience="Borgerservice",
        message="Ny ansøgning fra 1. marts",
        channel="Personalemøde",
        sender="Projektleder",
        planned_on=date(2026, 2, 1),
    )


def test_manual_criteria_need_confirmation(konsulent):
    project = services.project_create(user=konsulent, name="P", phase="anskaffelse")
    _communication_line(konsulent, project)

    transition = services.project_advance(
        user=konsulent, project=project, lock_version=1, confirmed=frozenset({"supplier_chosen"})
    )

    assert transition.to_phase == "gennemfoerelse"
    assert transition.checklist == {
        "supplier_chosen": {"met": True, "reason": ""},
        "communication_plan": {"met": True, "reason": ""},
    }


def _gate(project):
    return {
        item.criterion: (item.automatic, item.met) for item in selectors.gate_items(project=project)
    }


def test_procurement_gate_reads_the_communication_plan(konsulent):
    project = services.project_create(user=konsulent, name="P", phase="anskaffelse")
    before = _gate(project)

    _communication_line(konsulent, project)

    after = _gate(project)
    assert before == {"supplier_chosen": (False, False), "communication_plan": (True, False)}
    assert after == {"supplier_chosen": (False, False), "communication_plan": (True, True)}


def test_communication_plan_cannot_be_confirmed_by_hand_without_a_line(konsulent):
    project = services.project_create(user=konsulent, name="P", phase="anskaffelse")

    with pytest.raises(UserError) as error:
        services.project_advance(
            user=konsulent,
            project=project,
            lock_version=1,
            confirmed=frozenset({"supplier_chosen", "communication_plan"}),
        )

    assert str(error.value) == (
        "Kriteriet “Kommunikationsplanen er lagt” er ikke opfyldt. Opfyld det, "
        "eller skriv hvorfor det fraviges."
    )
    assert _fresh(project).phase == "anskaffelse"


def test_another_projects_communication_plan_does_not_count(konsulent):
    project = services.project_create(user=konsulent, name="P", phase="anskaffelse")
    _communication_line(konsulent, services.project_create(user=konsulent, name="Andet"))

    items = {item.criterion: item.met for item in selectors.gate_items(project=project)}

    assert items["communication_plan"] is False


def test_lead_time_runs_from_idea_to_go_live(konsulent):
    project = services.project_create(user=konsulent, name="P", phase="gennemfoerelse")
    services.project_advance(
        user=konsulent, project=project, lock_version=1, confirmed=frozenset({"go_live"})
    )
    idea = timezone.now() - timedelta(days=300)
    Project.objects.filter(pk=project.pk).update(created_at=idea)
    PhaseTransition.objects.update(at=idea + timedelta(days=200))

    assert selectors.lead_time_days(project=_fresh(project)) == 200
    assert PhaseTransition.objects.get().to_phase == "realisering"


def test_last_phase_has_no_gate(konsulent):
    project = services.project_create(user=konsulent, name="P", phase="realisering")

    with pytest.raises(UserError) as error:
        services.project_advance(user=konsulent, project=project, lock_version=1)

    assert str(error.value) == "Projektet er i sidste fase og kan ikke rykke videre."
