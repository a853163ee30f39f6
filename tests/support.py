"""Helpers for tests that load data outside a test's transaction (a module-scoped demo)."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

#: Migrations that put reference data in (flush empties it, as it empties everything).
SEEDING_MIGRATIONS = [
    "procesbank.economics.migrations.0002_seed_discount_rate",
    "procesbank.economics.migrations.0004_seed_later_rate",
]


def flush_database() -> None:
    """Empty every table, then put back what the migrations seeded (the Finance Ministry's
    discount rate), so the tests that run after it in the same process find the database as
    a fresh migration leaves it, whatever order pytest-xdist gives the files."""
    call_command("flush", interactive=False, verbosity=0)
    reseed_reference_data()


def reseed_reference_data() -> None:
    """What the seeding migrations put in, again (they use get_or_create: safe to repeat)."""
    for name in SEEDING_MIGRATIONS:
        import_module(name).seed(apps, None)
    reset_seeded_sequences()


def reset_seeded_sequences() -> None:
    """Set the seeded tables' id sequences past their rows. PostgreSQL does not roll back a
    sequence: a test that resets sequences inside its transaction (an archive restore empties
    the tables, then sets each sequence to the highest id it loaded) leaves the discount-rate
    sequence at 1 while the seeded row with id 1 is back after the rollback."""
    seeded = [apps.get_model("economics", "DiscountRate")]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), seeded):
            cursor.execute(statement)
