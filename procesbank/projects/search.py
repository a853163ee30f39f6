"""The projects' search provider (``kit/search.py``): projects by name and description,
among those the reader may see (:func:`procesbank.projects.selectors.visible_to`: the own
municipality's). A project has no KLE number of its own; the KLE filter keeps the projects
whose as-is or to-be version maps a process of that KLE number that the reader may see.
One limited query."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesbank.kit.search import SearchFilters, SearchHit, snippet, text_match
from procesbank.processes.models import Process
from procesbank.processes.selectors import visible_to as processes_visible_to
from procesbank.projects.models import Project
from procesbank.projects.selectors import visible_to


class ProjectSearch:
    kind = "project"
    label = _("Projekter")
    order = 80

    def search(
        self, *, user: Any, query: str, filters: SearchFilters, limit: int
    ) -> list[SearchHit]:
        projects = Project.objects.filter(visible_to(user))
        if filters.municipality_id:
            projects = projects.filter(municipality_id=filters.municipality_id)
        if filters.kle:
            # Through a process the reader may see only: a KLE number is derived from it.
            processes = Process.objects.filter(
                processes_visible_to(user), kle_code__startswith=filters.kle
            ).values("pk")
            projects = projects.filter(
                Q(as_is_version__process__in=processes) | Q(to_be_version__process__in=processes)
            )
        rows = (
            text_match(projects, ["name", "description"], query)
            .select_related("municipality")
            .only("name", "description", "municipality__name")
            .order_by("-search_rank", "name", "pk")[:limit]
        )
        hits = []
        for project in rows:
            hits.append(
                SearchHit(
                    kind=self.kind,
                    title=project.name,
                    url=reverse("projects:project_detail", args=[project.pk]),
                    snippet=snippet(project.description, query),
                    municipality=project.municipality.name,
                    score=float(getattr(project, "search_rank", 0) or 0),
                )
            )
        return hits
