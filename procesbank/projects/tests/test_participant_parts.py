"""A joint project's amount split between its participants by a split key, as the benefits'
parts and the joint case read it (issue 15). The world: four participants of 40,000 / 30,000 /
20,000 / 10,000 inhabitants (Alfa, Beta, Gamma, Delta) with cases 50 / 30 / 20 / 10, fixed
shares 50 / 50 / 0 / 0 and no seats (procesbank.economics.tests.joint_fixture)."""

from __future__ import annotations

from decimal import Decimal

from procesbank.economics.tests.joint_fixture import joint_world
from procesbank.projects.selectors import participant_list, participant_parts

D = Decimal


def _by_name(world, parts: dict[int, Decimal]) -> dict[str, Decimal]:
    names = {m.pk: name for name, m in world.municipalities.items()}
    return {names[municipality_id]: value for municipality_id, value in parts.items()}


def test_parts_by_cases_add_up_to_the_amount(db) -> None:
    world = joint_world(splits=False)

    parts = participant_parts(D(1_100), participant_list(project=world.project), "cases")

    # 1,100 kr. by 50:30:20:10 (110 cases).
    assert _by_name(world, parts) == {
        "Alfa": D(500), "Beta": D(300), "Gamma": D(200), "Delta": D(100),
    }  # fmt: skip


def test_a_key_without_weights_falls_back_to_population(db) -> None:
    world = joint_world(splits=False)

    parts = participant_parts(D(1_000), participant_list(project=world.project), "seats")

    # No participant has seats: 1,000 kr. by population 4:3:2:1 instead of a refusal.
    assert _by_name(world, parts) == {
        "Alfa": D(400), "Beta": D(300), "Gamma": D(200), "Delta": D(100),
    }  # fmt: skip


def test_the_amounts_key_weighs_each_participant_by_its_total(db) -> None:
    world = joint_world(splits=False)
    ids = {name: str(m.pk) for name, m in world.municipalities.items()}
    stored = {ids["Alfa"]: ["100", "200"], ids["Beta"]: ["0", "100"]}

    parts = participant_parts(D(800), participant_list(project=world.project), "amounts", stored)

    # Totals 300 and 100 (Gamma and Delta nothing): 800 kr. by 3:1.
    assert _by_name(world, parts) == {
        "Alfa": D(600), "Beta": D(200), "Gamma": D(0), "Delta": D(0),
    }  # fmt: skip
