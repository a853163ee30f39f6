"""Figures of a log's first view kept on disk by the import job (issue 13, item 8): equal to
the ones the pages compute, never served for another naming or a rewritten file, and a bad or
missing file means computing them, never an error page."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.urls import reverse
from polars.testing import assert_frame_equal

from procesbank.mining import selectors, services
from procesbank.mining.engine import discovery, figures, figurestore, labels, processmap
from procesbank.mining.engine.eventlog import load_log, read_xes, save_log
from procesbank.mining.engine.labels import WITH_LIFECYCLE
from procesbank.mining.engine.logcache import LOG_CACHE
from procesbank.mining.selectors import eventlogs as eventlog_selectors
from procesbank.mining.tests.test_models import DATA, import_log
from procesbank.mining.tests.test_naming import _import_small

LOGS = ("running-example.xes", "receipt.xes.gz", "BPIC15_1.xes.gz")


def _assert_same(kept: Any, fresh: Any) -> None:
    if isinstance(fresh, pl.DataFrame):
        assert_frame_equal(kept, fresh)
    elif isinstance(fresh, tuple):
        assert len(kept) == len(fresh)
        for kept_part, fresh_part in zip(kept, fresh, strict=True):
            _assert_same(kept_part, fresh_part)
    else:
        assert kept == fresh


def _stored(tmp_path: Path, filename: str) -> tuple[Path, pl.DataFrame]:
    path = tmp_path / "log.parquet"
    save_log(read_xes(DATA / filename), path)
    return path, load_log(path)


# --- the store, without a database ----------------------------------------------------------


@pytest.mark.parametrize("filename", LOGS)
def test_kept_figures_equal_the_ones_the_pages_compute(tmp_path, filename):
    path, log = _stored(tmp_path, filename)
    # Each computed on its own by the function the pages call for it (not shared as the
    # import job shares them).
    fresh = {
        "overview": figures.log_overview(log),
        "case_list": figures.case_list(log),
        "cases": log.get_column("case_id").n_unique(),
        "activities": log.get_column("activity").n_unique(),
        "dfg": discovery.dfg(log),
        "activity_tables": discovery.activity_tables(log),
        "map": processmap.map_figures(log),
        "variants": discovery.variants(log),
        "hues": figures.activity_hues(log),
        "resource_stats": discovery.resource_stats(log),
        "summary_json": discovery.summary_json(log),
    }

    figurestore.save(path, ("", ""), figures.first_view_figures(log))

    assert set(fresh) == set(figures.FIRST_VIEW)
    for name, value in fresh.items():
        _assert_same(figurestore.load(path, ("", ""), name), value)


@pytest.mark.parametrize("filename", LOGS)
def test_a_page_of_the_kept_variants_equals_the_page_of_the_log(tmp_path, filename, monkeypatch):
    # Row groups of 7 variants, so that pages of 25 start and end inside them.
    monkeypatch.setattr(figurestore, "ROW_GROUP_ROWS", 7)
    path, log = _stored(tmp_path, filename)
    figurestore.save(path, ("", ""), figures.first_view_figures(log))
    scanned = figurestore.scan(path, ("", ""), "variants")
    hues = figures.activity_hues(log)
    pages = figures.variant_page(log)["pages"]

    for page in sorted({1, 2, pages // 2, pages, pages + 1}):
        kept = figures.variant_page_of(scanned, hues, page=page, picked=(1, 3, 40, 999_999))
        fresh = figures.variant_page(log, page=page, picked=(1, 3, 40, 999_999))
        assert kept == fresh


def test_datetimes_are_kept_as_they_were(tmp_path):
    path, _log = _stored(tmp_path, "running-example.xes")
    aware = datetime(2010, 12, 30, 11, 2, 0, 123456, tzinfo=UTC)
    naive = datetime(2011, 1, 6, 15, 2)
    value = {"start": aware, "rows": [{"end": naive, "days": 7.5}], "$datetime": "text"}

    figurestore.save(path, ("", ""), {"value": value})
    kept = figurestore.load(path, ("", ""), "value")

    assert kept == value
    assert kept["start"].tzinfo is not None
    assert kept["rows"][0]["end"].tzinfo is None


def test_scan_of_a_figure_that_is_not_one_frame_gets_nothing(tmp_path):
    path, log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), figures.first_view_figures(log))

    assert figurestore.scan(path, ("", ""), "cases") is figurestore.MISSING
    assert figurestore.scan(path, ("", ""), "activity_tables") is figurestore.MISSING
    assert figurestore.scan(path, ("", ""), "nothing") is figurestore.MISSING
    assert figurestore.scan(path, (WITH_LIFECYCLE, ""), "variants") is figurestore.MISSING


def test_another_naming_gets_nothing(tmp_path):
    path, _log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), {"cases": 6})

    assert figurestore.load(path, ("", ""), "cases") == 6
    assert figurestore.load(path, (WITH_LIFECYCLE, ""), "cases") is figurestore.MISSING
    assert figurestore.load(path, ("", "org:group"), "cases") is figurestore.MISSING
    assert figurestore.load(path, ("", ""), "variants") is figurestore.MISSING


def test_a_rewritten_log_file_gets_nothing(tmp_path):
    path, log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), {"cases": 6})

    save_log(log.head(10), path)

    assert figurestore.load(path, ("", ""), "cases") is figurestore.MISSING


def test_a_file_with_the_same_size_but_another_time_gets_nothing(tmp_path):
    path, _log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), {"cases": 6})
    status = path.stat()

    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1))

    assert figurestore.load(path, ("", ""), "cases") is figurestore.MISSING


def test_saving_again_replaces_the_set_and_its_files(tmp_path):
    path, _log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), {"cases": 6, "hues": {"a": 0}})

    figurestore.save(path, ("", ""), {"cases": 7})

    assert figurestore.load(path, ("", ""), "cases") == 7
    assert figurestore.load(path, ("", ""), "hues") is figurestore.MISSING
    folder = figurestore.naming_folder(path, ("", ""))
    assert len(list(folder.iterdir())) == 2  # the manifest and the one figure


def test_a_save_keeps_the_files_another_save_is_still_writing(tmp_path):
    """Two jobs saving one naming at once: the first to finish deletes only the set it
    replaced, not the second job's files written before that job's manifest."""
    path, _log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), {"cases": 5})
    folder = figurestore.naming_folder(path, ("", ""))
    in_progress = folder / "cases.0123456789ab.json"
    in_progress.write_text("7")  # the second job's figure, its manifest not written yet

    figurestore.save(path, ("", ""), {"cases": 6})

    assert in_progress.exists()
    assert figurestore.load(path, ("", ""), "cases") == 6
    assert len(list(folder.iterdir())) == 3  # the manifest, the figure, the other job's file


def test_an_older_format_gets_nothing(tmp_path):
    path, _log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), {"cases": 6})
    manifest = figurestore.naming_folder(path, ("", "")) / figurestore.MANIFEST
    content = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**content, "format": figurestore.FORMAT - 1}))

    assert figurestore.load(path, ("", ""), "cases") is figurestore.MISSING


def test_remove_deletes_every_naming(tmp_path):
    path, _log = _stored(tmp_path, "running-example.xes")
    figurestore.save(path, ("", ""), {"cases": 6})
    figurestore.save(path, (WITH_LIFECYCLE, ""), {"cases": 6})

    figurestore.remove(path)

    assert not figurestore.folder(path).exists()
    assert path.exists()


# --- through the import job, the pages and the API -------------------------------------------


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _empty_log_cache():
    LOG_CACHE.clear()
    yield
    LOG_CACHE.clear()


def _computing_fails(monkeypatch) -> None:
    """The figures the kept ones stand for cannot be computed: a page that answers read them."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("computed, not read from the kept figures")

    for name in ("dfg", "activity_tables", "variants", "resource_stats", "summary_json"):
        monkeypatch.setattr(discovery, name, fail)
    monkeypatch.setattr(processmap, "map_figures", fail)
    for name in ("log_overview", "case_list", "activity_hues"):
        monkeypatch.setattr(figures, name, fail)


