"""The analysis filters from a query string, for the pages and the API alike: which
parameters are filters, how the activities are named, and the form that turns them into rules."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.http import QueryDict

from procesbank.mining import selectors
from procesbank.mining.engine.filters import Filter
from procesbank.mining.forms import FilterForm
from procesbank.mining.models import EventLog

#: Query parameters of the pages that are not filters (map sliders, paging, the model, ...).
NOT_FILTERS = (
    "sag",
    "aktiviteter",
    "stier",
    "visning",
    "retning",
    "model",
    "side",
    "min_overgange",
    "afvigelser_side",
    "aktivitet",
    "version_id",
    "alle_egenskaber",
)


@dataclass
class Analysis:
    """A log seen through the filters of one request."""

    form: FilterForm
    params: QueryDict  # the filter parameters alone
    activity_key: str  # "" or one of the log's activity attributes
    activities: list[str]  # of the whole log, most frequent first
    resource_key: str = ""  # "" or one of the log's resource attributes (the saved one)
    saved_activity_key: str = ""  # the log's saved naming, which the URL may override

    @property
    def activity_in_url(self) -> bool:
        """Whether links must carry the naming: it is not the log's saved one."""
        return self.activity_key != self.saved_activity_key

    def rules(self, *, with_variant_pick: bool = True) -> list[Filter]:
        return self.form.rules(with_variant_pick=with_variant_pick)

    def frame(self, eventlog: EventLog, *, with_variant_pick: bool = True) -> pl.DataFrame:
        return selectors.eventlog_frame(
            eventlog=eventlog,
            rules=self.rules(with_variant_pick=with_variant_pick),
            activity_key=self.activity_key,
            resource_key=self.resource_key,
        )


def analysis(eventlog: EventLog, query: QueryDict) -> Analysis:
    """The filters of ``query`` on ``eventlog`` (which the caller has checked access to).
    The activities are named as the log's editors saved unless the query names them
    (``aktivitet``; empty: the log's own names); an unknown naming falls back to the log's own
    names. The resources are named as saved."""
    attributes = selectors.activity_attributes(eventlog=eventlog)
    saved_activity_key, resource_key = selectors.saved_naming(eventlog=eventlog)
    activity_key = query.get("aktivitet", saved_activity_key)
    if activity_key not in attributes:
        activity_key = ""
    activities = selectors.activity_names(eventlog=eventlog, activity_key=activity_key)
    params = query.copy()
    for key in NOT_FILTERS:
        params.pop(key, None)
    resources, case_attributes = selectors.filter_choices(
        eventlog=eventlog, resource_key=resource_key
    )
    form = FilterForm(
        params or None,
        activities=activities,
        resources=resources,
        case_attributes=case_attributes,
    )
    return Analysis(
        form=form,
        params=params,
        activity_key=activity_key,
        activities=activities,
        resource_key=resource_key,
        saved_activity_key=saved_activity_key,
    )
