"""The one hook into projects: when a project moves into realisation, its team is asked to
record the lessons. projects stands below knowledge and cannot call it, so knowledge listens
for the phase change (a ``PhaseTransition`` row is written only by ``project_advance``) and
hands the work to its service after the transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from procesbank.projects.models import PhaseTransition, ProjectPhase


def _on_transition(sender: Any, instance: PhaseTransition, created: bool, **kwargs: Any) -> None:
    if not created or instance.to_phase != ProjectPhase.REALISATION:
        return
    from procesbank.knowledge.services import lesson_requested

    project, by = instance.project, instance.by
    transaction.on_commit(lambda: lesson_requested(project=project, by=by))


def connect() -> None:
    post_save.connect(
        _on_transition, sender=PhaseTransition, dispatch_uid="knowledge.lesson_requested"
    )
