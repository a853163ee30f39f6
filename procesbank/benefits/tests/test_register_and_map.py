"""The benefits map's benefit column is the register; measurement reminders; the owner field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from procesbank.benefits import selectors, services
from procesbank.benefits.engine.realisation import next_measurement_on
from procesbank.benefits.models import Benefit, BenefitMapNode
from procesbank.core.dates import add_months
from procesbank.core.errors import UserError
from procesbank.notifications.models import Notification
from procesbank.projects import services as project_services

HTMX = {"HX-Request": "true"}


@pytest.fixture
def project(konsulent):
    return project_services.project_create(user=konsulent, name="Digital ansøgning")


def _benefit(user, project, name="Kortere sagsbehandling", **fields):
    data = {
        "owner": user, "kpi_name": "Sagsbehandlingstid", "kpi_unit": "dage",
        "baseline_value": Decimal(30), "baseline_date": date(2026, 1, 1),
        "target_value": Decimal(10), "target_date": date(2027, 1, 1),
        "yearly_value": Decimal(50000), "schedule": "quarterly",
    } | fields  # fmt: skip
    return services.benefit_create(user=user, project=project, name=name, **data)


def test_a_registered_benefit_is_a_box_of_the_map(konsulent, project):
    benefit = _benefit(konsulent, project)

    chart = selectors.map_chart(selectors.map_nodes(project=project))

    node = BenefitMapNode.objects.get(benefit=benefit)
    assert (node.level, node.label) == ("benefit", "Kortere sagsbehandling")
    assert chart["nodes"] == [
        {"id": str(node.pk), "name": "Kortere sagsbehandling", "x": 600, "y": 0, "level": 2}
    ]


def test_renaming_in_the_register_renames_the_box(konsulent, project):
    benefit = _benefit(konsulent, project)

    services.benefit_update(user=konsulent, benefit=benefit, lock_version=1, name="Hurtigere svar")

    assert BenefitMapNode.objects.get(benefit=benefit).label == "Hurtigere svar"


def test_renaming_the_box_renames_the_benefit_and_links_it(client, konsulent, project):
    benefit = _benefit(konsulent, project)
    change = services.map_node_add(
        user=konsulent, project=project, level="change", label="Færre manuelle trin"
    )
    node = BenefitMapNode.objects.get(benefit=benefit)
    client.force_login(konsulent)

    response = client.post(
        reverse("benefits:benefit_map_node_edit", args=[node.pk]),
        {f"n{node.pk}-level": "benefit", f"n{node.pk}-label": "Hurtigere svar",
         f"n{node.pk}-comes_from": [change.pk]},
        headers=HTMX,
    )  # fmt: skip

    assert response.status_code == 204
    benefit.refresh_from_db()
    assert (benefit.name, benefit.lock_version) == ("Hurtigere svar", 2)
    assert list(BenefitMapNode.objects.get(pk=node.pk).comes_from.all()) == [change]


def test_a_benefit_is_not_added_nor_deleted_in_the_map(client, konsulent, project):
    benefit = _benefit(konsulent, project)
    node = BenefitMapNode.objects.get(benefit=benefit)

    with pytest.raises(UserError) as error:
        services.map_node_add(user=konsulent, project=project, level="benefit", label="Ny")
    client.force_login(konsulent)
    response = client.post(reverse("benefits:benefit_map_node_delete", args=[node.pk]), follow=True)

    assert str(error.value).startswith("Gevinster oprettes i gevinstregistret")
    assert "er en registreret gevinst og bliver i kolonnen Gevinst" in response.content.decode()
    assert BenefitMapNode.objects.filter(pk=node.pk).exists()


def test_deleting_the_benefit_removes_its_box(konsulent, project):
    benefit = _benefit(konsulent, project)

    services.benefit_delete(user=konsulent, benefit=benefit)

    assert not BenefitMapNode.objects.filter(project=project).exists()


def test_a_typed_owner_name_wins_over_the_preselected_user(client, konsulent, project):
    client.force_login(konsulent)
    page = client.get(reverse("benefits:benefit_register", args=[project.pk])).content.decode()
    assert f'<option value="{konsulent.pk}" selected>' in page  # the acting user, preselected

    client.post(
        reverse("benefits:benefit_register", args=[project.pk]),
        {"name": "Færre opkald", "benefit_type": "qualitative", "owner": konsulent.pk,
         "owner_name": "Borgerservicechef", "kpi_name": "Opkald", "kpi_unit": "opkald",
         "baseline_value": "400", "baseline_date": "2026-01-01", "target_value": "150",
         "target_date": "2027-01-01", "schedule": "monthly", "yearly_value": "0"},
    )  # fmt: skip

    benefit = Benefit.objects.get(name="Færre opkald")
    assert (benefit.owner, benefit.owner_name, benefit.owner_label) == (
        None, "Borgerservicechef", "Borgerservicechef",
    )  # fmt: skip


def test_the_service_refuses_both_a_user_and_a_name_as_owner(konsulent, project):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        _benefit(konsulent, project, owner_name="Borgerservicechef")

    assert error.value.message_dict == {
        "owner_name": ["Vælg en bruger eller skriv et navn som gevinstejer, ikke begge."]
    }


def test_measurement_due_follows_the_schedule():
    # quarterly from the baseline 1.1.2026: 1.4.2026; after a measurement on 31.5.2026: 31.8.2026
    due = next_measurement_on
    assert due("quarterly", date(2026, 1, 1), None, date(2027, 1, 1)) == date(2026, 4, 1)
    assert due("quarterly", date(2026, 1, 1), date(2026, 5, 31), date(2027, 1, 1)) == date(
        2026, 8, 31
    )
    # monthly from 31.1.2026: February has 28 days
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    # never after the target; nothing due once the target date is measured
    assert due("quarterly", date(2026, 1, 1), None, date(2026, 2, 15)) == date(2026, 2, 15)
    assert due("yearly", date(2026, 1, 1), date(2026, 2, 15), date(2026, 2, 15)) is None


def test_owner_is_reminded_once_per_due_date(konsulent, project):
    benefit = _benefit(konsulent, project)  # quarterly from 1.1.2026: due 1.4.2026
    _benefit(konsulent, project, name="Uden bruger", owner=None, owner_name="Borgerservicechef")

    call_command("send_benefit_reminders", "--date", "2026-03-31")  # not due yet
    call_command("send_benefit_reminders", "--date", "2026-04-02")
    call_command("send_benefit_reminders", "--date", "2026-04-09")  # same due date: nothing new

    reminders = Notification.objects.filter(kind="benefits.measurement_due")
    assert [(n.recipient, n.params["due"]) for n in reminders] == [(konsulent, "1.4.2026")]
    services.benefit_measurement_add(
        user=konsulent, benefit=benefit, value=Decimal(25),
        measured_on=date(2026, 4, 10), today=date(2026, 4, 10),
    )  # fmt: skip
    call_command("send_benefit_reminders", "--date", "2026-07-10")  # due 10.7.2026
    assert [n.params["due"] for n in reminders.order_by("pk")] == ["1.4.2026", "10.7.2026"]
