"""Every read of the staff portal: the published process versions of the reader's own
municipality, and nothing else (no drafts, no comments, no measurements or costs).

Any employee of the municipality may read them, whatever their role; a municipality's portal
shows only its own processes, whatever they shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from procesbank.governance.engine.guide import GuideStep, guide_steps, public_bpmn
from procesbank.kit.access import access_or_404
from procesbank.kit.search import search_terms, text_match
from procesbank.organisations.models import User
from procesbank.processes.engine.bpmn import BpmnDocument, parse_bpmn
from procesbank.processes.models import Process, ProcessVersion, TaskMeasurement, VersionState

RESULTS_MAX = 200


def _municipality_id(user: User) -> int:
    """The user's municipality's id; -1 (no row) for a user without one."""
    return user.municipality_id if user.municipality_id is not None else -1


def _own_published_processes(user: User) -> QuerySet[Process]:
    if user.municipality_id is None:
        return Process.objects.none()
    published = ProcessVersion.objects.filter(
        process=OuterRef("pk"), state=VersionState.PUBLISHED
    ).values("pk")[:1]
    return (
        Process.objects.filter(
            municipality_id=user.municipality_id,
            versions__state=VersionState.PUBLISHED,
        )
        .annotate(published_version_id=Subquery(published))
        .select_related("municipality")
    )


def portal_processes(*, user: User, q: str = "") -> list[Process]:
    """The municipality's published processes, all by name or those matching everyday words
    ``q`` (Danish stemming): in the name, description, tags or the published version's task
    names. Each carries ``published_version_id``."""
    processes = _own_published_processes(user)
    if not q.strip():
        return list(processes.order_by("name")[:RESULTS_MAX])
    by_facts = text_match(processes, ["name", "description"], q)
    ranked = {p.pk: (float(p.search_rank or 0), p) for p in by_facts[:RESULTS_MAX]}
    # Tags are a short JSON list (stored with escaped letters on SQLite): matched here, each
    # word's Danish stem in some tag, as text_match matches a field.
    terms = search_terms(q)
    tagged = [
        pk
        for pk, tags in processes.exclude(pk__in=list(ranked)).values_list("pk", "tags")
        if terms and all(any(term in str(tag).lower() for tag in tags or []) for term in terms)
    ]
    # Task names only of the published version: a draft's tasks are not the portal's.
    tasks = text_match(
        TaskMeasurement.objects.filter(
            version__state=VersionState.PUBLISHED,
            version__process__municipality_id=_municipality_id(user),
        ),
        ["name"],
        q,
    ).values_list("version__process_id", flat=True)
    missing = (set(tasks[:RESULTS_MAX]) | set(tagged)) - set(ranked)
    if missing:
        for process in processes.filter(pk__in=missing):
            ranked[process.pk] = (0.0, process)
    return [p for _rank, p in sorted(ranked.values(), key=lambda pair: (-pair[0], pair[1].name))]


@dataclass(frozen=True)
class PortalProcess:
    process: Process
    version: ProcessVersion
    steps: tuple[GuideStep, ...]


def _document(version: ProcessVersion) -> BpmnDocument:
    limit = int(settings.PROCESBANK_BPMN_LIMIT_MB) * 1024 * 1024
    return parse_bpmn(version.bpmn_xml.encode("utf-8"), max_bytes=limit)


def access_portal_version(*, user: User, municipality_slug: str, process_id: int) -> ProcessVersion:
    """The published version of one process of the reader's own municipality, found by its
    stable address (municipality slug and process id); 404 for anything else."""
    if user.municipality is None or user.municipality.slug != municipality_slug:
        raise Http404
    versions = ProcessVersion.objects.filter(
        state=VersionState.PUBLISHED, process__municipality_id=_municipality_id(user)
    ).select_related("process__municipality", "process__owner_user")
    return access_or_404(versions, process_id=process_id)


def portal_process(*, user: User, municipality_slug: str, process_id: int) -> PortalProcess:
    version = access_portal_version(
        user=user, municipality_slug=municipality_slug, process_id=process_id
    )
    return PortalProcess(version.process, version, guide_steps(_document(version)))


def portal_bpmn(*, user: User, municipality_slug: str, process_id: int) -> bytes:
    """The published BPMN for the viewer, without Procesbank's measurements."""
    version = access_portal_version(
        user=user, municipality_slug=municipality_slug, process_id=process_id
    )
    return public_bpmn(_document(version))
