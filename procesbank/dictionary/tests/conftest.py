from __future__ import annotations

import pytest

from procesbank.organisations.models import Role, User


@pytest.fixture
def samarbejdsadmin(make_user) -> User:
    return make_user(Role.SAMARBEJDSADMIN, username="samarbejde.admin")


@pytest.fixture
def kommuneadmin(make_user) -> User:
    return make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")
