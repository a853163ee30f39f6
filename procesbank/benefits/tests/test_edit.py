"""Editing in place: a benefit of the register (every field, with its lock) and a box of the
benefits map (text and column)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from procesbank.benefits import services
from procesbank.benefits.models import Benefit, BenefitMapNode
from procesbank.organisations.models import AuditEntry
from procesbank.projects import services as project_services

HTMX = {"HX-Request": "true"}


@pytest.fixture
def project(konsulent):
    return project_services.project_create(user=konsulent, name="Digital ansøgning")


@pytest.fixture
def benefit(konsulent, project):
    return services.benefit_create(
        user=konsulent, project=project, name="Kortere sagsbehandling", owner=konsulent,
        kpi_name="Sagsbehandlingstid", kpi_unit="dage", baseline_value=Decimal(30),
        baseline_date=date(2026, 1, 1), target_value=Decimal(10), target_date=date(2027, 1, 1),
        yearly_value=Decimal(50000),
    )  # fmt: skip


def benefit_post(benefit, lock_version, **changes):
    prefix = f"b{benefit.pk}-"
    data = {
        "name": "Hurtigere svar", "benefit_type": "economic_budget", "owner": "",
        "owner_name": "Ydelseschef", "kpi_name": "Svartid", "kpi_unit": "timer",
        "baseline_value": "48", "baseline_date": "2026-02-01", "target_value": "24",
        "target_date": "2027-02-01", "schedule": "monthly", "yearly_value": "75000",
        "lock_version": lock_version,
    } | changes  # fmt: skip
    return {prefix + key: value for key, value in data.items()}


def test_benefit_edit_form_is_an_htmx_partial_with_the_values(client, konsulent, benefit):
    client.force_login(konsulent)

    response = client.get(reverse("benefits:benefit_edit", args=[benefit.pk]), headers=HTMX)

    text = response.content.decode()
    assert not text.lstrip().startswith("<!DOCTYPE")
    assert 'value="Kortere sagsbehandling"' in text
    assert f'name="b{benefit.pk}-lock_version" value="1"' in text


def test_benefit_edit_saves_every_field_and_audits(client, konsulent, benefit):
    client.force_login(konsulent)

    response = client.post(
        reverse("benefits:benefit_edit", args=[benefit.pk]), benefit_post(benefit, 1), headers=HTMX
    )

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse(
        "benefits:benefit_register", args=[benefit.project_id]
    )
    saved = Benefit.objects.get(pk=benefit.pk)
    assert (
        saved.name, saved.benefit_type, saved.owner, saved.owner_name, saved.kpi_name,
        saved.kpi_unit, saved.baseline_value, saved.baseline_date, saved.target_value,
        saved.target_date, saved.schedule, saved.yearly_value, saved.lock_version,
    ) == (
        "Hurtigere svar", "economic_budget", None, "Ydelseschef", "Svartid", "timer",
        Decimal(48), date(2026, 2, 1), Decimal(24), date(2027, 2, 1), "monthly",
        Decimal(75000), 2,
    )  # fmt: skip
    entry = AuditEntry.objects.filter(object_type="benefits.Benefit").latest("pk")
    assert (entry.action, entry.before["name"], entry.after["name"]) == (
        "update", "Kortere sagsbehandling", "Hurtigere svar",
    )  # fmt: skip


def test_stale_benefit_edit_is_refused_in_danish(client, konsulent, benefit):
    client.force_login(konsulent)
    services.benefit_update(user=konsulent, benefit=benefit, lock_version=1, kpi_unit="dg.")

    response = client.post(
        reverse("benefits:benefit_edit", args=[benefit.pk]), benefit_post(benefit, 1), headers=HTMX
    )

    assert response.status_code == 200
    assert (
        "Mens du redigerede, har en anden bruger gemt en nyere udgave ("
        in response.content.decode()
    )
    assert Benefit.objects.get(pk=benefit.pk).name == "Kortere sagsbehandling"


def test_benefit_edit_refuses_a_target_before_the_baseline(client, konsulent, benefit):
    client.force_login(konsulent)

    response = client.post(
        reverse("benefits:benefit_edit", args=[benefit.pk]),
        benefit_post(benefit, 1, target_date="2025-01-01"),
        headers=HTMX,
    )

    assert response.status_code == 200
    assert Benefit.objects.get(pk=benefit.pk).name == "Kortere sagsbehandling"
    assert "Måldatoen 1.1.2025 skal ligge efter baselinedatoen 1.2.2026." in (
        response.content.decode()
    )


def test_other_municipality_cannot_edit_a_benefit(client, other_konsulent, benefit):
    client.force_login(other_konsulent)

    response = client.post(
        reverse("benefits:benefit_edit", args=[benefit.pk]), benefit_post(benefit, 1)
    )

    assert response.status_code == 404
    assert Benefit.objects.get(pk=benefit.pk).name == "Kortere sagsbehandling"


def test_map_node_edit_keeps_links_when_only_the_text_changes(konsulent, project):
    portal = services.map_node_add(
        user=konsulent, project=project, level="deliverable", label="Portal"
    )
    change = services.map_node_add(
        user=konsulent, project=project, level="change", label="Selvbetjening", comes_from=[portal]
    )

    services.map_node_update(user=konsulent, node=portal, level="deliverable", label="Ny portal")

    portal.refresh_from_db()
    assert portal.label == "Ny portal"
    assert list(portal.leads_to.all()) == [change]


def test_map_node_moved_to_another_column_loses_its_links(client, konsulent, project):
    portal = services.map_node_add(
        user=konsulent, project=project, level="deliverable", label="Portal"
    )
    change = services.map_node_add(
        user=konsulent, project=project, level="change", label="Selvbetjening", comes_from=[portal]
    )
    client.force_login(konsulent)

    response = client.post(
        reverse("benefits:benefit_map_node_edit", args=[change.pk]),
        {f"n{change.pk}-level": "goal", f"n{change.pk}-label": "Færre opkald"},
        headers=HTMX,
    )

    assert response.status_code == 204
    change = BenefitMapNode.objects.get(pk=change.pk)
    assert (change.level, change.label) == ("goal", "Færre opkald")
    assert list(change.comes_from.all()) == []
    entry = AuditEntry.objects.filter(object_type="benefits.BenefitMapNode").latest("pk")
    assert (entry.before["comes_from"], entry.after["comes_from"]) == ([portal.pk], [])


def test_other_municipality_cannot_edit_a_map_node(client, other_konsulent, konsulent, project):
    node = services.map_node_add(
        user=konsulent, project=project, level="deliverable", label="Portal"
    )
    client.force_login(other_konsulent)

    response = client.get(reverse("benefits:benefit_map_node_edit", args=[node.pk]))

    assert response.status_code == 404


def test_benefit_edit_takes_danish_numbers(client, konsulent, benefit):
    client.force_login(konsulent)

    response = client.post(
        reverse("benefits:benefit_edit", args=[benefit.pk]),
        benefit_post(benefit, 1, baseline_value="48,5", yearly_value="250.000"),
        headers=HTMX,
    )

    assert response.status_code == 204
    saved = Benefit.objects.get(pk=benefit.pk)
    assert (saved.baseline_value, saved.yearly_value) == (Decimal("48.5"), Decimal(250000))


def test_measurement_takes_a_danish_decimal_comma(client, konsulent, benefit):
    client.force_login(konsulent)

    client.post(
        reverse("benefits:benefit_measurement_add", args=[benefit.pk]),
        {f"m{benefit.pk}-measured_on": "2026-06-30", f"m{benefit.pk}-value": "22,5"},
    )

    assert [m.value for m in benefit.measurements.all()] == [Decimal("22.5")]
