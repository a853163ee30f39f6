"""Who may do what: the one place where roles turn into permissions.

The rules, as a table (own = the user's municipality):

================== ====== ========= ============ ===============
action             læser  konsulent kommuneadmin samarbejdsadmin
================== ====== ========= ============ ===============
view (own)         yes    yes       yes          yes
participate        yes    yes       yes          yes
edit (own)         no     yes       yes          yes
manage users (own) no     no        yes          yes
administer (own)   no     no        yes          yes
view audit (own)   no     no        yes          yes
view audit (other) no     no        no           yes
administer collab. no     no        no           yes
================== ====== ========= ============ ===============

A medarbejder may do none of these: they use only the staff portal (``procesbank.portal``),
which shows their own municipality's published process versions; every other page sends
them there.

Nobody edits or manages users of another municipality: a municipality owns its content and
its people. Reading another municipality's content depends on what it shared (per object).

"Participate" is deliberate for readers too, in any municipality whose object they may read:
commenting on a candidate, following or favouriting it, and keeping one's own saved searches.
A comment is the reader's own voice (signed, never editable) and marks and searches are
private bookmarks; none of them changes the municipality's content. The pages say so.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from procesbank.organisations.models import Role

if TYPE_CHECKING:
    from procesbank.organisations.models import Municipality, User


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    MANAGE_USERS = "manage_users"
    ADMINISTER_MUNICIPALITY = "administer_municipality"  # rates, FTE hours, settings
    VIEW_AUDIT = "view_audit"
    ADMINISTER_COLLABORATION = "administer_collaboration"
    PARTICIPATE = "participate"  # comment, follow, own saved searches (readers too)


# Everyone but the medarbejder, who uses only the staff portal (procesbank.portal).
_LIBRARY_ROLES = frozenset(Role.values) - {Role.MEDARBEJDER}

_ROLES_FOR_OWN: dict[Action, frozenset[str]] = {
    Action.VIEW: _LIBRARY_ROLES,
    Action.PARTICIPATE: _LIBRARY_ROLES,
    Action.EDIT: frozenset({Role.KONSULENT, Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN}),
    Action.MANAGE_USERS: frozenset({Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN}),
    Action.ADMINISTER_MUNICIPALITY: frozenset({Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN}),
    Action.VIEW_AUDIT: frozenset({Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN}),
    Action.ADMINISTER_COLLABORATION: frozenset({Role.SAMARBEJDSADMIN}),
}
_ROLES_FOR_OTHER: dict[Action, frozenset[str]] = {
    # On another municipality's object only where its sharing lets the user read it.
    Action.PARTICIPATE: _LIBRARY_ROLES,
    Action.VIEW_AUDIT: frozenset({Role.SAMARBEJDSADMIN}),
    Action.ADMINISTER_COLLABORATION: frozenset({Role.SAMARBEJDSADMIN}),
}

# Roles an administrator may hand out: nobody can make someone more powerful than themselves.
_ASSIGNABLE: dict[str, list[str]] = {
    Role.KOMMUNEADMIN: [Role.MEDARBEJDER, Role.LAESER, Role.KONSULENT, Role.KOMMUNEADMIN],
    Role.SAMARBEJDSADMIN: list(Role.values),
}


def can(user: User, action: Action, municipality: Municipality | None = None) -> bool:
    """Whether ``user`` may do ``action`` in ``municipality`` (default: the user's own)."""
    if not user.is_authenticated or not user.is_active or user.municipality_id is None:
        return False
    same_municipality = municipality is None or municipality.pk == user.municipality_id
    roles = _ROLES_FOR_OWN if same_municipality else _ROLES_FOR_OTHER
    return user.role in roles.get(action, frozenset())


def require_edit(user: User, municipality: Municipality | None = None) -> None:
    """Refuse (403) unless ``user`` may change content of ``municipality`` (default: their own):
    the owner municipality's consultants and administrators. Every app's services and
    ``access_<thing>_for_edit`` selectors check writes with this one function."""
    if not can(user, Action.EDIT, municipality):
        raise PermissionDenied


def assignable_roles(user: User) -> list[str]:
    """The roles ``user`` may give to users of their own municipality."""
    if not can(user, Action.MANAGE_USERS):
        return []
    return _ASSIGNABLE.get(user.role, [])
