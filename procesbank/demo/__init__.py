"""`procesbank demo`: loads the demo data of every app, in dependency order. Idempotent."""

from __future__ import annotations

from procesbank.demo.benefits import load_benefits
from procesbank.demo.catalogue import load_catalogue
from procesbank.demo.competence import load_competence
from procesbank.demo.dictionary import load_dictionary
from procesbank.demo.economics import load_business_cases
from procesbank.demo.governance import load_governance
from procesbank.demo.handbook import load_handbook
from procesbank.demo.joint import load_joint
from procesbank.demo.knowledge import load_knowledge
from procesbank.demo.mining import load_mining
from procesbank.demo.organisations import DemoAccount, load_organisations
from procesbank.demo.processes import load_processes
from procesbank.demo.projects import load_projects
from procesbank.demo.startpage import load_startpage
from procesbank.demo.state_model import load_state_model
from procesbank.demo.units import load_units


def load_demo(*, password: str) -> list[DemoAccount]:
    """Load (or top up) all demo data and return the demo accounts."""
    accounts = load_organisations(password=password)
    load_processes()
    load_units()
    load_mining()
    load_catalogue()
    load_projects()
    load_business_cases()
    load_state_model()
    load_benefits()
    load_joint()
    load_handbook()
    load_competence()
    load_dictionary()
    load_knowledge()
    load_startpage()
    accounts += load_governance(password=password)
    return accounts
