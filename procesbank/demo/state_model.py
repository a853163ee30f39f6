"""Demo risk logs (statens business case-model): a risk log on every demo business case that has
none, and the first case of each municipality priced by its risk pool. Safe to run again: a
case with risks is left as it is."""

from __future__ import annotations

from decimal import Decimal

from procesbank.economics import services
from procesbank.economics.models import BusinessCase, RiskMethod
from procesbank.organisations.models import Role, User

# (risk, probability %, consequence kr., owner, action)
RISKS = [
    ("Leverandøren leverer for sent", 30, 150000, "Projektleder",
     "Milepælsplan med bod i kontrakten"),
    ("Integration til fagsystemet kræver mere udvikling", 25, 200000, "It-arkitekt",
     "Tidlig test mod fagsystemets testmiljø"),
    ("Medarbejderne tager ikke løsningen i brug", 20, 120000, "Afdelingsleder",
     "Superbrugere og oplæring før idriftsættelse"),
    ("Data fra det gamle system er mangelfulde", 40, 60000, "Dataansvarlig",
     "Prøvemigrering og oprydning i analysefasen"),
    ("Ændret lovgivning på området", 5, 300000, "Jurist", "Følg lovforslag i høring"),
]  # fmt: skip


def load_state_model() -> int:
    """Add the demo risk log to the business cases without one; returns how many got one."""
    filled = 0
    first_per_municipality: set[int] = set()
    cases = BusinessCase.objects.select_related("project__municipality").order_by("pk")
    for case in cases:
        if case.risks.exists():
            continue
        municipality = case.project.municipality
        user = User.objects.filter(municipality=municipality, role=Role.KONSULENT).first()
        if user is None:
            continue
        for name, probability, consequence, owner, action in RISKS:
            current = BusinessCase.objects.get(pk=case.pk)
            services.risk_add(
                user=user, case=current, lock_version=current.lock_version, name=name,
                probability=Decimal(probability), consequence=Decimal(consequence),
                owner=owner, action=action,
            )  # fmt: skip
        if municipality.pk not in first_per_municipality:
            first_per_municipality.add(municipality.pk)
            current = BusinessCase.objects.get(pk=case.pk)
            services.business_case_save(
                user=user, project=current.project, first_year=current.first_year,
                horizon=current.horizon, risk_share=current.risk_share,
                discount_rate=current.discount_rate, lock_version=current.lock_version,
                risk_method=RiskMethod.RISK_LOG,
            )  # fmt: skip
        filled += 1
    return filled
