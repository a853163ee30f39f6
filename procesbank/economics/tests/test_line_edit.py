"""Editing a business-case line in place: the service, its lock and audit, and the htmx form."""

from decimal import Decimal

import pytest
from django.urls import reverse

from procesbank.economics import selectors, services
from procesbank.economics.models import BusinessCase
from procesbank.kit.locking import StaleEditError
from procesbank.organisations.models import AuditEntry
from procesbank.projects import services as project_services
from procesbank.projects.tests.factories import project_with_processes

CENT = Decimal("0.01")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def case(konsulent):
    """2027-2028 at the default 3.5 %: a purchase of 100 in 2027, a saving of 150 in 2028."""
    project = project_services.project_create(user=konsulent, name="Digital ansøgning")
    case = services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=2, risk_share=Decimal(0)
    )
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="Indkøb", likely=[Decimal(100), Decimal(0)],
    )  # fmt: skip
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=2, kind="benefit",
        category="budget_relevant", name="Besparelse", likely=[Decimal(0), Decimal(150)],
    )  # fmt: skip
    return BusinessCase.objects.get(pk=case.pk)


def test_line_update_changes_amounts_to_three_point_and_risk(konsulent, case):
    line = case.lines.get(name="Indkøb")

    services.business_case_line_update(
        user=konsulent, line=line, lock_version=3, kind="cost", category="licences",
        name="Licens", likely=[Decimal(120), Decimal(0)], minimum=[Decimal(90), Decimal(0)],
        maximum=[Decimal(180), Decimal(0)], risk_share=Decimal("0.25"),
    )  # fmt: skip
    result = selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk))

    line.refresh_from_db()
    assert (line.name, line.category, line.likely, line.minimum, line.maximum) == (
        "Licens", "licences", ["120", "0"], ["90", "0"], ["180", "0"],
    )  # fmt: skip
    # Expected (90 + 4 x 120 + 180) / 6 = 125, risk 25 %: 156.25 in 2027.
    # NPV = -156.25 + 150 / 1.035 = -156.25 + 144.93 = -11.32
    assert result.evaluation is not None
    assert result.evaluation.npv.quantize(CENT) == Decimal("-11.32")
    assert result.case.lock_version == 4


def test_line_update_is_audited_with_before_and_after(konsulent, case):
    line = case.lines.get(name="Indkøb")

    services.business_case_line_update(
        user=konsulent, line=line, lock_version=3, kind="cost", category="purchase",
        name="Indkøb", likely=[Decimal(200), Decimal(0)],
    )  # fmt: skip

    entry = AuditEntry.objects.filter(object_type="economics.BusinessCaseLine").latest("pk")
    assert entry.action == "update"
    assert (entry.before["likely"], entry.after["likely"]) == (["100", "0"], ["200", "0"])


def test_stale_line_update_is_refused_and_nothing_changes(konsulent, case):
    line = case.lines.get(name="Indkøb")

    with pytest.raises(StaleEditError) as error:
        services.business_case_line_update(
            user=konsulent, line=line, lock_version=2, kind="cost", category="purchase",
            name="Ny", likely=[Decimal(1), Decimal(0)],
        )  # fmt: skip

    assert str(error.value).startswith(
        "Mens du redigerede, har konsulent.helsingoer gemt en nyere udgave ("
    )
    line.refresh_from_db()
    assert (line.name, line.likely) == ("Indkøb", ["100", "0"])


def test_generated_line_keeps_its_amounts(konsulent):
    project = project_with_processes(konsulent)
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    line = services.business_case_time_saving_add(
        user=konsulent, case=case, lock_version=1, as_is_version=project.as_is_version,
        to_be_version=project.to_be_version, hourly_rate=Decimal(350),
    )  # fmt: skip

    services.business_case_line_update(
        user=konsulent, line=line, lock_version=2, kind="cost", category="budget_relevant",
        name="Sparet tid", likely=[Decimal(1), Decimal(1)], risk_share=Decimal("0.5"),
    )  # fmt: skip

    view = selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk)).lines[0]
    # 400 hours x 350 kr. = 140000 a year, still computed from the processes.
    assert (view.row.name, view.row.kind, view.row.category) == (
        "Sparet tid", "benefit", "budget_relevant",
    )  # fmt: skip
    assert view.line.expected_amounts() == (Decimal(140000), Decimal(140000))


