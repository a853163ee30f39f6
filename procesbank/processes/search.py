"""The process library's search providers (``kit/search.py``): processes by name, description,
purpose, KLE number and task names, and the tasks of process versions ("a version of X has a
task named Y").

Both start from :func:`procesbank.processes.selectors.visible_to`, the filter of every process
page. On PostgreSQL processes match the stored, GIN-indexed Danish search vector of migration
0004 (name A, description and purpose B, task names and legal basis C), and tasks the GIN index
on their names' Danish vector of migration 0005; on SQLite both use the kit's stemmed
substring fallback. Each ranks ids in one limited query, then loads the hits shown.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from procesbank.kit.search import (
    RankedKey,
    RanksThenLoads,
    SearchFilters,
    SearchHit,
    own_first,
    search_words,
    snippet,
)
from procesbank.kit.search import text_match as kit_text_match
from procesbank.organisations.models import Municipality
from procesbank.processes.models import Process, ProcessVersion, TaskMeasurement
from procesbank.processes.selectors import SEARCH_VECTOR, visible_to

KLE_PREFIX = re.compile(r"^\d{2}(\.\d{0,2}){0,2}$")  # "02", "02.34", "02.34.10"


def _visible(user: Any, filters: SearchFilters) -> QuerySet[Process]:
    processes = Process.objects.filter(visible_to(user))
    if filters.municipality_id:
        processes = processes.filter(municipality_id=filters.municipality_id)
    if filters.kle:
        processes = processes.filter(kle_code__startswith=filters.kle)
    return processes


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, config="danish", search_type="websearch")


def _matching_processes(processes: QuerySet[Process], text: str) -> QuerySet[Any]:
    """Processes whose name, description, purpose, KLE number or task names match, with
    ``search_rank``."""
    kle = Q(kle_code__startswith=text) if KLE_PREFIX.match(text) else Q(pk__in=[])
    if connection.vendor == "postgresql":
        query = _query(text)
        # An alias, not an annotation: no hit carries its vector through the sort to Python.
        return (
            processes.alias(search_vector=SEARCH_VECTOR)
            .filter(Q(search_vector=query) | Q(name__icontains=text) | kle)
            .annotate(search_rank=SearchRank(F("search_vector"), query))
        )
    # The KLE number among the fields: "02.34" finds 02.34.10 (as a substring on SQLite).
    fields = ["name", "kle_code", "description", "purpose", "search_text", "legal_basis"]
    return kit_text_match(processes, fields, text)


class ProcessSearch(RanksThenLoads):
    """Processes, ranked on ids alone (``rank``); the hits shown are loaded afterwards."""

    kind = "process"
    #: What decides its ranking for a viewer scope (search.selectors keeps it under their
    #: stamp): the processes and their versions (task names: a new revision saves its version
    #: and touches the processes' search text), and who is a partner.
    ranked_models = (Process, ProcessVersion, Municipality)
    label = _("Processer")
    order = 10

    def rank(self, *, user: Any, query: str, filters: SearchFilters, limit: int) -> list[RankedKey]:
        text = query.strip()
        if not search_words(text):
            return []
        rows = (
            _matching_processes(_visible(user, filters), text)
            .order_by("-search_rank", own_first(user), "name", "pk")
            .values_list("pk", "search_rank")[:limit]
        )
        return [RankedKey(pk=pk, score=float(rank or 0)) for pk, rank in rows]

    def hits(self, *, user: Any, query: str, keys: list[RankedKey]) -> list[SearchHit]:
        text = query.strip()
        found = (
            Process.objects.filter(visible_to(user))  # the keys' access is checked again
            .select_related("municipality")
            .only("name", "description", "purpose", "kle_code", "municipality__name")
            .in_bulk([key.pk for key in keys])
        )
        return [
            SearchHit(
                kind=self.kind,
                title=process.name,
                url=reverse("processes:process_detail", args=[process.pk]),
                snippet=snippet(process.description or process.purpose, text),
                municipality=process.municipality.name,
                kle_code=process.kle_code,
                score=key.score,
            )
            for key in keys
            if (process := found.get(key.pk)) is not None
        ]


class TaskSearch(RanksThenLoads):
    """Tasks of the processes' versions by name, in the processes the reader may see.

    National scale (issue #20): a task word can match a hundred thousand rows ("registrér"),
    and joining each to its version and process for the visibility check before sorting took
    a second. So the order is the task row's own: the exact name first, then the shortest names
    (whose words are most of what they say), by name, then by version (the same name in many
    municipalities' versions keeps a fixed order). No ts_rank: it would stem every match again.

    ``rank`` sorts the matches on the task row alone and keeps the first :data:`WINDOW` times
    ``limit`` (PostgreSQL: from the GIN index of migration 0006, a top-N sort in memory), and
    only those are joined to their process to keep what the reader may see. Most matches are
    visible (everything shared with the collaboration), so the window nearly always holds
    ``limit`` of them (a KLE filter is checked with the visibility, and a word is mostly found
    under its own KLE numbers); when it does not, and it was full, the whole match is ranked
    again with the check inside. A search narrowed to one municipality is ranked that way at
    once: the window would hold few of its tasks, and the planner finds them by municipality.
    The hits shown are loaded afterwards (``hits``)."""

    kind = "task"
    #: What decides its ranking for a viewer scope (search.selectors keeps it under their
    #: stamp): the processes and their versions (task names: a new revision saves its version
    #: and touches the processes' search text), and who is a partner.
    ranked_models = (Process, ProcessVersion, Municipality)
    label = _("Opgaver i procesversioner")
    order = 20

    ORDER = ("name_length", "name", "version_id", "pk")
    #: The window ranked on the task row alone, in multiples of the hits asked for.
    WINDOW = 4

    def rank(self, *, user: Any, query: str, filters: SearchFilters, limit: int) -> list[RankedKey]:
        text = query.strip()
        if not search_words(text):
            return []
        processes = _visible(user, filters)
        if not filters.municipality_id:
            window = limit * self.WINDOW
            top = _ordered(_matching_tasks(TaskMeasurement.objects.all(), text), text)
            rows = list(
                _ordered(TaskMeasurement.objects.filter(pk__in=top.values("pk")[:window]), text)
                .annotate(visible=Exists(processes.filter(pk=OuterRef("version__process_id"))))
                .values_list("pk", "exact", "visible")
            )
            keys = [RankedKey(pk=pk, score=float(exact)) for pk, exact, seen in rows if seen]
            if len(keys) >= limit or len(rows) < window:
                return keys[:limit]
        tasks = TaskMeasurement.objects.filter(version__process__in=processes.values("pk"))
        ranked = _ordered(_matching_tasks(tasks, text), text).values_list("pk", "exact")[:limit]
        return [RankedKey(pk=pk, score=float(exact)) for pk, exact in ranked]

    def hits(self, *, user: Any, query: str, keys: list[RankedKey]) -> list[SearchHit]:
        visible = Process.objects.filter(visible_to(user)).values("pk")
        found = (
            TaskMeasurement.objects.filter(version__process__in=visible)  # checked again
            .select_related("version__process__municipality")
            .only(
                "name",
                "lane",
                "version__label",
                "version__kind",
                "version__process__name",
                "version__process__kle_code",
                "version__process__municipality__name",
            )
            .in_bulk([key.pk for key in keys])
        )
        hits = []
        for key in keys:
            task = found.get(key.pk)
            if task is None:
                continue
            version = task.version
            process = version.process
            where = gettext("En opgave i %(process)s, version %(version)s") % {
                "process": process.name,
                "version": version.display_label,
            }
            if task.lane:
                where += " · " + gettext("udføres af %(lane)s") % {"lane": task.lane}
            hits.append(
                SearchHit(
                    kind=self.kind,
                    title=task.name,
                    url=reverse("processes:process_detail", args=[process.pk])
                    + f"?version={version.pk}",
                    snippet=where,
                    municipality=process.municipality.name,
                    kle_code=process.kle_code,
                    score=key.score,
                )
            )
        return hits


def _matching_tasks(tasks: QuerySet[TaskMeasurement], text: str) -> QuerySet[TaskMeasurement]:
    """The named ``tasks`` whose name matches ``text``."""
    tasks = tasks.exclude(name="")
    if connection.vendor == "postgresql":
        # Matched on the GIN index of migration 0006 (the expression it indexes).
        document = SearchVector("name", config="danish")
        return tasks.alias(search_document=document).filter(search_document=_query(text))
    return kit_text_match(tasks, ["name"], text)


def _ordered(tasks: QuerySet[TaskMeasurement], text: str) -> QuerySet[Any]:
    """``tasks`` in the task search's order, with ``exact``: 1.0 for the name itself (case
    ignored), 0.5 for the other matches."""
    # The length first: it rules out nearly every row before the upper-casing compares it.
    same = Q(Exact(Length("name"), len(text)), name__iexact=text)
    exact = Case(When(same, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
    return tasks.annotate(exact=exact, name_length=Length("name")).order_by(
        "-exact", *TaskSearch.ORDER
    )
