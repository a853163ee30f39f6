"""`procesbank demo`: loads the demo data of every app, in dependency order. Idempotent."""

from __future__ import annotations

from procesbank.organisations.demo import DemoAccount, load_organisations
from procesbank.processes.demo import load_processes


def load_demo(*, password: str) -> list[DemoAccount]:
    """Load (or top up) all demo data and return the demo accounts."""
    accounts = load_organisations(password=password)
    load_processes()
    return accounts
