"""Fixtures shared by every test: two municipalities with one user of each role."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from procesbank.kit import stamps
from procesbank.organisations.models import Collaboration, Municipality, Role, User
from procesbank.organisations.tests.factories import MunicipalityFactory, UserFactory
from tests.support import reset_seeded_sequences


@pytest.fixture(autouse=True)
def _danish(settings):
    settings.LANGUAGE_CODE = "da"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.AXES_ENABLED = True
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Fast hashing: the tests create many users; production keeps Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: on SQLite a rolled-back test's user ids come
    again, and per-user counts (the search budget) or cached choices must not carry over."""
    cache.clear()


@pytest.fixture(autouse=True)
def _stamps_raised_at_once(monkeypatch):
    """A test's transaction never commits, so the stamps' counters (raised after a commit in
    production) are raised inside it; kit/tests/test_stamps.py checks the real order."""
    monkeypatch.setattr(stamps, "RAISE_AT_ONCE", True)


@pytest.fixture(autouse=True)
def _seeded_sequences_past_their_rows(request):
    """On PostgreSQL a rolled-back test keeps what it did to a sequence: an archive restore in
    one test sets the discount-rate sequence back to 1, the rollback brings the seeded row 1
    back, and the next test to add a rate collides with it. Put the sequence right first."""
    database_fixtures = {"db", "transactional_db"} & set(request.fixturenames)
    if request.node.get_closest_marker("django_db") is None:
        if not database_fixtures:
            return
        request.getfixturevalue(sorted(database_fixtures)[-1])
    if connection.vendor == "postgresql":
        reset_seeded_sequences()


@pytest.fixture
def own_municipality(db) -> Municipality:
    return MunicipalityFactory(name="Helsingør", code="217", slug="helsingoer", population=64_210)


@pytest.fixture
def other_municipality(db) -> Municipality:
    return MunicipalityFactory(name="Gribskov", code="270", slug="gribskov", population=41_990)


@pytest.fixture
def make_user(db, own_municipality):
    def make(
        role: str = Role.KONSULENT, municipality: Municipality | None = None, **kwargs
    ) -> User:
        return UserFactory(role=role, municipality=municipality or own_municipality, **kwargs)

    return make


@pytest.fixture
def konsulent(make_user) -> User:
    return make_user(Role.KONSULENT, username="konsulent.helsingoer")


@pytest.fixture
def other_konsulent(make_user, other_municipality) -> User:
    return make_user(Role.KONSULENT, other_municipality, username="konsulent.gribskov")


@pytest.fixture
def stranger(db):
    """A consultant of a municipality in another collaboration."""
    elsewhere = MunicipalityFactory(
        name="Aarhus", code="751", slug="aarhus", population=367_095,
        collaboration=Collaboration.objects.create(name="Østjylland"),
    )  # fmt: skip
    return UserFactory(role=Role.KONSULENT, municipality=elsewhere, username="konsulent.aarhus")