def test_edit_form_is_an_htmx_partial_in_danish_numbers(client, konsulent, case):
    client.force_login(konsulent)
    line = case.lines.get(name="Indkøb")
    line.likely = ["1250.5", "0"]
    line.save()

    response = client.get(
        reverse("economics:business_case_line_edit", args=[line.pk]), headers=HTMX
    )

    text = response.content.decode()
    assert not text.lstrip().startswith("<!DOCTYPE")
    assert 'value="1.250,5; 0"' in text
    assert 'hx-post="/business-case-linjer/' in text


def test_edit_post_saves_and_sends_htmx_back_to_the_case(client, konsulent, case):
    client.force_login(konsulent)
    line = case.lines.get(name="Indkøb")
    prefix = f"l{line.pk}-"

    response = client.post(
        reverse("economics:business_case_line_edit", args=[line.pk]),
        {f"{prefix}kind": "cost", f"{prefix}category": "purchase", f"{prefix}name": "Indkøb",
         f"{prefix}likely": "50; 0", f"{prefix}lock_version": 3},
        headers=HTMX,
    )  # fmt: skip

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("economics:business_case", args=[case.project_id])
    line.refresh_from_db()
    assert line.likely == ["50", "0"]


def test_stale_edit_post_shows_the_danish_refusal_in_the_form(client, konsulent, case):
    client.force_login(konsulent)
    line = case.lines.get(name="Indkøb")
    prefix = f"l{line.pk}-"

    response = client.post(
        reverse("economics:business_case_line_edit", args=[line.pk]),
        {f"{prefix}kind": "cost", f"{prefix}category": "purchase", f"{prefix}name": "Indkøb",
         f"{prefix}likely": "50; 0", f"{prefix}lock_version": 1},
        headers=HTMX,
    )  # fmt: skip

    assert response.status_code == 200
    assert "har konsulent.helsingoer gemt en nyere udgave" in response.content.decode()
    line.refresh_from_db()
    assert line.likely == ["100", "0"]


def test_edit_with_wrong_number_of_amounts_is_refused(client, konsulent, case):
    client.force_login(konsulent)
    line = case.lines.get(name="Indkøb")
    prefix = f"l{line.pk}-"

    response = client.post(
        reverse("economics:business_case_line_edit", args=[line.pk]),
        {f"{prefix}kind": "cost", f"{prefix}category": "purchase", f"{prefix}name": "Indkøb",
         f"{prefix}likely": "50", f"{prefix}lock_version": 3},
        headers=HTMX,
    )  # fmt: skip

    assert "Linjen &#x27;Indkøb&#x27; har 1 beløb, men business casen har 2 år" in (
        response.content.decode()
    )
    line.refresh_from_db()
    assert line.likely == ["100", "0"]


def test_other_municipality_cannot_open_the_edit_form(client, other_konsulent, case):
    client.force_login(other_konsulent)
    line = case.lines.get(name="Indkøb")

    response = client.get(reverse("economics:business_case_line_edit", args=[line.pk]))

    assert response.status_code == 404


def test_generated_line_from_unmeasured_versions_says_why_it_is_zero(client, konsulent):
    from procesbank.processes import services as process_services
    from procesbank.processes.tests.conftest import two_task_bpmn

    process = process_services.process_create(
        user=konsulent, name="Umålt", bpmn_xml=two_task_bpmn(), yearly_volume=1200
    )
    as_is = process.versions.get()
    to_be = process_services.version_copy(user=konsulent, version=as_is, label="Skal-være")
    project = project_services.project_create(
        user=konsulent, name="P", owner=konsulent, as_is_version=as_is, to_be_version=to_be
    )
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    services.business_case_time_saving_add(
        user=konsulent, case=case, lock_version=1, as_is_version=as_is, to_be_version=to_be,
        hourly_rate=Decimal(350),
    )  # fmt: skip
    client.force_login(konsulent)

    view = selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk)).lines[0]
    page = client.get(reverse("economics:business_case", args=[project.pk])).content.decode()

    assert view.hours_saved == 0
    assert view.unmeasured == (as_is, to_be)
    assert "Versionen “Skal-være” har ingen målinger endnu" in page
    modeler = reverse("processes:version_modeler", args=[to_be.pk])
    assert f'<a href="{modeler}">Mål opgaverne under Tegn og mål</a>' in page


def test_generated_line_from_measured_versions_has_no_note(konsulent):
    project = project_with_processes(konsulent)
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)
    services.business_case_time_saving_add(
        user=konsulent, case=case, lock_version=1, as_is_version=project.as_is_version,
        to_be_version=project.to_be_version, hourly_rate=Decimal(350),
    )  # fmt: skip

    view = selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk)).lines[0]

    assert view.unmeasured == ()
