"""Measurements of a joint project's benefit per participant (issue 15): each participant
records its own part, the joint figure is the roll-up, nobody records for another and a
participant does not read another's measurements. The world and its figures are in
:mod:`procesbank.benefits.tests.joint_benefits`."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from procesbank.benefits import selectors, services
from procesbank.benefits.models import Measurement
from procesbank.benefits.tests.joint_benefits import joint_benefits
from procesbank.competence import selectors as competence_selectors
from procesbank.core.errors import UserError
from procesbank.organisations.models import Municipality, Role, User

D = Decimal
SEPT = datetime.date(2026, 9, 30)


@pytest.fixture
def world(db, monkeypatch):
    return joint_benefits(monkeypatch)


def _gamma_measures_70(world) -> Measurement:
    return services.benefit_measurement_add(
        user=world.users["Gamma"],
        benefit=world.shorter,
        value=D(70),
        measured_on=SEPT,
        municipality=world.municipalities["Gamma"],
    )


def test_a_participant_records_its_own_part_and_the_joint_figure_rolls_it_up(world) -> None:
    _gamma_measures_70(world)

    rows = {
        row.benefit.name: row
        for row in selectors.benefit_statuses(
            project=world.project, municipality_id=world.municipalities["Gamma"].pk
        )
    }

    shorter = rows["Kortere sagsbehandling"]
    # Gamma's part: 70 % of 50,000 = 35,000. Alfa and Beta keep the lead's 40 % for the whole
    # project: 10,000 each. Joint: 55,000 of 100,000 = 55 %.
    assert shorter.own is not None
    assert shorter.own.realised_value == D(35_000)
    assert shorter.state.realised_value == D(55_000)
    assert shorter.state.realised_percent == D(55)
    # Planned today (31.3.2027: 455 of 730 days): the parts add up to 100,000 x 455 / 730 =
    # 62,328.767 kr. (to the øre; each part is a 28-digit decimal).
    assert shorter.state.planned_value.quantize(D("0.01")) == D("62328.77")
    assert shorter.status.value == "on_track"


def test_the_parts_add_up_in_effect_after_a_participant_measures(world) -> None:
    _gamma_measures_70(world)

    result = competence_selectors.benefit_realisation(
        user=world.users["Alfa"], on=datetime.date(2026, 12, 31)
    )

    rows = {row.municipality.name: row.figures.realised for row in result.rows}
    # Gamma 35,000 instead of 20,000; Beta 10,000 + its own project's 3,000.
    assert rows == {"Alfa": D(10_000), "Beta": D(13_000), "Gamma": D(35_000)}
    assert result.totals.realised == D(58_000)


def test_a_participant_cannot_record_for_another(world) -> None:
    with pytest.raises(UserError) as refused:
        services.benefit_measurement_add(
            user=world.users["Gamma"],
            benefit=world.shorter,
            value=D(70),
            measured_on=SEPT,
            municipality=world.municipalities["Beta"],
        )

    assert refused.value.render(str) == (
        "Du kan kun registrere målinger for din egen kommune, ikke for Beta."
    )
    assert Measurement.objects.filter(benefit=world.shorter).count() == 1  # the lead's only


def test_the_lead_cannot_record_for_a_participant_either(world) -> None:
    with pytest.raises(UserError):
        services.benefit_measurement_add(
            user=world.users["Alfa"],
            benefit=world.shorter,
            value=D(70),
            measured_on=SEPT,
            municipality=world.municipalities["Gamma"],
        )


def test_a_participant_cannot_record_for_the_whole_project(world) -> None:
    with pytest.raises(PermissionDenied):
        services.benefit_measurement_add(
            user=world.users["Gamma"], benefit=world.shorter, value=D(70), measured_on=SEPT
        )


def test_a_municipality_outside_the_project_cannot_record_its_part(world) -> None:
    outsider = Municipality.objects.create(
        collaboration=world.municipalities["Alfa"].collaboration,
        name="Epsilon",
        code="899",
        slug="epsilon",
        population=1_000,
    )
    user = User.objects.create(
        username="konsulent.epsilon", municipality=outsider, role="konsulent"
    )

    with pytest.raises(UserError) as refused:
        services.benefit_measurement_add(
            user=user, benefit=world.shorter, value=D(70), measured_on=SEPT, municipality=outsider
        )

    assert refused.value.render(str) == (
        "Epsilon deltager ikke i projektet “Fælles ydelsesportal”."
    )
    with pytest.raises(Http404):
        selectors.measurement_list(user=user, benefit_id=world.shorter.pk)


def test_who_records_for_whom(world) -> None:
    reader = User.objects.create(
        username="laeser.beta", municipality=world.municipalities["Beta"], role=Role.LAESER
    )

    def whom(user: User, own_part: bool = False) -> str | None:
        found = selectors.measurement_municipality(
            user=user, benefit=world.shorter, own_part=own_part
        )
        return None if found is None else found.name

    assert whom(world.users["Beta"]) == "Beta"
    assert whom(world.users["Alfa"]) is None  # the lead: the whole project
    assert whom(world.users["Alfa"], own_part=True) == "Alfa"
    with pytest.raises(PermissionDenied):
        whom(reader)


def test_a_participant_reads_its_own_and_the_joint_measurements_only(world) -> None:
    _gamma_measures_70(world)
    services.benefit_measurement_add(
        user=world.users["Beta"],
        benefit=world.shorter,
        value=D(50),
        measured_on=SEPT,
        municipality=world.municipalities["Beta"],
    )

    def seen(name: str) -> list[tuple[str | None, Decimal]]:
        _benefit, rows = selectors.measurement_list(
            user=world.users[name], benefit_id=world.shorter.pk
        )
        return [(m.municipality.name if m.municipality else None, m.value) for m in rows]

    assert seen("Beta") == [(None, D(40)), ("Beta", D(50))]
    assert seen("Gamma") == [(None, D(40)), ("Gamma", D(70))]
    # The lead, which runs the benefits realisation, reads every participant's.
    assert seen("Alfa") == [(None, D(40)), ("Gamma", D(70)), ("Beta", D(50))]


def test_a_participant_records_its_part_on_the_register_page(client, world) -> None:
    client.force_login(world.users["Gamma"])
    prefix = f"m{world.shorter.pk}"

    response = client.post(
        reverse("benefits:benefit_measurement_add", args=[world.shorter.pk]),
        {f"{prefix}-measured_on": "2026-09-30", f"{prefix}-value": "70"},
        follow=True,
    )

    assert response.status_code == 200
    saved = Measurement.objects.get(benefit=world.shorter, municipality__name="Gamma")
    assert saved.value == D(70)
    page = response.content.decode()
    assert 'id="benefit-own-value-' in page
    # Gamma's part realised 35.000 kr.; the joint figure 55.000 kr.
    assert "35.000" in page
    assert "55.000" in page


def test_the_api_records_the_own_part_and_lists_only_what_the_participant_may_read(
    client, world
) -> None:
    url = f"/api/v1/benefits/{world.shorter.pk}/measurements"
    client.force_login(world.users["Gamma"])

    created = client.post(
        url, {"measured_on": "2026-09-30", "value": "70"}, content_type="application/json"
    )
    client.force_login(world.users["Alfa"])
    lead_own = client.post(
        url,
        {"measured_on": "2026-10-31", "value": "45", "own_part": True},
        content_type="application/json",
    )
    client.force_login(world.users["Beta"])
    listed = client.get(url)

    assert created.status_code == 201
    assert created.json()["municipality"] == "Gamma"
    assert lead_own.status_code == 201
    assert lead_own.json()["municipality"] == "Alfa"
    # Beta reads the lead's measurement of the whole project, not Gamma's or Alfa's own.
    assert [(m["municipality"], m["value"]) for m in listed.json()] == [(None, 40.0)]


def test_records_own_part_only_for_a_participant_that_may_edit(world) -> None:
    outsider = Municipality.objects.create(
        collaboration=world.municipalities["Alfa"].collaboration,
        name="Epsilon",
        code="899",
        slug="epsilon",
        population=1_000,
    )
    outsider_user = User.objects.create(
        username="konsulent.epsilon", municipality=outsider, role=Role.KONSULENT
    )
    reader = User.objects.create(
        username="laeser.beta", municipality=world.municipalities["Beta"], role=Role.LAESER
    )
    project = world.shorter.project

    assert selectors.records_own_part(user=world.users["Beta"], project=project)
    assert selectors.records_own_part(user=world.users["Alfa"], project=project)  # lead takes part
    assert not selectors.records_own_part(user=outsider_user, project=project)
    assert not selectors.records_own_part(user=reader, project=project)