def _noting_loads(monkeypatch) -> list[str]:
    """The names of the kept figures read whole (figurestore.load) from now on."""
    loaded: list[str] = []
    load = figurestore.load

    def noting(path: Path, naming: tuple[str, ...], name: str) -> Any:
        loaded.append(name)
        return load(path, naming, name)

    monkeypatch.setattr(figurestore, "load", noting)
    return loaded


def _page(client, user, name, log, **params):
    client.force_login(user)
    return client.get(reverse(name, kwargs={"eventlog_id": log.pk}), params)


def test_the_import_keeps_the_figures_of_the_log_as_stored(konsulent):
    log = import_log(konsulent, "receipt.xes.gz")
    events = load_log(log.path)

    for name, value in figures.first_view_figures(events).items():
        _assert_same(figurestore.load(log.path, ("", ""), name), value)


def test_first_views_of_map_variants_and_statistics_read_the_kept_figures(
    client, konsulent, monkeypatch
):
    log = import_log(konsulent)
    _computing_fails(monkeypatch)

    pages = {
        name: _page(client, konsulent, f"mining:eventlog_{name}", log)
        for name in ("map", "variants", "statistics")
    }

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    # running-example: 8 activities, 6 variants of one case each, 6 resources.
    assert pages["map"].context["graph"]["activities_total"] == 8
    assert pages["variants"].context["page"]["variants"] == 6
    assert len(pages["statistics"].context["stats"]["resources"]) == 6


