"""A small in-process cache of loaded event logs, so that moving between the analysis pages of a
log (overview, map, variants ...) does not read its Parquet file again for every page.

Entries are keyed by the log's id and its file's path, modification time (ns) and size, so a
file written again under the same name is read afresh; a log's older entry is dropped when its
file changed, and :meth:`LogCache.forget` drops it when the log is deleted. The cache holds at
most ``max_logs`` logs and ``max_bytes`` bytes (Polars' estimate of the frames' size), evicting
the least recently used first; a log larger than ``max_bytes`` is not kept at all.

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

import polars as pl

#: Defaults: enough for a consultant clicking through a few logs, small beside a worker's memory.
DEFAULT_MAX_LOGS = 4
DEFAULT_MAX_BYTES = 512 * 1024**2


@dataclass(frozen=True)
class _Key:
    log_id: int
    path: str
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class CacheStats:
    """Counters since the cache was made: loads served from memory and loads from disk."""

    hits: int
    misses: int
    logs: int
    bytes: int


class LogCache:
    """Least-recently-used cache of loaded logs, bounded by count and by bytes; thread-safe."""

    def __init__(self, max_logs: int = DEFAULT_MAX_LOGS, max_bytes: int = DEFAULT_MAX_BYTES):
        self.max_logs = max_logs
        self.max_bytes = max_bytes
        self._entries: OrderedDict[_Key, tuple[pl.DataFrame, int]] = OrderedDict()
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
        status = path.stat()
        key = _Key(log_id, str(path), status.st_mtime_ns, status.st_size)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self._hits += 1
                return entry[0]
            self._misses += 1
        # Read outside the lock: other logs stay available while a large one loads. Two
        # requests for the same new log may both read it; the second simply replaces the first.
        frame = load(path)
        size = int(frame.estimated_size())
        with self._lock:
            self._drop(log_id)
            if size <= self.max_bytes and self.max_logs > 0:
                self._entries[key] = (frame, size)
                self._evict()
        return frame

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
        return sum(size for _frame, size in self._entries.values())

    def _evict(self) -> None:
        while self._entries and (
            len(self._entries) > self.max_logs or self._bytes() > self.max_bytes
        ):
            self._entries.popitem(last=False)


#: The process's cache, used by the selectors and emptied by the services that delete logs.
LOG_CACHE = LogCache()
