"""Every read of process mining, on behalf of an acting user.

A user sees the event logs of their own municipality and those another municipality of the
same collaboration shared with the collaboration (as with processes). The figures of the
analysis pages are computed here from the stored Parquet file by the pure engine modules,
after the filters the user chose. The loaded file is kept in a small in-process cache
(:mod:`procesbank.mining.engine.logcache`), reached only with a log the user was allowed to see.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import polars as pl
from django.conf import settings
from django.db.models import QuerySet

from procesbank.kit.access import access_or_404
from procesbank.mining.engine import discovery, figures, figurestore, labels
from procesbank.mining.engine.eventlog import (
    ACTIVITY,
    load_log,
)
from procesbank.mining.engine.figures import FIRST_VIEW, activities_by_frequency
from procesbank.mining.engine.figures import seconds_to_days as _days
from procesbank.mining.engine.filters import Filter, apply_filters
from procesbank.mining.engine.logcache import LOG_CACHE
from procesbank.mining.engine.percase import numbered_cases
from procesbank.mining.models import EventLog
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.processes.selectors import visible_to

T = TypeVar("T")

logger = logging.getLogger(__name__)


def eventlog_list(*, user: User) -> QuerySet[EventLog]:
    """The logs the user may read, newest first."""
    return EventLog.objects.filter(visible_to(user)).select_related("municipality", "process")


def access_eventlog(*, user: User, eventlog_id: int) -> EventLog:
    """One log the user may read; 404 for one they may not."""
    return access_or_404(eventlog_list(user=user), pk=eventlog_id)


def access_eventlog_for_edit(*, user: User, eventlog_id: int) -> EventLog:
    """One log the user may change: their municipality's, and the role allows it."""
    eventlog = access_eventlog(user=user, eventlog_id=eventlog_id)
    require_edit(user, eventlog.municipality)
    return eventlog


def can_edit(*, user: User, eventlog: EventLog) -> bool:
    return can(user, Action.EDIT, eventlog.municipality)


def eventlog_events(*, eventlog: EventLog) -> pl.DataFrame:
    """All of the log's events, from the process's cache when a page read them lately.

    ``eventlog`` must come from :func:`access_eventlog` (or the list), which checked that the
    user may read it: the cache itself does not check.
    """
    _resize_cache()
    return LOG_CACHE.get(eventlog.pk, eventlog.path, load_log)


def _resize_cache() -> None:
    LOG_CACHE.resize(
        max_logs=settings.PROCESBANK_LOG_CACHE_LOGS,
        max_bytes=settings.PROCESBANK_LOG_CACHE_MB * 1024**2,
    )


