"""Reaching one row through what the reader may see.

Views and the API never ``get`` an owned row by its id: they ask the app's ``access_<thing>``
selector, which looks it up within the rows the user may read and answers 404 otherwise, so
another municipality's private row looks exactly like a row that does not exist. The lookup is
the same everywhere and lives here; which rows are visible stays with each app's selector.

Who may *change* a row is a rule about roles and municipalities, and the kit knows neither:
the one implementation is ``organisations.permissions.require_edit``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


def access_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """The one row of ``queryset`` (the rows the reader may see) matching ``lookup``; raises
    ``Http404`` when there is none, whether it does not exist or is not the reader's to see."""
    row = queryset.filter(**lookup).first()
    if row is None:
        raise Http404
    return row
