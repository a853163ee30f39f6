"""The kit's one table: how often each watched model was written (see ``kit.stamps``)."""

from __future__ import annotations

from django.db import models


class ModelChange(models.Model):
    """A counter per watched model (``app_label.model_name``), raised in the writing
    transaction by every ``save()`` and ``delete()`` of a row of that model, so that a cached
    aggregate keyed by :func:`procesbank.kit.stamps.stamp` is recomputed after any change,
    including the ones MAX(id) cannot see (an edit in place, a hard delete)."""

    label = models.CharField(max_length=100, primary_key=True)
    changes = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.label}: {self.changes}"
