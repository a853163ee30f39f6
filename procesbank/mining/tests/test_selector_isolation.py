"""Every mining selector that takes the acting user, called directly with two
municipalities: Helsingør (own) and Gribskov (other), each with a shared and an unshared log.

A Helsingør user sees exactly its own logs plus what Gribskov shared, never Gribskov's
unshared log; getters of it raise the project's not-found (Http404).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from procesbank.mining import selectors
from procesbank.mining.tests.test_models import import_log


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(konsulent, other_konsulent):
    return SimpleNamespace(
        own=import_log(konsulent, name="Helsingørs private log"),
        own_shared=import_log(konsulent, name="Helsingørs delte log", visibility="collaboration"),
        other=import_log(other_konsulent, name="Gribskovs private log"),
        other_shared=import_log(
            other_konsulent, name="Gribskovs delte log", visibility="collaboration"
        ),
    )


def test_eventlog_list_shows_own_and_shared_never_the_others_unshared(world, konsulent):
    names = {log.name for log in selectors.eventlog_list(user=konsulent)}

    assert names == {"Helsingørs private log", "Helsingørs delte log", "Gribskovs delte log"}


def test_access_eventlog_of_the_others_unshared_is_not_found(world, konsulent):
    shared = selectors.access_eventlog(user=konsulent, eventlog_id=world.other_shared.pk)

    assert shared == world.other_shared
    with pytest.raises(Http404):
        selectors.access_eventlog(user=konsulent, eventlog_id=world.other.pk)


def test_access_eventlog_for_edit_is_the_own_municipalitys(world, konsulent):
    own = selectors.access_eventlog_for_edit(user=konsulent, eventlog_id=world.own.pk)

    assert own == world.own
    with pytest.raises(PermissionDenied):
        selectors.access_eventlog_for_edit(user=konsulent, eventlog_id=world.other_shared.pk)
    with pytest.raises(Http404):
        selectors.access_eventlog_for_edit(user=konsulent, eventlog_id=world.other.pk)


def test_can_edit_only_the_own_municipalitys_log(world, konsulent):
    own = selectors.can_edit(user=konsulent, eventlog=world.own_shared)
    other = selectors.can_edit(user=konsulent, eventlog=world.other_shared)

    assert (own, other) == (True, False)


def test_log_comparison_compares_readable_logs_only(world, konsulent, other_konsulent):
    for_own = {row["eventlog"].name for row in selectors.log_comparison(user=konsulent)}
    for_other = {row["eventlog"].name for row in selectors.log_comparison(user=other_konsulent)}

    assert for_own == {"Helsingørs private log", "Helsingørs delte log", "Gribskovs delte log"}
    assert for_other == {"Gribskovs private log", "Gribskovs delte log", "Helsingørs delte log"}


def test_log_comparison_figures_come_from_the_log(world, konsulent):
    rows = {row["eventlog"].name: row for row in selectors.log_comparison(user=konsulent)}

    # running-example.xes: 6 cases, 42 events, 6 variants -> 7 events and 100 variants per
    # 100 cases.
    row = rows["Gribskovs delte log"]
    assert (row["events_per_case"], row["variants_per_100"]) == (7.0, 100.0)
