"""A small in-process cache of loaded event logs, so that moving between the analysis pages of a
log (overview, map, variants ...) does not read its Parquet file again for every page.

Entries are keyed by the log's id and its file's path, modification time (ns) and size, so a
file written again under the same name is read afresh; a log's older entry is dropped when its
file changed, and :meth:`LogCache.forget` drops it when the log is deleted. The cache holds at
most ``max_logs`` logs and ``max_bytes`` bytes (Polars' estimate of the frames' size), evicting
the least recently used first; a log larger than ``max_bytes`` is not kept at all.

Beside each log the cache keeps what was derived from it (:meth:`LogCache.derived`): the
figures of an analysis page for one naming and set of filters, the log's activity names ...
They are small beside the log, live and die with its entry (a file written again starts
afresh), and at most ``max_derived`` of them are kept per log, the least recently used going
first; the frames among them count towards ``max_bytes``. A page seen once then answers from
memory while the log stays loaded, however long its figures took on millions of events.

The cache knows nothing of who may read a log: callers look the log up with the acting user's
rights first (:mod:`procesbank.mining.selectors`) and only then ask here for its events. The
frames are shared between callers, which is safe because Polars operations return new frames;
nobody may change one in place.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

T = TypeVar("T")

#: Defaults: enough for a consultant clicking through a few logs, small beside a worker's memory.
DEFAULT_MAX_LOGS = 4
DEFAULT_MAX_BYTES = 512 * 1024**2
#: Derived results kept per log: every tab under a few filter combinations and namings.
DEFAULT_MAX_DERIVED = 64


@dataclass(frozen=True)
class _Key:
    log_id: int
    path: str
    mtime_ns: int
    size: int


@dataclass
class _Entry:
    frame: pl.DataFrame
    frame_size: int
    #: key -> (result, bytes of the frames in it)
    derived: OrderedDict[Any, tuple[Any, int]]

    @property
    def size(self) -> int:
        return self.frame_size + sum(size for _result, size in self.derived.values())

    def add(self, key: Any, result: Any, size: int, max_derived: int) -> None:
        self.derived.pop(key, None)
        self.derived[key] = (result, size)
        while len(self.derived) > max_derived:
            self.derived.popitem(last=False)


def _frames_size(result: Any) -> int:
    """Bytes of the Polars frames in a derived result (a frame or a tuple of them; a
    variant table of a large log is tens of megabytes); other results are small."""
    if isinstance(result, pl.DataFrame):
        return int(result.estimated_size())
    if isinstance(result, tuple):
        return sum(_frames_size(part) for part in result)
    return 0


@dataclass(frozen=True)
class CacheStats:
    """Counters since the cache was made: loads served from memory and loads from disk."""

    hits: int
    misses: int
    logs: int
    bytes: int


class LogCache:
    """Least-recently-used cache of loaded logs, bounded by count and by bytes; thread-safe."""

    def __init__(
        self,
        max_logs: int = DEFAULT_MAX_LOGS,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_derived: int = DEFAULT_MAX_DERIVED,
    ):
        self.max_logs = max_logs
        self.max_bytes = max_bytes
        self.max_derived = max_derived
        self._entries: OrderedDict[_Key, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def resize(self, *, max_logs: int, max_bytes: int) -> None:
        """Change the bounds (0 turns the cache off), evicting what no longer fits."""
        with self._lock:
            self.max_logs, self.max_bytes = max_logs, max_bytes
            self._evict()

    def get(self, log_id: int, path: Path, load: Callable[[Path], pl.DataFrame]) -> pl.DataFrame:
        """The log's frame from memory, or ``load(path)`` kept for next time.

        Raises what ``load`` raises, and FileNotFoundError when the file is gone.
        """
        return self._entry(log_id, path, load)[1]

    def derived(
        self,
        log_id: int,
        path: Path,
        load: Callable[[Path], pl.DataFrame],
        key: Any,
        compute: Callable[[], T],
    ) -> T:
        """What ``compute()`` derives from the log, kept beside it under ``key`` (hashable; it
        must name everything the result depends on besides the file: naming, filters,
        parameters). The log is loaded (``load``) when it is not in memory. Callers must not
        change the result in place: the next caller gets the same object.
        """
        log_key, _frame = self._entry(log_id, path, load)
        with self._lock:
            entry = self._entries.get(log_key)
            if entry is not None and key in entry.derived:
                entry.derived.move_to_end(key)
                return entry.derived[key][0]
        # Computed outside the lock, as a load is: other pages go on meanwhile.
        result = compute()
        size = _frames_size(result)
        with self._lock:
            entry = self._entries.get(log_key)
            if entry is not None and self.max_derived > 0:
                entry.add(key, result, size, self.max_derived)
                # Older results of this log give way before other logs do.
                while self._bytes() > self.max_bytes and len(entry.derived) > 1:
                    entry.derived.popitem(last=False)
                self._evict()
        return result

    def _entry(
        self, log_id: int, path: Path, load: Callable[[Path], pl.DataFrame]
    ) -> tuple[_Key, pl.DataFrame]:
        status = path.stat()
        key = _Key(log_id, str(path), status.st_mtime_ns, status.st_size)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self._hits += 1
                return key, entry.frame
            self._misses += 1
        # Read outside the lock: other logs stay available while a large one loads. Two
        # requests for the same new log may both read it; the second simply replaces the first.
        frame = load(path)
        size = int(frame.estimated_size())
        with self._lock:
            self._drop(log_id)
            if size <= self.max_bytes and self.max_logs > 0:
                self._entries[key] = _Entry(frame, size, OrderedDict())
                self._evict()
        return key, frame

    def forget(self, log_id: int) -> None:
        """Drop the log's frame (the log was deleted)."""
        with self._lock:
            self._drop(log_id)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(self._hits, self._misses, len(self._entries), self._bytes())

    def _drop(self, log_id: int) -> None:
        for key in [key for key in self._entries if key.log_id == log_id]:
            del self._entries[key]

    def _bytes(self) -> int:
        return sum(entry.size for entry in self._entries.values())

    def _evict(self) -> None:
        while self._entries and (
            len(self._entries) > self.max_logs or self._bytes() > self.max_bytes
        ):
            self._entries.popitem(last=False)


#: The process's cache, used by the selectors and emptied by the services that delete logs.
LOG_CACHE = LogCache()
