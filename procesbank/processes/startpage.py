"""The process library's panels on the start page: the processes I worked on lately (from the
revisions I saved and the versions I last changed), and for readers, who change nothing, the
library's latest changes."""

from __future__ import annotations

import datetime

from django.db.models import DateTimeField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can
from procesbank.processes.models import Process, ProcessVersion, Revision
from procesbank.processes.selectors import visible_to

_NEVER = Value(datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC), output_field=DateTimeField())


def processes_edited_by(*, user: User, limit: int = 8) -> list[Process]:
    """The processes the user may read that they edited, latest edit first: a revision they
    saved or a version they changed last. ``my_last_edit`` is the time of their latest edit."""
    my_revisions = Revision.objects.filter(author_id=user.pk)
    my_versions = ProcessVersion.objects.filter(updated_by_id=user.pk)
    last_revision = (
        my_revisions.filter(version__process=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    last_version = (
        my_versions.filter(process=OuterRef("pk")).order_by("-updated_at").values("updated_at")[:1]
    )
    edited = Q(pk__in=my_revisions.values("version__process")) | Q(
        pk__in=my_versions.values("process")
    )
    return list(
        Process.objects.filter(visible_to(user))
        .filter(edited)
        .select_related("municipality")
        .annotate(
            my_last_edit=Greatest(
                Coalesce(Subquery(last_revision), _NEVER), Coalesce(Subquery(last_version), _NEVER)
            )
        )
        .order_by("-my_last_edit", "-pk")[:limit]
    )


def processes_recently_updated(*, user: User, limit: int = 8) -> list[Process]:
    """The processes the user may read, latest changed first."""
    return list(
        Process.objects.filter(visible_to(user))
        .select_related("municipality")
        .order_by("-updated_at", "-pk")[:limit]
    )


def _may_edit(user: User) -> bool:
    return can(user, Action.EDIT)


register_panel(
    Panel(
        key="my-processes",
        order=10,
        title=_("Mine processer"),
        template="processes/startpage/my_processes.html",
        context=lambda user: {"processes": processes_edited_by(user=user)},
        visible=_may_edit,
    )
)
register_panel(
    Panel(
        key="recent-processes",
        order=10,
        title=_("Senest ændrede processer"),
        template="processes/startpage/recent_processes.html",
        context=lambda user: {"processes": processes_recently_updated(user=user)},
        visible=lambda user: not _may_edit(user),
    )
)
