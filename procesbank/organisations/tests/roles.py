"""The role sets every app's permission matrix is written with.

A matrix row says, per role, which status a request gets: ``ok_for(EDITORS, 302)`` is 302 for
the editing roles and 403 for the rest (pass ``denied=404`` where the object must stay
invisible).
"""

from __future__ import annotations

from procesbank.organisations.models import Role

ROLES = [Role.LAESER, Role.KONSULENT, Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN]
ALL = set(ROLES)
EDITORS = {Role.KONSULENT, Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN}
ADMINS = {Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN}
NONE: set[str] = set()


def ok_for(roles: set[str], ok: int, denied: int = 403) -> dict[str, int]:
    return {role: (ok if role in roles else denied) for role in ROLES}