def test_first_views_of_overview_and_cases_read_the_kept_figures(client, konsulent, monkeypatch):
    log = import_log(konsulent)
    _computing_fails(monkeypatch)

    overview = _page(client, konsulent, "mining:eventlog_overview", log)
    cases = _page(client, konsulent, "mining:eventlog_cases", log)

    assert (overview.status_code, cases.status_code) == (200, 200)
    # running-example: 6 cases of 42 events, 8 activities, 6 variants; case 5 is the longest,
    # its events from 6 January 2011 08:02 to 24 January 13:56 UTC: 18 days 5 h 54 min.
    summary = overview.context["overview"]["summary"]
    assert (summary["cases"], summary["events"], summary["activities"]) == (6, 42, 8)
    assert summary["variants"] == 6
    assert summary["start"].tzinfo is not None
    assert len(cases.context["cases"]) == 6
    longest = cases.context["cases"][0]
    assert (longest["case_id"], longest["days"]) == ("5", 18 + (5 * 60 + 54) / 1440)


def test_the_variants_first_view_reads_only_the_kept_tables_page(client, konsulent, monkeypatch):
    log = import_log(konsulent, "receipt.xes.gz")
    _fresh_worker()
    _computing_fails(monkeypatch)
    loaded = _noting_loads(monkeypatch)

    response = _page(client, konsulent, "mining:eventlog_variants", log, side="2")

    assert response.status_code == 200
    assert "variants" not in loaded
    page = response.context["page"]
    assert [row["position"] for row in page["rows"]] == list(range(26, 51))
    assert page["cases"] == 1434  # receipt: 1,434 cases


def test_the_apis_variants_read_only_the_head_of_the_kept_table(client, konsulent, monkeypatch):
    log = import_log(konsulent, "receipt.xes.gz")
    expected = discovery.variants(load_log(log.path)).head(1000)
    _fresh_worker()
    _computing_fails(monkeypatch)
    loaded = _noting_loads(monkeypatch)
    client.force_login(konsulent)

    variants = client.get(f"/api/v1/eventlogs/{log.pk}/variants").json()

    assert "variants" not in loaded
    assert [row["cases"] for row in variants] == expected.get_column("cases").to_list()
    assert sum(row["cases"] for row in variants) == 1434  # receipt: 1,434 cases


def test_the_api_answers_from_the_kept_figures(client, konsulent, monkeypatch):
    log = import_log(konsulent)
    _computing_fails(monkeypatch)
    client.force_login(konsulent)

    summary = client.get(f"/api/v1/eventlogs/{log.pk}/summary").json()
    dfg = client.get(f"/api/v1/eventlogs/{log.pk}/dfg").json()
    variants = client.get(f"/api/v1/eventlogs/{log.pk}/variants").json()

    assert (summary["cases"], summary["events"], summary["variants"]) == (6, 42, 6)
    assert sum(edge["frequency"] for edge in dfg) == 42 - 6  # one step fewer than events a case
    assert sum(variant["cases"] for variant in variants) == 6


