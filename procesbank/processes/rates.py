"""Hourly rates per role for a municipality (read by services and selectors alike)."""

from __future__ import annotations

from decimal import Decimal

from procesbank.organisations.models import Municipality
from procesbank.processes.models import RoleRate


def rates_for(municipality: Municipality) -> tuple[dict[str, Decimal], Decimal]:
    """(rate by role, default rate) in DKK per hour for the municipality."""
    rates = dict(
        RoleRate.objects.filter(municipality=municipality).values_list("role", "hourly_rate")
    )
    # Decimal(str()): a freshly created municipality still holds the field default, an int.
    return rates, Decimal(str(municipality.default_hourly_rate))
