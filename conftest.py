"""Fixtures shared by every test: two municipalities with one user of each role."""

from __future__ import annotations

import pytest

from procesbank.organisations.models import Municipality, Role, User
from procesbank.organisations.tests.factories import MunicipalityFactory, UserFactory


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
