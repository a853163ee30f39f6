"""The process library's search providers (``kit/search.py``): processes by name, description,
purpose, KLE number and task names, and the tasks of process versions ("a version of X has a
task named Y").

Both start from :func:`procesbank.processes.selectors.visible_to`, the filter of every process
page. On PostgreSQL processes match the stored, GIN-indexed Danish search vector of migration
0004 (name A, description and purpose B, task names and legal basis C), and tasks the GIN index
on their names' Danish vector of migration 0005; on SQLite both use the kit's stemmed
substring fallback. Each runs one limited query.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from procesbank.kit.search import SearchFilters, SearchHit, own_first, search_words, snippet
from procesbank.kit.search import text_match as kit_text_match
from procesbank.processes.models import Process, TaskMeasurement
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


class ProcessSearch:
    kind = "process"
    label = _("Processer")
    order = 10

    def search(
        self, *, user: Any, query: str, filters: SearchFilters, limit: int
    ) -> list[SearchHit]:
        text = query.strip()
        if not search_words(text):
            return []
        rows = (
            _matching_processes(_visible(user, filters), text)
            .select_related("municipality")
            .only("name", "description", "purpose", "kle_code", "municipality__name")
            .order_by("-search_rank", own_first(user), "name", "pk")[:limit]
        )
        return [
            SearchHit(
                kind=self.kind,
                title=process.name,
                url=reverse("processes:process_detail", args=[process.pk]),
                snippet=snippet(process.description or process.purpose, text),
                municipality=process.municipality.name,
                kle_code=process.kle_code,
                score=float(getattr(process, "search_rank", 0) or 0),
            )
            for process in rows
        ]


class TaskSearch:
    """Tasks of the processes' versions by name, in the processes the reader may see: one
    query (PostgreSQL: the task names' GIN index of migration 0005)."""

    kind = "task"
    label = _("Opgaver i procesversioner")
    order = 20

    def search(
        self, *, user: Any, query: str, filters: SearchFilters, limit: int
    ) -> list[SearchHit]:
        text = query.strip()
        if not search_words(text):
            return []
        processes = _visible(user, filters)
        tasks = TaskMeasurement.objects.exclude(name="").filter(
            version__process__in=processes.values("pk")
        )
        if connection.vendor == "postgresql":
            # Matched on the GIN index of migration 0005. A task name is a few words, so no
            # ts_rank (it would stem every match again): the exact name first, then the
            # shortest names, whose words are most of what they say.
            document = SearchVector("name", config="danish")
            tasks = tasks.alias(search_document=document).filter(search_document=_query(text))
        else:
            tasks = kit_text_match(tasks, ["name"], text)
        rows = (
            tasks.annotate(
                exact=Case(
                    When(name__iexact=text, then=Value(1.0)),
                    default=Value(0.5),
                    output_field=FloatField(),
                ),
                name_length=Length("name"),
            )
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
            .order_by(
                "-exact",
                "name_length",
                "name",
                own_first(user, "version__process__municipality_id"),
                "version__process__name",
                "version_id",
            )[:limit]
        )
        hits = []
        for task in rows:
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
                    score=float(task.exact),
                )
            )
        return hits
