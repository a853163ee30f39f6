"""Pickers of objects from several municipalities.

Seven municipalities may each have an "Ansøgning om byggetilladelse (enfamiliehus)": a picker
that lists them by name alone offers seven identical options. Every picker of objects that can
belong to other municipalities orders them with :func:`own_first` (the user's own municipality
first, then the others by name) and labels each with :func:`owner_label` ("name (Helsingør)").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import Case, IntegerField, Value, When

if TYPE_CHECKING:
    from procesbank.organisations.models import User

M = TypeVar("M", bound=models.Model)


def own_first(
    queryset: models.QuerySet[M],
    *,
    user: User,
    via: str = "municipality",
    then: Sequence[str] = ("name", "pk"),
) -> models.QuerySet[M]:
    """``queryset`` with the rows of the user's municipality first, then the other
    municipalities' by municipality name; within a municipality by ``then``. ``via`` is the
    path to the owning municipality (``"process__municipality"`` for a process version; ``""``
    for municipalities themselves)."""
    own = Case(
        When(**{f"{via}_id" if via else "pk": user.municipality_id}, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return queryset.order_by(own, f"{via}__name" if via else "name", *then)


def owner_label(name: str, municipality: object) -> str:
    """An option's text: the object's name with its owner, ``"Proces (Gribskov)"``."""
    return f"{name} ({municipality})"