def test_a_filtered_view_is_computed_not_read(client, konsulent, monkeypatch):
    log = import_log(konsulent)
    # The kept figures changed on disk: the unfiltered view shows them, a filtered one not.
    naming_folder = figurestore.naming_folder(log.path, ("", ""))
    manifest = json.loads((naming_folder / figurestore.MANIFEST).read_text())
    (naming_folder / manifest["figures"]["activities"]["files"][0]).write_text("99")

    unfiltered = _page(client, konsulent, "mining:eventlog_map", log)
    filtered = _page(client, konsulent, "mining:eventlog_map", log, slut="reject request")

    assert unfiltered.context["graph"]["activities_total"] == 8
    assert unfiltered.context["activities"] == processmap.default_activity_percent(99)
    assert filtered.context["activities"] == 100


def test_a_new_naming_is_not_served_the_old_figures(client, konsulent):
    log = _import_small(konsulent)

    services.eventlog_naming_set(
        user=konsulent, eventlog=log, activity_key=WITH_LIFECYCLE, resource_key="team"
    )
    variants = _page(client, konsulent, "mining:eventlog_variants", log)
    statistics = _page(client, konsulent, "mining:eventlog_statistics", log)

    # By name and lifecycle the small log has 3 variants (2 by its own names), and its
    # resources by team are Team A (5 events) and Team B (3): see test_naming.
    assert variants.context["page"]["variants"] == 3
    rows = [(row["resource"], row["frequency"]) for row in statistics.context["stats"]["resources"]]
    assert rows == [("Team A", 5), ("Team B", 3)]


