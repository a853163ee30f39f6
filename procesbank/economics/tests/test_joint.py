"""Joint projects (issue 15): the split business case, who sees which case and line, and the
refusals. The figures are worked out in :mod:`procesbank.economics.tests.joint_fixture`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from procesbank.benefits import services as benefit_services
from procesbank.benefits.selectors import portfolio
from procesbank.core.errors import UserError
from procesbank.economics import joint_selectors, joint_services
from procesbank.economics.models import LineSplit
from procesbank.economics.tests.joint_fixture import joint_world
from procesbank.projects import services as project_services
from procesbank.projects.models import ProcurementMilestone
from procesbank.projects.selectors import access_project, portfolio_projects, project_list

pytestmark = pytest.mark.django_db

D = Decimal


def _npvs(case: joint_selectors.JointCase) -> dict[str, Decimal]:
    return {
        item.participant.municipality.name: item.evaluation.npv.quantize(D("0.01"))
        for item in case.cases
        if item.evaluation
    }


def _add_delta_local(world) -> None:
    joint_services.local_line_add(
        user=world.users["Delta"], case=world.case, kind="cost", category="implementation",
        name="Lokal oplæring", amounts=[D(5000), D(0)],
    )  # fmt: skip


def test_lead_sees_the_joint_npv_and_every_participants_npv() -> None:
    world = joint_world()
    _add_delta_local(world)

    case = joint_selectors.joint_case_for(user=world.users["Alfa"], project_id=world.project.pk)

    assert case.joint is not None
    assert case.joint.evaluation is not None
    assert case.joint.evaluation.npv.quantize(D("0.01")) == D("1818.18")
    assert _npvs(case) == {
        "Alfa": D("5454.55"),
        "Beta": D("-6363.64"),
        "Gamma": D("1818.18"),
        "Delta": D("-4090.91"),
    }


def test_split_amounts_add_up_to_the_joint_line() -> None:
    world = joint_world()

    case = joint_selectors.joint_case_for(user=world.users["Alfa"], project_id=world.project.pk)

    # Anskaffelse 100,000 by population 4:3:2:1.
    purchase = {
        item.participant.municipality.name: item.split_lines[0].amounts for item in case.cases
    }
    assert purchase == {
        "Alfa": (D("40000.00"), D("0.00")),
        "Beta": (D("30000.00"), D("0.00")),
        "Delta": (D("10000.00"), D("0.00")),
        "Gamma": (D("20000.00"), D("0.00")),
    }


def test_a_participant_sees_only_its_own_case_and_never_anothers_local_lines() -> None:
    world = joint_world()
    _add_delta_local(world)

    beta = joint_selectors.joint_case_for(user=world.users["Beta"], project_id=world.project.pk)

    assert [item.participant.municipality.name for item in beta.cases] == ["Beta"]
    assert beta.cases[0].local_lines == ()
    assert _npvs(beta) == {"Beta": D("-6363.64")}


def test_delta_sees_its_local_line_in_its_own_case() -> None:
    world = joint_world()
    _add_delta_local(world)

    delta = joint_selectors.joint_case_for(user=world.users["Delta"], project_id=world.project.pk)

    assert [row.name for row in delta.cases[0].local_lines] == ["Lokal oplæring"]


def test_a_non_participant_cannot_read_the_joint_project() -> None:
    world = joint_world()

    with pytest.raises(Http404):
        joint_selectors.joint_case_for(user=world.users["Epsilon"], project_id=world.project.pk)
    assert list(project_list(user=world.users["Epsilon"])) == []


def test_a_participant_reads_the_project_but_may_not_change_it() -> None:
    world = joint_world()

    assert access_project(user=world.users["Gamma"], project_id=world.project.pk) == world.project
    with pytest.raises(PermissionDenied):
        project_services.participant_save(
            user=world.users["Gamma"], project=world.project,
            municipality=world.municipalities["Epsilon"],
        )  # fmt: skip


def test_a_joint_project_counts_once_in_every_participants_portfolio() -> None:
    world = joint_world()

    for name in ["Alfa", "Beta", "Gamma", "Delta"]:
        assert list(portfolio_projects(user=world.users[name])) == [world.project]
        assert portfolio(user=world.users[name]).project_count == 1
    assert list(portfolio_projects(user=world.users["Epsilon"])) == []


def test_a_local_line_of_a_non_participant_is_refused() -> None:
    world = joint_world()

    with pytest.raises(UserError) as error:
        joint_services.local_line_add(
            user=world.users["Epsilon"], case=world.case, kind="cost", category="purchase",
            name="Snyd", amounts=[D(1), D(0)],
        )  # fmt: skip

    assert str(error.value) == "Din kommune deltager ikke i projektet."


def test_another_participant_cannot_delete_a_local_line() -> None:
    world = joint_world()
    _add_delta_local(world)
    row = world.case.local_lines.get()

    with pytest.raises(Http404):
        joint_selectors.access_local_line(user=world.users["Beta"], line_id=row.pk)


def test_amounts_key_that_does_not_add_up_is_refused_and_nothing_is_saved() -> None:
    world = joint_world()
    line = world.case.lines.get(name="Anskaffelse")
    ids = {name: m.pk for name, m in world.municipalities.items()}

    with pytest.raises(UserError) as error:
        joint_services.line_split_set(
            user=world.users["Alfa"], line=line, key="amounts",
            amounts={ids["Alfa"]: [D(50000), D(0)], ids["Beta"]: [D(40000), D(0)]},
        )  # fmt: skip

    assert str(error.value) == (
        "Beløbene pr. kommune for linjen 'Anskaffelse' summer i år 1 til 90000 kr., men linjen "
        "har 100000 kr. Ret beløbene, så de summer til linjens beløb."
    )
    assert not LineSplit.objects.filter(line=line).exists()


def test_amounts_key_that_adds_up_gives_each_its_amounts() -> None:
    world = joint_world()
    line = world.case.lines.get(name="Anskaffelse")
    ids = {name: m.pk for name, m in world.municipalities.items()}
    # 100,000 as 70,000 (Alfa) + 30,000 (Beta); Gamma and Delta pay nothing of it. Alfa's NPV
    # moves from 5,454.55 by -30,000 to -24,545.45; Gamma's by +20,000 to 21,818.18; Delta's
    # (no local line here) from 909.09 by +10,000 to 10,909.09.
    joint_services.line_split_set(
        user=world.users["Alfa"], line=line, key="amounts",
        amounts={ids["Alfa"]: [D(70000), D(0)], ids["Beta"]: [D(30000), D(0)]},
    )  # fmt: skip

    case = joint_selectors.joint_case_for(user=world.users["Alfa"], project_id=world.project.pk)

    assert _npvs(case) == {
        "Alfa": D("-24545.45"),
        "Beta": D("-6363.64"),
        "Gamma": D("21818.18"),
        "Delta": D("10909.09"),
    }


def test_a_procurement_gets_its_six_milestones_and_contract_value() -> None:
    world = joint_world(splits=False)
    lead = world.users["Alfa"]

    project = project_services.joint_frame_update(
        user=lead, project=world.project, lock_version=world.project.lock_version,
        kind="udbud", collaboration_owned=True, contract_value=D("1250000"),
    )  # fmt: skip

    kinds = list(
        ProcurementMilestone.objects.filter(project=project).values_list("kind", flat=True)
    )
    assert kinds == [
        "markedsdialog", "udbudsmateriale", "tilbudsfrist", "evaluering", "kontrakt",
        "implementering",
    ]  # fmt: skip
    assert project.contract_value == D("1250000")


def test_the_lead_cannot_be_removed() -> None:
    world = joint_world(splits=False)
    lead_row = world.project.participants.get(municipality=world.municipalities["Alfa"])

    with pytest.raises(UserError) as error:
        project_services.participant_remove(user=world.users["Alfa"], participant=lead_row)

    assert str(error.value) == (
        "Den ledende kommune deltager altid i sit eget fællesprojekt og kan ikke fjernes."
    )


def test_joint_page_shows_npvs_to_the_lead_and_404_to_outsiders(client) -> None:
    world = joint_world()
    url = reverse("economics:joint_case", args=[world.project.pk])

    client.force_login(world.users["Alfa"])
    page = client.get(url)
    client.force_login(world.users["Epsilon"])
    outsider = client.get(url)

    assert page.status_code == 200
    assert "1.818 kr." in page.content.decode()
    assert outsider.status_code == 404


def test_bad_amounts_in_the_split_form_give_a_danish_message(client) -> None:
    world = joint_world()
    line = world.case.lines.get(name="Anskaffelse")
    alfa = world.municipalities["Alfa"].pk
    client.force_login(world.users["Alfa"])

    response = client.post(
        reverse("economics:line_split", args=[line.pk]),
        {"key": "amounts", f"amounts_{alfa}": "10; 0"},
        follow=True,
    )

    assert response.status_code == 200
    assert "summer i år 1 til 10 kr., men linjen har 100000 kr." in response.content.decode()


def test_benefits_roll_up_by_population() -> None:
    world = joint_world(splits=False)
    benefit_services.benefit_create(
        user=world.users["Alfa"], project=world.project, name="Hurtigere svar", owner_name="Anne",
        kpi_name="Svartid", kpi_unit="dage", baseline_value=D(10), baseline_date=date(2027, 1, 1),
        target_value=D(2), target_date=date(2028, 12, 31), yearly_value=D(100_001),
    )  # fmt: skip
    joint = joint_selectors.joint_case_for(user=world.users["Beta"], project_id=world.project.pk)

    shares = joint_selectors.benefit_rollup(joint=joint)

    # 100,001 kr. by 4:3:2:1 (participants in name order Alfa, Beta, Delta, Gamma): 40,000.40,
    # 30,000.30, 10,000.10 and 20,000.20, exactly.
    assert [(s.name, s.parts) for s in shares] == [
        ("Hurtigere svar", (D("40000.40"), D("30000.30"), D("10000.10"), D("20000.20")))
    ]


def test_only_the_lead_reaches_the_participants_and_milestones() -> None:
    # access_participant / access_milestone: the lead may change them; a participant gets a
    # refusal, a municipality outside the project does not learn that they exist.
    from procesbank.projects.models import ProjectParticipant
    from procesbank.projects.selectors import access_milestone, access_participant, is_lead

    world = joint_world()
    participant = ProjectParticipant.objects.filter(project=world.project).first()
    milestone, _ = ProcurementMilestone.objects.get_or_create(
        project=world.project, kind="kontrakt"
    )
    lead, member, outsider = world.users["Alfa"], world.users["Gamma"], world.users["Epsilon"]

    assert is_lead(user=lead, project=world.project)
    assert not is_lead(user=member, project=world.project)
    assert access_participant(user=lead, participant_id=participant.pk) == participant
    assert access_milestone(user=lead, milestone_id=milestone.pk) == milestone
    with pytest.raises(PermissionDenied):
        access_participant(user=member, participant_id=participant.pk)
    with pytest.raises(PermissionDenied):
        access_milestone(user=member, milestone_id=milestone.pk)
    with pytest.raises(Http404):
        access_participant(user=outsider, participant_id=participant.pk)
    with pytest.raises(Http404):
        access_milestone(user=outsider, milestone_id=milestone.pk)
