"""Which tables an archive holds, and which rows of them belong to one municipality.

Every model of a ``procesbank.*`` app is archived (a table another helper adds tomorrow is
archived tomorrow), plus Django's groups; operational state is left out (background jobs and
their results, the stamps' write counters, sessions, login throttling, task queues). A
municipality's rows are found by following foreign keys from each model to the municipality
(``Comment -> candidate -> municipality``); a model with no such path is shared reference data
(KLE, discount rates) and is taken whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from procesbank.organisations.models import Collaboration, Municipality

# Operational state, not data a municipality owns: jobs hold progress bars and the archives
# themselves; the stamps' write counters (kit.stamps) only say when cached figures went stale,
# and a restore raises them as it writes.
EXCLUDED = {"jobs.job", "kit.modelchange"}
# Left out of archives that leave the server through the browser (a municipality admin's
# download): credentials. The command-line archive of an operator keeps them.
SECRET_MODELS = {"organisations.apitoken"}
SECRET_FIELDS = {
    "organisations.user": {"password": "!"},  # "!": an unusable password
    "identity.oidcprovider": {"client_secret": ""},  # the municipality enters it again
}
EXTRA = ["auth.group"]


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def archived_models() -> list[type[models.Model]]:
    """The archived models, parents before children where foreign keys allow it."""
    chosen = [apps.get_model(name) for name in EXTRA] + [
        model
        for model in apps.get_models()
        if model.__module__.startswith("procesbank.") and label(model) not in EXCLUDED
    ]
    return _dependency_order(chosen)


def _dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    remaining = sorted(chosen, key=label)
    ordered: list[type[models.Model]] = []
    while remaining:
        for model in remaining:
            parents = {
                field.related_model
                for field in model._meta.concrete_fields
                if field.is_relation and field.related_model is not model
            }
            if not any(parent in remaining for parent in parents):
                break
        else:  # a cycle: constraints are checked at the end anyway
            model = remaining[0]
        ordered.append(model)
        remaining.remove(model)
    return ordered


@dataclass(frozen=True)
class Owner:
    """How a model's rows reach their owner: ``lookup`` equals the municipality's id
    (``kind="municipality"``) or its collaboration's id (``kind="collaboration"``)."""

    lookup: str
    kind: str


def owner_path(
    model: type[models.Model], _seen: frozenset[type[models.Model]] = frozenset()
) -> Owner | None:
    """The path from ``model`` to its owning municipality (or collaboration); None: shared."""
    if model is Municipality:
        return Owner("pk", "municipality")
    if model is Collaboration:
        return Owner("pk", "collaboration")
    fields = [
        field for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one
    ]
    for field in fields:
        if field.related_model is Municipality and field.name == "municipality":
            return Owner("municipality", "municipality")
    # Required links only: a row hangs off its parent (a comment off its candidate); an
    # optional link (who last edited a discount rate) does not make a shared row anyone's.
    for field in fields:
        parent = field.related_model
        if field.null or parent is model or parent in _seen or not isinstance(parent, type):
            continue
        if not parent.__module__.startswith("procesbank."):
            continue
        inner = owner_path(parent, _seen | {model})
        if inner is not None:
            lookup = field.name if inner.lookup == "pk" else f"{field.name}__{inner.lookup}"
            return Owner(lookup, inner.kind)
    return None


def owned_queryset(model: type[models.Model], municipality: Municipality | None) -> models.QuerySet:
    """The rows an archive of ``municipality`` (None: the whole installation) starts from."""
    rows = model._default_manager.all()
    if municipality is None:
        return rows
    owner = owner_path(model)
    if owner is None:
        if model._meta.label_lower == "auth.group":
            return rows.none()
        return rows
    value = municipality.pk if owner.kind == "municipality" else municipality.collaboration_id
    return rows.filter(**{owner.lookup: value})