def test_a_change_of_naming_keeps_the_new_namings_figures_in_a_job(
    konsulent, django_capture_on_commit_callbacks
):
    log = _import_small(konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        services.eventlog_naming_set(
            user=konsulent, eventlog=log, activity_key=WITH_LIFECYCLE, resource_key="team"
        )

    log.refresh_from_db()
    named = selectors.named_events(eventlog=log, activity_key=WITH_LIFECYCLE, resource_key="team")
    kept = {
        name: figurestore.load(log.path, (WITH_LIFECYCLE, "team"), name)
        for name in figures.FIRST_VIEW
    }
    assert kept["cases"] == 3
    assert kept["summary_json"]["variants"] == 3
    for name, value in figures.first_view_figures(named).items():
        _assert_same(kept[name], value)


def test_the_job_of_an_outdated_naming_keeps_nothing(konsulent):
    log = _import_small(konsulent)

    services.eventlog_figures_run(eventlog_id=log.pk, activity_key="team", resource_key="")

    assert figurestore.load(log.path, ("team", ""), "cases") is figurestore.MISSING


def test_a_rewritten_log_file_is_not_served_the_old_figures(client, konsulent):
    log = import_log(konsulent)
    events = load_log(log.path)
    first_three = events.get_column("case_id").unique(maintain_order=True).head(3)

    save_log(events.filter(pl.col("case_id").is_in(first_three.implode())), log.path)
    variants = _page(client, konsulent, "mining:eventlog_variants", log)
    client.force_login(konsulent)
    summary = client.get(f"/api/v1/eventlogs/{log.pk}/summary").json()

    assert variants.context["page"]["cases"] == 3
    assert summary["cases"] == 3


@pytest.mark.parametrize("damage", ["manifest", "figure", "gone"])
def test_a_damaged_or_missing_kept_figure_is_computed_instead(client, konsulent, damage):
    log = import_log(konsulent)
    naming_folder = figurestore.naming_folder(log.path, ("", ""))
    manifest = naming_folder / figurestore.MANIFEST
    if damage == "manifest":
        manifest.write_text("{not json")
    elif damage == "figure":
        for name in ("variants", "overview", "case_list"):
            files = json.loads(manifest.read_text())["figures"][name]["files"]
            (naming_folder / files[0]).write_bytes(b"neither Parquet nor JSON")
    else:
        figurestore.remove(log.path)

    variants = _page(client, konsulent, "mining:eventlog_variants", log)
    overview = _page(client, konsulent, "mining:eventlog_overview", log)
    cases = _page(client, konsulent, "mining:eventlog_cases", log)
    client.force_login(konsulent)
    api = client.get(f"/api/v1/eventlogs/{log.pk}/variants")

    assert variants.status_code == 200
    assert variants.context["page"]["variants"] == 6
    assert overview.status_code == 200
    assert overview.context["overview"]["summary"]["cases"] == 6
    assert cases.status_code == 200
    assert len(cases.context["cases"]) == 6
    assert api.status_code == 200
    assert len(api.json()) == 6


def test_a_failure_to_keep_the_figures_does_not_fail_the_import(konsulent, monkeypatch):
    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(figurestore, "save", full)

    log = import_log(konsulent)

    assert log.cases == 6
    assert not figurestore.folder(log.path).exists()


def test_deleting_the_log_deletes_its_kept_figures(konsulent, django_capture_on_commit_callbacks):
    log = import_log(konsulent)
    assert figurestore.folder(log.path).is_dir()

    with django_capture_on_commit_callbacks(execute=True):
        services.eventlog_delete(user=konsulent, eventlog=log)

    assert not figurestore.folder(log.path).exists()


def test_another_municipality_reads_no_kept_figures(client, konsulent, other_konsulent):
    log = import_log(konsulent)
    client.force_login(other_konsulent)

    pages = [
        client.get(reverse(f"mining:eventlog_{name}", kwargs={"eventlog_id": log.pk})).status_code
        for name in ("overview", "cases", "map", "variants", "statistics")
    ]
    api = [
        client.get(f"/api/v1/eventlogs/{log.pk}/{name}").status_code
        for name in ("summary", "dfg", "variants")
    ]

    assert pages == [404] * 5
    assert api == [404, 404, 404]


def _fresh_worker() -> None:
    """Forget what this process keeps of every log, as a newly started web worker has."""
    LOG_CACHE.clear()
    for kept in (
        eventlog_selectors._activity_attributes,
        eventlog_selectors._case_attributes,
        eventlog_selectors._filter_choices,
    ):
        kept.cache_clear()


@pytest.mark.parametrize("filename", ["running-example.xes", "receipt.xes.gz"])
def test_kept_lookups_equal_the_ones_the_selectors_compute(konsulent, filename):
    log = import_log(konsulent, filename)
    events = load_log(log.path)
    _fresh_worker()

    kept = (
        selectors.activity_attributes(eventlog=log),
        selectors.case_attributes(eventlog=log),
        selectors.filter_choices(eventlog=log),
        selectors.activity_names(eventlog=log),
    )

    assert kept == (
        labels.activity_attributes(events),
        labels.case_attributes(events),
        (labels.resources(events), labels.filter_attributes(events)),
        figures.activities_by_frequency(events),
    )
    assert figurestore.load(log.path, ("file",), "activity_attributes") == kept[0]


def test_a_fresh_workers_first_map_reads_only_kept_figures_and_lookups(
    client, konsulent, monkeypatch
):
    log = import_log(konsulent, "receipt.xes.gz")
    _fresh_worker()
    _computing_fails(monkeypatch)

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("looked up in the log, not read from the kept lookups")

    for name in ("activity_attributes", "case_attributes", "filter_attributes"):
        monkeypatch.setattr(labels, name, fail)
    monkeypatch.setattr(figures, "activities_by_frequency", fail)
    monkeypatch.setattr(eventlog_selectors, "activities_by_frequency", fail)

    response = _page(client, konsulent, "mining:eventlog_map", log)

    # receipt: 27 activities, of which the first view shows the 25 most frequent.
    assert response.status_code == 200
    assert response.context["graph"]["activities_total"] == 27


def test_lookups_kept_for_another_resource_naming_are_not_served(konsulent):
    log = _import_small(konsulent)
    _fresh_worker()

    choices = selectors.filter_choices(eventlog=log, resource_key="team")

    assert choices[0] == ["Team A", "Team B"]


def test_keep_log_figures_keeps_them_for_a_log_that_has_none(konsulent):
    """A log imported before the figures were kept gets them from the upgrade command, and
    a second run leaves the kept set alone."""
    from io import StringIO

    from django.core.management import call_command

    log = import_log(konsulent)
    figurestore.remove(log.path)
    assert not figurestore.kept(log.path, ("", ""))

    first, second = StringIO(), StringIO()
    call_command("keep_log_figures", stdout=first)
    call_command("keep_log_figures", stdout=second)

    assert figurestore.kept(log.path, ("", ""))
    assert figurestore.load(log.path, ("", ""), "cases") == 6  # running-example: 6 cases
    assert "Kept figures for 1 log(s); 0 failed; 0 skipped." in first.getvalue()
    assert "Kept figures for 0 log(s); 0 failed; 1 skipped." in second.getvalue()
