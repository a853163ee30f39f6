"""Reading the dictionary. IT systems are shared by the whole collaboration; roles belong to
one municipality and are read only by its users."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q, QuerySet

from procesbank.dictionary.engine.names import fold, group_names, tidy
from procesbank.dictionary.models import ItSystem, ItSystemAlias, Role
from procesbank.dictionary.usage import usages
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can

SUGGESTION_LIMIT = 20


def it_system_list(*, user: User, q: str = "") -> QuerySet[ItSystem]:
    """Every IT system (shared), those whose name, vendor or a spelling contains ``q``."""
    systems = ItSystem.objects.all()
    words = fold(q).split()
    for word in words:
        systems = systems.filter(
            Q(folded__contains=word) | Q(vendor__icontains=word) | Q(aliases__folded__contains=word)
        )
    return systems.distinct().prefetch_related("aliases")


def access_it_system(*, user: User, it_system_id: int) -> ItSystem:
    return access_or_404(ItSystem.objects.all(), pk=it_system_id)


def it_system_suggestions(*, user: User, q: str, limit: int = SUGGESTION_LIMIT) -> list[ItSystem]:
    """IT systems for a picker: names starting with ``q`` first, then names, vendors or
    spellings holding it, each by name."""
    key = fold(q)
    starts = list(
        ItSystem.objects.filter(folded__startswith=key).prefetch_related("aliases")[:limit]
    )
    if len(starts) >= limit or not key:
        return starts
    rest = it_system_list(user=user, q=q).exclude(pk__in=[s.pk for s in starts])
    return starts + list(rest[: limit - len(starts)])


def it_system_by_name(name: str) -> ItSystem | None:
    """The record named ``name`` or with it as a mapped spelling (case and spaces aside)."""
    key = fold(name)
    system = ItSystem.objects.filter(folded=key).first()
    if system is None:
        alias = ItSystemAlias.objects.filter(folded=key).select_related("it_system").first()
        system = None if alias is None else alias.it_system
    return system


def it_system_names() -> list[str]:
    """Every record's name, for the pickers' lists."""
    return list(ItSystem.objects.values_list("name", flat=True))


def known_folded() -> dict[str, str]:
    """{folded name or spelling: the record's name}."""
    known = dict(ItSystem.objects.values_list("folded", "name"))
    known.update(ItSystemAlias.objects.values_list("folded", "it_system__name"))
    return known


def canonical_it_systems(names: list[str]) -> list[str]:
    """``names`` as the dictionary spells them: a name or mapped spelling of a record becomes
    the record's name ("sbsys " -> "SBSYS"); any other text stays, trimmed. Order kept,
    repeats dropped."""
    known = known_folded()
    result = [known.get(fold(name), tidy(name)) for name in names]
    return [name for name in dict.fromkeys(result) if name]


def unmapped_texts(*, user: User) -> list[tuple[str, int]]:
    """IT-system texts in use that match no record or spelling (spellings that differ only in
    case and spaces counted as one, shown as the most used), with how often each is used,
    most used first (for the collaboration administrator's mapping page)."""
    if not can(user, Action.ADMINISTER_COLLABORATION):
        return []
    known = known_folded()
    texts = [tidy(text) for usage in usages() for text in usage.texts() if fold(text) not in known]
    counts = Counter(fold(text) for text in texts if text)
    spelled = group_names(texts)
    return sorted(
        ((spelled[key], count) for key, count in counts.items()), key=lambda i: (-i[1], fold(i[0]))
    )


def role_list(*, user: User, q: str = "") -> QuerySet[Role]:
    """The roles of the user's own municipality."""
    roles = Role.objects.filter(municipality=user.municipality)
    for word in fold(q).split():
        roles = roles.filter(folded__contains=word)
    return roles


def access_role(*, user: User, role_id: int) -> Role:
    return access_or_404(role_list(user=user), pk=role_id)


def role_names(*, user: User) -> list[str]:
    return list(role_list(user=user).values_list("name", flat=True))
