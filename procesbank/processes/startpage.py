"""The process library's panels on the start page: the processes I worked on lately (from the
revisions I saved and the versions I last changed), and for readers, who change nothing, the
library's latest changes."""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can
from procesbank.processes.models import Process, ProcessVersion, Revision
from procesbank.processes.selectors import visible_to


def processes_edited_by(*, user: User, limit: int = 8) -> list[Process]:
    """The processes the user may read that they edited, latest edit first: a revision they
    saved or a version they changed last. ``my_last_edit`` is the time of their latest edit.

    The user's own edits are walked newest first (two indexed streams merged in time order)
    until ``limit`` readable processes are found: a consultant with a thousand processes made
    the set-based query (every edited process annotated with its last edit, then sorted) take
    0.8 s on the start page."""
    revisions = (
        Revision.objects.filter(author_id=user.pk)
        .order_by("-created_at", "-pk")
        .values_list("created_at", "version__process_id")
    )
    versions = (
        ProcessVersion.objects.filter(updated_by_id=user.pk)
        .order_by("-updated_at", "-pk")
        .values_list("updated_at", "process_id")
    )
    edits = heapq.merge(
        _batched(revisions), _batched(versions), key=lambda edit: edit[0], reverse=True
    )
    last_edit: dict[int, datetime.datetime] = {}
    found: list[Process] = []
    for at, process_id in edits:
        if process_id in last_edit:
            continue  # an older edit of a process already placed
        last_edit[process_id] = at
        if len(last_edit) % limit == 0:
            found = _readable(user, last_edit)
            if len(found) >= limit:
                break
    else:
        found = _readable(user, last_edit)
    return found[:limit]


def _batched(
    edits: QuerySet[Any, tuple[datetime.datetime, int]], size: int = 200
) -> Iterator[tuple[datetime.datetime, int]]:
    """The rows of an ordered query, read ``size`` at a time (a slice per batch, not a
    server-side cursor: the walk usually stops in the first batch)."""
    start = 0
    while batch := list(edits[start : start + size]):
        yield from batch
        start += size


def _readable(user: User, last_edit: dict[int, datetime.datetime]) -> list[Process]:
    """The processes of ``last_edit`` the user may read, latest edit first."""
    processes = list(
        Process.objects.filter(visible_to(user), pk__in=list(last_edit)).select_related(
            "municipality"
        )
    )
    for process in processes:
        process.my_last_edit = last_edit[process.pk]  # type: ignore[attr-defined]
    return sorted(processes, key=lambda process: (last_edit[process.pk], process.pk), reverse=True)


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
