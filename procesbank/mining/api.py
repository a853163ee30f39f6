"""API of process mining: the logs a caller may read and their discovered figures."""

from datetime import date, datetime
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from procesbank.mining import selectors
from procesbank.mining.engine import discovery
from procesbank.mining.filtering import Analysis, analysis
from procesbank.mining.models import EventLog
from procesbank.organisations.models import AuthenticatedRequest

router = Router(tags=["mining"])


class FilterQuery(Schema):
    """The analysis filters, with the same names and meaning as on the analysis pages (a
    filtered page's query string works here as it is). Repeat a parameter for several values."""

    aktivitet: str | None = Field(
        None,
        description="Event attribute naming the activities ('+lifecycle': name and lifecycle; "
        "empty: the log's own names). Without it: the naming the log's editors saved",
    )
    fra: date | None = Field(None, description="Cases started on or after this day")
    til: date | None = Field(None, description="Cases started before this day")
    med: list[str] | None = Field(None, description="Cases with every one of these activities")
    uden: list[str] | None = Field(None, description="Cases with none of these activities")
    start: list[str] | None = Field(None, description="Cases starting with one of these")
    slut: list[str] | None = Field(None, description="Cases ending with one of these")
    ressource: list[str] | None = Field(None, description="Cases with an event by one of these")
    egenskab: list[str] | None = Field(
        None,
        description="attribute=value: cases with an event having the value; values of one "
        "attribute: any; different attributes: all",
    )
    sti_fra: str | None = Field(None, description="Directly-follows rule: first activity")
    sti_til: str | None = Field(None, description="Directly-follows rule: next activity")
    ef_fra: str | None = Field(None, description="Eventually-follows rule: first activity")
    ef_til: str | None = Field(None, description="Eventually-follows rule: later activity")
    min_dage: float | None = Field(None, description="Lead time at least, in days")
    max_dage: float | None = Field(None, description="Lead time at most, in days")
    top: int | None = Field(None, description="The k most frequent variants")
    daekning: float | None = Field(None, description="Most frequent variants covering % of cases")
    variant: list[int] | None = Field(None, description="Variants by rank (1 = most frequent)")


def _seen(request: AuthenticatedRequest, eventlog: EventLog) -> Analysis:
    """The request's filters on the log; invalid filters are a 422 naming the parameter."""
    seen = analysis(eventlog, request.GET)
    if seen.form.is_bound and not seen.form.is_valid():
        raise ValidationError(
            {field: [str(error) for error in errors] for field, errors in seen.form.errors.items()}
        )
    return seen


def _filtered(request: AuthenticatedRequest, eventlog: EventLog) -> pl.DataFrame:
    """The log after the request's filters."""
    return _seen(request, eventlog).frame(eventlog)


def _figures(request: AuthenticatedRequest, eventlog: EventLog) -> selectors.LogFigures:
    """The figures of the log after the request's filters, kept and read as the pages keep and
    read them (selectors.LogFigures): an unfiltered large log's answer comes from the figures
    its import kept. Invalid filters are a 422 naming the parameter."""
    seen = _seen(request, eventlog)
    return selectors.LogFigures(
        eventlog,
        seen.activity_key,
        seen.resource_key,
        seen.rules(),
        lambda: seen.frame(eventlog),
    )


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
    activity_key: str = Field(
        ...,
        description="The saved attribute naming the activities, used when a request names "
        "none ('': the log's own names; '+lifecycle': name and lifecycle)",
    )
    resource_key: str = Field(
        ..., description="The saved attribute naming the resources ('': the log's own)"
    )


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
def eventlog_summary(
    request: AuthenticatedRequest, eventlog_id: int, filters: Query[FilterQuery]
) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    return _figures(request, eventlog)("summary_json", discovery.summary_json)


@router.get(
    "/eventlogs/{eventlog_id}/dfg", response=list[EdgeOut], summary="Directly-follows graph"
)
def eventlog_dfg(
    request: AuthenticatedRequest, eventlog_id: int, filters: Query[FilterQuery]
) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    return _figures(request, eventlog).dfg().to_dicts()


@router.get(
    "/eventlogs/{eventlog_id}/variants",
    response=list[VariantOut],
    summary="Variants, most frequent first (at most 1000)",
)
def eventlog_variants(
    request: AuthenticatedRequest, eventlog_id: int, filters: Query[FilterQuery]
) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    return _figures(request, eventlog).variants_head(1000).to_dicts()


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
def eventlog_conformance(
    request: AuthenticatedRequest,
    eventlog_id: int,
    version_id: int,
    filters: Query[FilterQuery],
) -> Any:
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    version = selectors.access_conformance_version(user=request.user, version_id=version_id)
    # The mapping saved on the conformance tab for this log, model and naming (else the one
    # suggested by name), as the page applies it.
    activity_key = analysis(eventlog, request.GET).activity_key
    mapping, _saved = selectors.activity_mapping(
        eventlog=eventlog,
        version=version,
        activity_key=activity_key,
        activities=selectors.activity_names(eventlog=eventlog, activity_key=activity_key),
    )
    report = selectors.conformance_report(
        log=_filtered(request, eventlog), version=version, mapping=mapping
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
