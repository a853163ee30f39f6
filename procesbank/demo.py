"""`procesbank demo`: loads the demo data of every app, in dependency order. Idempotent."""

from __future__ import annotations

from procesbank.benefits.demo import load_benefits
from procesbank.catalogue.demo import load_catalogue
from procesbank.competence.demo import load_competence
from procesbank.economics.demo import load_business_cases
from procesbank.mining.demo import load_mining
from procesbank.organisations.demo import DemoAccount, load_organisations
from procesbank.processes.demo import load_processes
from procesbank.projects.demo import load_projects


def load_demo(*, password: str) -> list[DemoAccount]:
    """Load (or top up) all demo data and return the demo accounts."""
    accounts = load_organisations(password=password)
    load_processes()
    load_mining()
    load_catalogue()
    load_projects()
    load_business_cases()
    load_benefits()
    load_competence()
    return accounts
