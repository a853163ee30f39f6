"""The stored business case: the same figures as test_npv's four-year case, built through the
services, and the generated time-saving line computed from two process versions."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from procesbank.core.errors import UserError
from procesbank.economics import selectors, services
from procesbank.economics.models import BusinessCase, DiscountRate
from procesbank.kit.locking import StaleEditError
from procesbank.kit.templatetags.procesbank import day_time
from procesbank.organisations.models import AuditEntry, Role
from procesbank.processes import services as process_services
from procesbank.processes.engine.bpmn import TaskMeasurements
from procesbank.projects import services as project_services
from procesbank.projects.tests.factories import project_with_processes

CENT = Decimal("0.01")


@pytest.fixture
def ten_percent(db):
    return DiscountRate.objects.create(valid_from=date(2024, 6, 1), rate=Decimal("0.10"))


@pytest.fixture
def project(konsulent):
    return project_services.project_create(user=konsulent, name="Digital ansøgning")


def four_year_case(user, project, rate):
    """test_npv's case: 2025-2028 at 10 %, whole-case risk 20 %, Licens with its own 10 %."""
    case = services.business_case_save(
        user=user,
        project=project,
        first_year=2025,
        horizon=4,
        risk_share=Decimal("0.20"),
        discount_rate=rate,
    )
    lines = [
        ("cost", "development", "Udvikling", [100000, 0, 0, 0], [80000, 0, 0, 0],
         [150000, 0, 0, 0], None),
        ("cost", "licences", "Licens", [20000] * 4, [], [], Decimal("0.10")),
        ("benefit", "not_budget_relevant", "Frigjort tid", [0, 60000, 90000, 90000],
         [0, 24000, 48000, 48000], [0, 120000, 120000, 120000], None),
    ]  # fmt: skip
    for kind, category, name, likely, low, high, risk in lines:
        services.business_case_line_add(
            user=user,
            case=case,
            lock_version=BusinessCase.objects.get(pk=case.pk).lock_version,
            kind=kind,
            category=category,
            name=name,
            likely=[Decimal(v) for v in likely],
            minimum=[Decimal(v) for v in low],
            maximum=[Decimal(v) for v in high],
            risk_share=risk,
        )
    return BusinessCase.objects.get(pk=case.pk)


def test_stored_case_gives_hand_computed_npv_unadjusted_and_risk_adjusted(
    konsulent, project, ten_percent
):
    case = four_year_case(konsulent, project, ten_percent)

    result = selectors.business_case_result(case=case)

    assert result.error is None
    assert result.evaluation is not None
    # Unadjusted (test_npv): -125000 + 44000/1.1 + 68000/1.21 + 68000/1.331 = 22287.75,
    # payback 3 + 13000 / 68000 = 3.19 years.
    assert result.evaluation.unadjusted.npv.quantize(CENT) == Decimal("22287.75")
    assert result.evaluation.unadjusted.payback_years.quantize(CENT) == Decimal("3.19")
    # Risk-adjusted: -148000 + 29200/1.1 + 48400/1.21 + 48400/1.331 = -45090.91; the
    # cumulative net ends at -22000, so it never pays back.
    assert result.evaluation.npv.quantize(CENT) == Decimal("-45090.91")
    assert result.evaluation.payback_years is None


def test_case_without_chosen_rate_uses_the_rate_in_force_on_first_january(
    konsulent, project, ten_percent
):
    # 10 % is in force from 1.6.2024; on 1.1.2024 the seeded 3.5 % applies, on 1.1.2025 10 %.
    case = services.business_case_save(user=konsulent, project=project, first_year=2024, horizon=3)

    assert selectors.rate_for(case).rate == Decimal("0.035")
    assert selectors.rate_for(case).later_rate == Decimal("0.025")

    case = services.business_case_save(
        user=konsulent, project=project, first_year=2025, horizon=3, lock_version=1
    )

    assert selectors.rate_for(case).rate == Decimal("0.10")


def test_line_with_wrong_number_of_amounts_is_refused(konsulent, project):
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=4)

    with pytest.raises(UserError) as error:
        services.business_case_line_add(
            user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
            name="Indkøb", likely=[Decimal(1), Decimal(2)],
        )  # fmt: skip

    assert str(error.value) == "Linjen 'Indkøb' har 2 beløb, men business casen har 4 år"


