"""The in-process cache of loaded logs: same data, bounded, invalidated, and behind the selector."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse
from polars.testing import assert_frame_equal

from procesbank.mining import selectors, services
from procesbank.mining.engine.eventlog import load_log
from procesbank.mining.engine.logcache import LOG_CACHE, LogCache
from procesbank.mining.selectors import eventlogs as eventlog_selectors
from procesbank.mining.tests.test_models import import_log


class _CountingLoader:
    """load_log that counts its reads."""

    def __init__(self) -> None:
        self.reads: list[Path] = []

    def __call__(self, path: Path) -> pl.DataFrame:
        self.reads.append(path)
        return pl.read_parquet(path)


def _parquet(folder: Path, name: str, rows: int) -> Path:
    path = folder / name
    pl.DataFrame({"x": list(range(rows))}).write_parquet(path)
    return path


def test_second_get_is_served_from_memory(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)

    first = cache.get(1, path, load)
    second = cache.get(1, path, load)

    assert second is first
    assert load.reads == [path]
    assert (cache.stats().hits, cache.stats().misses) == (1, 1)


def test_a_rewritten_file_is_read_again(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    cache.get(1, path, load)

    _parquet(tmp_path, "a.parquet", 20)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    frame = cache.get(1, path, load)

    assert frame.height == 20
    assert len(load.reads) == 2
    # The stale version was dropped, not kept beside the new one.
    assert cache.stats().logs == 1


def test_forget_drops_the_log(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    cache.get(1, path, load)

    cache.forget(1)
    cache.get(1, path, load)

    assert len(load.reads) == 2


def test_least_recently_used_log_goes_first(tmp_path):
    cache, load = LogCache(max_logs=2), _CountingLoader()
    a, b, c = (_parquet(tmp_path, f"{name}.parquet", 10) for name in "abc")
    cache.get(1, a, load)
    cache.get(2, b, load)
    cache.get(1, a, load)  # a is now more recent than b

    cache.get(3, c, load)
    cache.get(1, a, load)
    cache.get(2, b, load)

    assert load.reads == [a, b, c, b]


def test_byte_bound_evicts_and_refuses_what_cannot_fit(tmp_path):
    # 1,000 Int64 values are 8,000 bytes by Polars' estimate.
    cache, load = LogCache(max_logs=10, max_bytes=12_000), _CountingLoader()
    a, b = _parquet(tmp_path, "a.parquet", 1000), _parquet(tmp_path, "b.parquet", 1000)
    big = _parquet(tmp_path, "big.parquet", 2000)

    cache.get(1, a, load)
    cache.get(2, b, load)
    assert (cache.stats().logs, cache.stats().bytes) == (1, 8000)

    cache.get(3, big, load)
    assert (cache.stats().logs, cache.stats().bytes) == (1, 8000)
    cache.get(3, big, load)
    assert load.reads == [a, b, big, big]


def test_size_zero_turns_the_cache_off(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    cache.get(1, path, load)

    cache.resize(max_logs=4, max_bytes=0)
    cache.get(1, path, load)

    assert len(load.reads) == 2
    assert cache.stats().logs == 0


def test_a_deleted_file_is_not_served(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    cache.get(1, path, load)
    path.unlink()

    with pytest.raises(FileNotFoundError):
        cache.get(1, path, load)


class _CountingCompute:
    """A derived figure (the frame's height) that counts how often it was computed."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame, self.calls = frame, 0

    def __call__(self) -> int:
        self.calls += 1
        return self.frame.height


def test_a_derived_figure_is_computed_once_while_its_log_is_kept(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    compute = _CountingCompute(cache.get(1, path, load))

    first = cache.derived(1, path, load, ("height",), compute)
    second = cache.derived(1, path, load, ("height",), compute)

    assert (first, second, compute.calls) == (10, 10, 1)
    assert load.reads == [path]


def test_derived_figures_are_kept_apart_by_their_key(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)

    cache.derived(1, path, load, ("figure", "unfiltered"), lambda: "all")
    cache.derived(1, path, load, ("figure", "filtered"), lambda: "some")

    assert cache.derived(1, path, load, ("figure", "unfiltered"), lambda: "?") == "all"
    assert cache.derived(1, path, load, ("figure", "filtered"), lambda: "?") == "some"


def test_a_rewritten_file_drops_its_derived_figures(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    cache.derived(1, path, load, ("height",), lambda: 10)

    _parquet(tmp_path, "a.parquet", 20)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    height = cache.derived(1, path, load, ("height",), lambda: cache.get(1, path, load).height)

    assert height == 20


def test_forget_drops_the_derived_figures(tmp_path):
    cache, load = LogCache(), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    cache.derived(1, path, load, ("height",), lambda: 10)

    cache.forget(1)

    assert cache.derived(1, path, load, ("height",), lambda: 11) == 11


def test_least_recently_used_derived_figure_goes_first(tmp_path):
    cache, load = LogCache(max_derived=2), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    cache.derived(1, path, load, "a", lambda: 1)
    cache.derived(1, path, load, "b", lambda: 2)
    cache.derived(1, path, load, "a", lambda: -1)  # a is now more recent than b

    cache.derived(1, path, load, "c", lambda: 3)

    assert cache.derived(1, path, load, "a", lambda: -1) == 1
    assert cache.derived(1, path, load, "b", lambda: -2) == -2


def test_derived_frames_count_towards_the_bytes_and_the_oldest_give_way(tmp_path):
    # 1,000 Int64 values are 8,000 bytes by Polars' estimate: the log and one derived frame of
    # as many values fit in 20,000 bytes, a second derived frame does not.
    cache, load = LogCache(max_bytes=20_000), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 1000)
    values = pl.DataFrame({"x": list(range(1000))})
    cache.derived(1, path, load, "a", lambda: values)
    assert cache.stats().bytes == 16_000

    cache.derived(1, path, load, "b", lambda: values)

    assert (cache.stats().logs, cache.stats().bytes) == (1, 16_000)
    assert cache.derived(1, path, load, "a", lambda: "computed again") == "computed again"
    assert load.reads == [path]


def test_a_log_not_kept_computes_its_figures_each_time(tmp_path):
    cache, load = LogCache(max_bytes=0), _CountingLoader()
    path = _parquet(tmp_path, "a.parquet", 10)
    compute = _CountingCompute(pl.DataFrame({"x": [1]}))

    cache.derived(1, path, load, ("height",), compute)
    cache.derived(1, path, load, ("height",), compute)

    assert compute.calls == 2


# --- through the selectors ------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def reads(monkeypatch):
    """Every Parquet read of the selectors, by path."""
    seen: list[Path] = []

    def counting(path: Path) -> pl.DataFrame:
        seen.append(path)
        return load_log(path)

    monkeypatch.setattr(eventlog_selectors, "load_log", counting)
    LOG_CACHE.clear()
    return seen


def test_selector_gives_the_stored_log(konsulent, reads):
    log = import_log(konsulent)

    events = selectors.eventlog_events(eventlog=log)

    assert_frame_equal(events, load_log(log.path))


def test_clicking_through_the_pages_reads_the_file_once(client, konsulent, reads):
    log = import_log(konsulent)
    client.force_login(konsulent)

    for name in (
        "mining:eventlog_overview",
        "mining:eventlog_map",
        "mining:eventlog_variants",
        "mining:eventlog_overview",
    ):
        response = client.get(reverse(name, kwargs={"eventlog_id": log.pk}))
        assert response.status_code == 200

    assert reads == [log.path]


def test_delete_empties_the_cache(client, konsulent, reads, django_capture_on_commit_callbacks):
    log = import_log(konsulent)
    selectors.eventlog_events(eventlog=log)
    assert LOG_CACHE.stats().logs == 1
    client.force_login(konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mining:eventlog_delete", kwargs={"eventlog_id": log.pk}))

    assert LOG_CACHE.stats().logs == 0
    response = client.get(reverse("mining:eventlog_overview", kwargs={"eventlog_id": log.pk}))
    assert response.status_code == 404


def test_cached_log_is_never_served_to_another_municipality(
    client, konsulent, other_konsulent, reads
):
    log = import_log(konsulent)
    client.force_login(konsulent)
    assert client.get(
        reverse("mining:eventlog_overview", kwargs={"eventlog_id": log.pk})
    ).status_code
    assert LOG_CACHE.stats().logs == 1
    hits_before = LOG_CACHE.stats().hits
    client.force_login(other_konsulent)

    pages = [
        reverse(name, kwargs={"eventlog_id": log.pk})
        for name in ("mining:eventlog_overview", "mining:eventlog_map", "mining:eventlog_variants")
    ]
    statuses = [client.get(page).status_code for page in pages]
    api = client.get(f"/api/v1/eventlogs/{log.pk}/summary")

    assert statuses == [404, 404, 404]
    assert api.status_code == 404
    # The selector refused before the cache was asked: no hit, no read.
    assert LOG_CACHE.stats().hits == hits_before
    assert reads == [log.path]


def test_service_delete_forgets_the_log(konsulent, reads, django_capture_on_commit_callbacks):
    log = import_log(konsulent)
    selectors.eventlog_events(eventlog=log)

    with django_capture_on_commit_callbacks(execute=True):
        services.eventlog_delete(user=konsulent, eventlog=log)

    assert LOG_CACHE.stats().logs == 0
