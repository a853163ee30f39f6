"""API of process mining: the logs a caller may read and their discovered figures."""

from datetime import datetime
from typing import Any

from ninja import Field, Router, Schema

from procesbank.mining import selectors
from procesbank.mining.engine import discovery
from procesbank.organisations.models import AuthenticatedRequest

router = Router(tags=["mining"])


class EventLogOut(Schema):
    id: int
    name: str
    municipality: str = Field(..., alias="municipality.name")
    source_format: str
    visibility: str
    cases: int
    events: int
    activities: int
    variants: int
    started_at: datetime | None
    ended_at: datetime | None


class SummaryOut(Schema):
    cases: int
    events: int
    activities: int
    variants: int
    dfg: list[dict[str, Any]]
    start_activities: dict[str, int]
    end_activities: dict[str, int]
    case_duration_seconds: dict[str, float | None]


class EdgeOut(Schema):
    source: str
    target: str
    frequency: int
    case_frequency: int
    mean_seconds: float | None
    median_seconds: float | None
    max_seconds: float | None


class VariantOut(Schema):
    variant: list[str]
    cases: int
    share: float
    mean_seconds: float | None
    median_seconds: float | None


@router.get("/eventlogs", response=list[EventLogOut], summary="Event logs the caller may read")
def eventlog_list(request: AuthenticatedRequest) -> Any:
    return list(selectors.eventlog_list(user=request.user)[:500])


@router.get(
    "/eventlogs/{eventlog_id}/summary", response=SummaryOut, summary="Headline figures of a log"
)
def eventlog_summary(request: AuthenticatedRequest, eventlog_id: int) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    return discovery.summary_json(selectors.eventlog_frame(eventlog=eventlog))


@router.get(
    "/eventlogs/{eventlog_id}/dfg", response=list[EdgeOut], summary="Directly-follows graph"
)
def eventlog_dfg(request: AuthenticatedRequest, eventlog_id: int) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    return discovery.dfg(selectors.eventlog_frame(eventlog=eventlog)).to_dicts()


@router.get(
    "/eventlogs/{eventlog_id}/variants",
    response=list[VariantOut],
    summary="Variants, most frequent first (at most 1000)",
)
def eventlog_variants(request: AuthenticatedRequest, eventlog_id: int) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    return discovery.variants(selectors.eventlog_frame(eventlog=eventlog)).head(1000).to_dicts()


class ActivityDeviationOut(Schema):
    activity: str
    skipped: int = Field(..., description="Cases in which the model waited for it in vain")
    out_of_order: int = Field(..., description="Times done where the model did not allow it")
    unknown: int = Field(..., description="Times done although the model lacks it")


class DeviatingVariantOut(Schema):
    activities: list[str]
    cases: int
    fitness: float
    missing: int
    consumed: int
    remaining: int
    produced: int


class ConformanceOut(Schema):
    version_id: int
    process: str
    version: str
    fitness: float = Field(..., description="½(1 − missing/consumed) + ½(1 − remaining/produced)")
    average_trace_fitness: float
    fitting_cases: int
    cases: int
    missing: int
    consumed: int
    remaining: int
    produced: int
    variants_total: int
    variants_replayed: int
    activities: list[ActivityDeviationOut]
    deviating_variants: list[DeviatingVariantOut]


@router.get(
    "/eventlogs/{eventlog_id}/conformance",
    response=ConformanceOut,
    summary="Token-replay conformance of a log to a process version of the library",
)
def eventlog_conformance(request: AuthenticatedRequest, eventlog_id: int, version_id: int) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    version = selectors.access_conformance_version(user=request.user, version_id=version_id)
    report = selectors.conformance_report(
        log=selectors.eventlog_frame(eventlog=eventlog), version=version
    )
    result = report.result
    return {
        "version_id": version.pk,
        "process": version.process.name,
        "version": version.label,
        **{
            key: getattr(result, key)
            for key in (
                "fitness",
                "average_trace_fitness",
                "fitting_cases",
                "cases",
                "missing",
                "consumed",
                "remaining",
                "produced",
                "activities",
            )
        },
        "variants_total": report.variants_total,
        "variants_replayed": report.variants_replayed,
        "deviating_variants": [
            {
                "activities": list(variant.activities),
                "cases": variant.cases,
                "fitness": variant.result.fitness,
                "missing": variant.result.missing,
                "consumed": variant.result.consumed,
                "remaining": variant.result.remaining,
                "produced": variant.result.produced,
            }
            for variant in result.deviating_variants[:1000]
        ],
    }