def eventlog_derived(*, eventlog: EventLog, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept beside the log's events in the cache under ``key`` while the log
    stays loaded (see :meth:`LogCache.derived`): a page's figures on millions of events take
    seconds, and the stored file never changes. ``key`` must name all the result depends on
    (naming, filters, parameters); the result must not be changed in place.

    ``eventlog`` must come from :func:`access_eventlog`, as for :func:`eventlog_events`.
    """
    _resize_cache()
    return LOG_CACHE.derived(eventlog.pk, eventlog.path, load_log, key, compute)


def eventlog_frame(
    *,
    eventlog: EventLog,
    rules: Sequence[Filter] = (),
    activity_key: str = "",
    resource_key: str = "",
) -> pl.DataFrame:
    """The log's events after the filters, in order, with the activities named by
    ``activity_key`` (one of :func:`activity_attributes`; empty: the log's own names) and the
    resources by ``resource_key`` (one of :func:`resource_attributes`; empty: its own)."""
    events = named_events(eventlog=eventlog, activity_key=activity_key, resource_key=resource_key)
    return apply_filters(events, rules)


def activity_attributes(*, eventlog: EventLog) -> list[str]:
    """The event attributes that may name the log's activities (see engine.labels), once per
    stored file: every page asks, and each asking counts the values of every text column."""
    return list(_activity_attributes(eventlog.pk, eventlog.path))


#: The namings under which the import job keeps what every page looks up of a log besides
#: its figures (engine.figurestore): per file, per resource naming, per activity naming.
FILE_LOOKUPS = ("file",)
RESOURCE_LOOKUPS = "resources"
ACTIVITY_LOOKUPS = "activities"


def _kept_or(path: Path, naming: tuple[str, ...], name: str, compute: Callable[[], T]) -> T:
    """What the import job kept on disk for the log file at ``path`` (see
    :func:`persisted_figure`), else ``compute()``."""
    kept = _load_kept(path, naming, name)
    return compute() if kept is figurestore.MISSING else kept


def _load_kept(path: Path, naming: tuple[str, ...], name: str) -> Any:
    try:
        return figurestore.load(path, naming, name)
    except Exception:
        logger.warning("Kept figure %s of %s unreadable", name, path, exc_info=True)
        return figurestore.MISSING


@functools.lru_cache(maxsize=32)
def _activity_attributes(eventlog_id: int, path: Path) -> tuple[str, ...]:
    def compute() -> list[str]:
        return labels.activity_attributes(LOG_CACHE.get(eventlog_id, path, load_log))

    return tuple(_kept_or(path, FILE_LOOKUPS, "activity_attributes", compute))


def resource_attributes(*, eventlog: EventLog) -> list[str]:
    """The event attributes that may name the log's resources (see engine.labels)."""
    return [key for key in activity_attributes(eventlog=eventlog) if key != labels.WITH_LIFECYCLE]


def case_attributes(*, eventlog: EventLog) -> list[tuple[str, int]]:
    """The log's case attributes with their number of distinct values (see
    :func:`labels.case_attributes`), once per stored file: it groups every event by case."""
    return _case_attributes(eventlog.pk, eventlog.path)


@functools.lru_cache(maxsize=32)
def _case_attributes(eventlog_id: int, path: Path) -> list[tuple[str, int]]:
    def compute() -> list[tuple[str, int]]:
        return labels.case_attributes(LOG_CACHE.get(eventlog_id, path, load_log))

    # Kept as JSON, where the pairs are lists.
    found = _kept_or(path, FILE_LOOKUPS, "case_attributes", compute)
    return [(str(name), int(count)) for name, count in found]


def filter_choices(
    *, eventlog: EventLog, resource_key: str = ""
) -> tuple[list[str], dict[str, list[str]]]:
    """The log's resources (named by ``resource_key``) and filterable attributes with their
    values (see :func:`labels.filter_choices`), computed once per stored file and naming (or
    kept by the import job): a scan of every text column costs about a second on millions of
    events, and the file never changes."""
    return _filter_choices(eventlog.pk, eventlog.path, resource_key)


@functools.lru_cache(maxsize=32)
def _filter_choices(
    eventlog_id: int, path: Path, resource_key: str
) -> tuple[list[str], dict[str, list[str]]]:
    def compute() -> tuple[list[str], dict[str, list[str]]]:
        return labels.filter_choices(LOG_CACHE.get(eventlog_id, path, load_log), resource_key)

    # Kept as JSON, where the pair is a list.
    resources, attributes = _kept_or(
        path, (RESOURCE_LOOKUPS, resource_key), "filter_choices", compute
    )
    return list(resources), dict(attributes)


def named_events(
    *, eventlog: EventLog, activity_key: str = "", resource_key: str = ""
) -> pl.DataFrame:
    """All of the log's events with the activities named by ``activity_key`` and the
    resources by ``resource_key`` (empty, or not one of the log's attributes: its own)."""
    events = eventlog_events(eventlog=eventlog)
    choices = activity_attributes(eventlog=eventlog) if activity_key or resource_key else []
    return named(events, choices, activity_key=activity_key, resource_key=resource_key)


def named(
    events: pl.DataFrame, choices: Sequence[str], *, activity_key: str, resource_key: str
) -> pl.DataFrame:
    """``events`` named as :func:`named_events` names them, ``choices`` being the log's
    :func:`engine.labels.activity_attributes` (needed only when a key is given)."""
    if resource_key and resource_key in choices and resource_key != labels.WITH_LIFECYCLE:
        events = labels.with_resource(events, resource_key)
    if activity_key and activity_key in choices:
        events = labels.relabel(events, activity_key)
    return events


def saved_naming(*, eventlog: EventLog) -> tuple[str, str]:
    """The log's saved activity and resource naming, each "" (the log's own) where the saved
    one is not an attribute of the log."""
    choices = activity_attributes(eventlog=eventlog)
    activity_key = eventlog.activity_key if eventlog.activity_key in choices else ""
    resources = resource_attributes(eventlog=eventlog)
    resource_key = eventlog.resource_key if eventlog.resource_key in resources else ""
    return activity_key, resource_key


def activity_names(*, eventlog: EventLog, activity_key: str = "") -> list[str]:
    """The activities of the whole (unfiltered) log, most frequent first (see
    :func:`engine.figures.activities_by_frequency`), kept beside the log (and on disk by the
    import job): every analysis page asks for them."""

    def count() -> tuple[str, ...]:
        def compute() -> list[str]:
            named = named_events(eventlog=eventlog, activity_key=activity_key)
            return activities_by_frequency(named)

        naming = (ACTIVITY_LOOKUPS, activity_key)
        return tuple(_kept_or(eventlog.path, naming, "activity_names", compute))

    key = ("activity_names", activity_key)
    return list(eventlog_derived(eventlog=eventlog, key=key, compute=count))


def lookups(
    events: pl.DataFrame, *, activity_key: str, resource_key: str
) -> dict[tuple[str, ...], dict[str, Any]]:
    """What the import job keeps of a log file besides its figures, by naming (the
    :data:`FILE_LOOKUPS`, and those of the resource and the activity naming given), computed
    from its ``events`` as the selectors above compute them."""
    choices = labels.activity_attributes(events)
    named_log = named(events, choices, activity_key=activity_key, resource_key="")
    return {
        FILE_LOOKUPS: {
            "activity_attributes": choices,
            "case_attributes": labels.case_attributes(events),
        },
        (RESOURCE_LOOKUPS, resource_key): {
            "filter_choices": labels.filter_choices(events, resource_key)
        },
        (ACTIVITY_LOOKUPS, activity_key): {"activity_names": activities_by_frequency(named_log)},
    }


@dataclasses.dataclass
class LogFigures:
    """The figures of a log seen through one naming and set of filters, for the pages and the
    API alike. Each is kept beside the loaded log (:func:`eventlog_derived`) so that the next
    page, slider position or page of variants reuses it; the events are named and filtered
    only when a figure is not kept yet, and then once. Without filters, the
    :data:`engine.figures.FIRST_VIEW` figures are first looked for on disk, where the import
    job (or a change of naming) left them (:mod:`engine.figurestore`): the first view of a
    large log in any worker then reads them instead of computing them.

    ``eventlog`` must come from :func:`access_eventlog`, as for :func:`eventlog_events`.
    """

    eventlog: EventLog
    activity_key: str
    resource_key: str
    rules: Sequence[Filter]
    events: Callable[[], pl.DataFrame]
    numbered: Callable[[], pl.DataFrame] = dataclasses.field(init=False)
    seen: tuple[Hashable, ...] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        # Several tables below number the cases; numbered once.
        self.numbered = functools.cache(lambda: numbered_cases(self.events()).collect())
        # Filters are frozen dataclasses: their repr names every value they hold.
        self.seen = (self.activity_key, self.resource_key, repr(list(self.rules)))

    def __call__(self, name: str, compute: Callable[[pl.DataFrame], T], *params: Hashable) -> T:
        """``compute(events)``, from memory when this figure with these ``params`` was made
        before, or from disk (see above). ``compute`` must return what
        :func:`engine.figures.first_view_figures` returns under ``name`` when ``name`` is one
        of its figures. Shared with later requests: never to be changed in place."""

        def make() -> T:
            if not self.rules and not params and name in FIRST_VIEW:
                kept = persisted_figure(
                    eventlog=self.eventlog,
                    naming=(self.activity_key, self.resource_key),
                    name=name,
                )
                if kept is not figurestore.MISSING:
                    return kept
            return compute(self.numbered())

        key = (name, *self.seen, params)
        return eventlog_derived(eventlog=self.eventlog, key=key, compute=make)

    def dfg(self) -> pl.DataFrame:
        return self("dfg", discovery.dfg)

    def activity_stats(self) -> pl.DataFrame:
        return self("activity_tables", discovery.activity_tables)[0]

    def rework(self) -> pl.DataFrame:
        return self("activity_tables", discovery.activity_tables)[1]

    def variants_head(self, count: int) -> pl.DataFrame:
        """The ``count`` most frequent variants (the API's list): without filters the head of
        the kept variant table, read alone; else, or when it cannot be read, of the whole."""
        if not self.rules:
            naming = (self.activity_key, self.resource_key)
            try:
                table = figurestore.scan(self.eventlog.path, naming, "variants")
                if table is not figurestore.MISSING:
                    return cast(pl.DataFrame, table.head(count).collect())
            except Exception:
                logger.warning("Kept variants of %s unreadable", self.eventlog.path, exc_info=True)
        return cast(pl.DataFrame, self("variants", discovery.variants).head(count))

    def variant_page(self, *, page: int, picked: tuple[int, ...] = ()) -> dict[str, Any]:
        """One page of the variants (:func:`engine.figures.variant_page_of`). Without
        filters, from the variant table the import job kept, reading only its counts and the
        page's rows: the whole table of a 5M-event log (200,000 variants, millions of activity
        names) took most of the first view to read. Else, or when the kept table cannot be
        read, from the whole table (kept in memory for the next page)."""
        hues = self("hues", figures.activity_hues)
        if not self.rules:
            naming = (self.activity_key, self.resource_key)
            try:
                table = figurestore.scan(self.eventlog.path, naming, "variants")
                if table is not figurestore.MISSING:
                    return figures.variant_page_of(table, hues, page=page, picked=picked)
            except Exception:
                logger.warning("Kept variants of %s unreadable", self.eventlog.path, exc_info=True)
        table = self("variants", discovery.variants)
        return figures.variant_page_of(table, hues, page=page, picked=picked)


def persisted_figure(*, eventlog: EventLog, naming: tuple[str, str], name: str) -> Any:
    """The figure ``name`` of the unfiltered log under ``naming`` (activity key, resource key)
    as the import job kept it on disk, or ``figurestore.MISSING`` when none is kept for the
    log's file as it is now, or the kept one cannot be read (logged; the caller computes)."""
    return _load_kept(eventlog.path, naming, name)


def log_comparison(*, user: User, limit: int = 12) -> list[dict[str, Any]]:
    """Lead times (days) and variety of the logs the user may read, side by side."""
    rows = []
    for eventlog in eventlog_list(user=user)[:limit]:
        # Each log's frequent activities as its editors chose to name them.
        activity_key, resource_key = saved_naming(eventlog=eventlog)
        log = named_events(eventlog=eventlog, activity_key=activity_key, resource_key=resource_key)
        stats = discovery.case_duration_stats(log, percentiles=(90,))
        top = discovery.activity_stats(log).head(5)
        rows.append(
            {
                "eventlog": eventlog,
                "median_days": _days(stats["median"]),
                "p90_days": _days(stats["p90"]),
                "variants_per_100": 100 * eventlog.variants / eventlog.cases
                if eventlog.cases
                else 0,
                "events_per_case": eventlog.events / eventlog.cases if eventlog.cases else 0,
                "top_activities": [
                    (str(name), int(count))
                    for name, count in zip(
                        top.get_column(ACTIVITY), top.get_column("frequency"), strict=True
                    )
                ],
            }
        )
    return rows