def test_negative_amount_is_refused_with_npv_message(konsulent, project):
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=2)

    with pytest.raises(UserError) as error:
        services.business_case_line_add(
            user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
            name="Indkøb", likely=[Decimal(100), Decimal(-5)],
        )  # fmt: skip

    assert str(error.value).startswith("Linjen 'Indkøb' har et negativt beløb i 2028: -5.")


def test_stale_line_add_is_refused(konsulent, project):
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=1)
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="A", likely=[Decimal(1)],
    )  # fmt: skip

    with pytest.raises(StaleEditError) as error:
        services.business_case_line_add(
            user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
            name="B", likely=[Decimal(1)],
        )  # fmt: skip

    case.refresh_from_db()
    assert str(error.value) == (
        f"Mens du redigerede, har konsulent.helsingoer gemt en nyere udgave "
        f"({day_time(case.updated_at)}). Dine ændringer er ikke gemt: genindlæs siden, og "
        "indtast dem igen."
    )


def test_laeser_may_not_change_a_case(make_user, project):
    with pytest.raises(PermissionDenied):
        services.business_case_save(
            user=make_user(Role.LAESER), project=project, first_year=2027, horizon=3
        )


def test_changes_are_audited(konsulent, project):
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=1)
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="A", likely=[Decimal(1)],
    )  # fmt: skip

    types = list(
        AuditEntry.objects.filter(object_type__startswith="economics")
        .order_by("pk")
        .values_list("object_type", "action")
    )

    assert types == [("economics.BusinessCase", "create"), ("economics.BusinessCaseLine", "create")]


def test_generated_time_saving_line_follows_the_processes(konsulent):
    project = project_with_processes(konsulent)
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=3)

    services.business_case_time_saving_add(
        user=konsulent,
        case=case,
        lock_version=1,
        as_is_version=project.as_is_version,
        to_be_version=project.to_be_version,
        hourly_rate=Decimal(350),
        ramp_up=[Decimal("0.5")],
    )
    view = selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk)).lines[0]

    # 400 hours saved a year (factories.process_pair) x 350 DKK = 140000 DKK; ramp-up 50 %,
    # then full effect for the years not given: 70000, 140000, 140000.
    assert view.row.name == "Frigjort sagsbehandlertid"
    assert view.hours_saved == Decimal(400)
    assert view.line.expected_amounts() == (Decimal(70000), Decimal(140000), Decimal(140000))

    # The to-be T1 drops from 10 to 5 minutes: 25 min x 1200 / 60 = 500 hours -> 175000 DKK.
    process_services.task_measurements_set(
        user=konsulent,
        version=project.to_be_version,
        task_id="T1",
        measurements=TaskMeasurements(5, 5, 5),
    )
    view = selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk)).lines[0]

    assert view.line.expected_amounts() == (Decimal(87500), Decimal(175000), Decimal(175000))


def test_shortening_a_case_cuts_every_line(konsulent, project):
    case = services.business_case_save(user=konsulent, project=project, first_year=2027, horizon=3)
    services.business_case_line_add(
        user=konsulent, case=case, lock_version=1, kind="cost", category="purchase",
        name="A", likely=[Decimal(1), Decimal(2), Decimal(3)],
    )  # fmt: skip

    services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=2, lock_version=2
    )

    assert case.lines.get().likely == ["1", "2"]


def test_only_samarbejdsadmin_adds_discount_rates(make_user):
    with pytest.raises(PermissionDenied):
        services.discount_rate_add(
            user=make_user(Role.KOMMUNEADMIN), valid_from=date(2030, 1, 1), rate=Decimal("0.03")
        )

    rate = services.discount_rate_add(
        user=make_user(Role.SAMARBEJDSADMIN), valid_from=date(2030, 1, 1), rate=Decimal("0.03")
    )

    assert [r.rate for r in DiscountRate.objects.all()] == [Decimal("0.03"), Decimal("0.035")]
    assert rate.valid_from == date(2030, 1, 1)
