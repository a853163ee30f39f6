"""What the in-process log cache saves when a user clicks through a log's analysis pages.

    .venv/bin/python bench/logcache.py [--events 600000] [--rounds 3]

Generates a log (the permit log of bench/mining.py), imports it and stores it as Parquet as an
upload would, then times the selector work of the overview, process-map and variants pages
(``activity_names`` for the filter form, ``eventlog_frame``, then the page's figures) for
``--rounds`` rounds of the three pages three ways: as the code did before the cache (every
page read the Parquet file twice and computed full activity statistics for the filter form's
activity names), with the cache off, and with it on. No database is needed: the pages' log is
an unsaved EventLog row pointing at the file. Figures are wall-clock medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _setup(media: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesbank.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = str(media)


def _pages() -> dict[str, Callable[[Any], Any]]:
    from procesbank.mining.engine import figures, processmap

    return {
        "overview": figures.log_overview,
        "map": lambda log: processmap.process_map(log, path_share=0.3),
        "variants": figures.variant_rows,
    }


def _page(eventlog: Any, figures: Callable[[Any], Any]) -> tuple[float, float]:
    """Seconds to get the page's events (with the filter form's activity names), and in all."""
    from procesbank.mining import selectors

    started = time.perf_counter()
    selectors.activity_names(eventlog=eventlog)
    log = selectors.eventlog_frame(eventlog=eventlog)
    loaded = time.perf_counter()
    figures(log)
    return loaded - started, time.perf_counter() - started


def _page_before_cache(eventlog: Any, figures: Callable[[Any], Any]) -> tuple[float, float]:
    """The same page as the code did it before the cache (selectors at commit 148072e)."""
    from procesbank.mining.engine import discovery
    from procesbank.mining.engine.eventlog import load_log

    started = time.perf_counter()
    discovery.activity_stats(load_log(eventlog.path))
    log = load_log(eventlog.path)
    loaded = time.perf_counter()
    figures(log)
    return loaded - started, time.perf_counter() - started


def _click_through(
    eventlog: Any, rounds: int, cache_mb: int, page: Callable[..., tuple[float, float]] = _page
) -> dict[str, list[tuple[float, float]]]:
    from django.conf import settings

    from procesbank.mining.engine.logcache import LOG_CACHE

    settings.PROCESBANK_LOG_CACHE_MB = cache_mb
    LOG_CACHE.clear()
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in _pages()}
    for _round in range(rounds):
        for name, figures in _pages().items():
            times[name].append(page(eventlog, figures))
    return times


def _ms(values: list[tuple[float, float]], part: int) -> str:
    return f"{statistics.median(value[part] for value in values) * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=600_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder))
        from bench.mining import generate_log, write_csv
        from procesbank.mining.engine.eventlog import load_log, read_csv, save_log
        from procesbank.mining.models import EventLog

        csv_path = Path(folder) / "log.csv"
        write_csv(generate_log(args.events), csv_path)
        eventlog = EventLog(pk=1)
        eventlog.path.parent.mkdir(parents=True, exist_ok=True)
        save_log(read_csv(csv_path), eventlog.path)
        loads = []
        for _ in range(5):
            started = time.perf_counter()
            log = load_log(eventlog.path)
            loads.append(time.perf_counter() - started)
        print(
            f"{log.height:,} events, {log.get_column('case_id').n_unique():,} cases; Parquet "
            f"{eventlog.path.stat().st_size / 2**20:.1f} MB, in memory "
            f"{log.estimated_size() / 2**20:.1f} MB; load_log median "
            f"{statistics.median(loads) * 1000:.0f} ms"
        )
        old = _click_through(eventlog, args.rounds, cache_mb=0, page=_page_before_cache)
        before = _click_through(eventlog, args.rounds, cache_mb=0)
        after = _click_through(eventlog, args.rounds, cache_mb=512)
        print("ms, median of the rounds; 'events' is activity names + eventlog_frame")
        print(
            "| page | events: before | no cache | cached | whole page: before | no cache | cached |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name in _pages():
            cached = after[name][1:]
            print(
                f"| {name} | {_ms(old[name], 0)} | {_ms(before[name], 0)} | {_ms(cached, 0)} "
                f"| {_ms(old[name], 1)} | {_ms(before[name], 1)} | {_ms(cached, 1)} |"
            )
        first = sum(after[name][0][0] for name in _pages()) * 1000
        print(f"first round with the cache (one read from disk): events {first:.0f} ms in all")


if __name__ == "__main__":
    main()
