"""Figures of a log kept on disk beside its Parquet file, so that the first view of an analysis
page in any web worker reads them instead of computing them from millions of events.

The in-process cache (:mod:`procesbank.mining.engine.logcache`) keeps a page's figures only in
the worker that computed them. The import job computes the unfiltered figures of the log's saved
naming once (:func:`procesbank.mining.engine.figures.first_view_figures`) and writes them here;
a worker's first view of a tab then reads a few small files (milliseconds) instead of grouping
every event (seconds on 5 million events).

Layout: ``<log>.parquet.figures/<naming digest>/`` holds ``manifest.json`` and one file per
figure: Parquet for a frame (``name.<token>.parquet``; a tuple of frames one per part), JSON for
plain values. The manifest names the log file's identity (size and modification time in ns), the
naming and each figure's files; it is written last and replaced atomically, so a reader sees a
whole set or the one before. Stale figures are never served: a manifest whose identity or naming
differs from the log file's now is ignored, as is one that cannot be read (the caller then
computes the figure). JSON turns tuples into lists; callers persist lists, dicts, numbers,
text and datetimes (kept as ISO 8601 with their offset, read back equal), or frames. A frame is
written in row groups of :data:`ROW_GROUP_ROWS` rows, so that :func:`scan` can read one page of
a long table (the variants of a log: 200,000 rows) without decoding the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import polars as pl

#: Bumped when the layout or the meaning of a figure changes: older sets are then ignored.
#: 2: frames in row groups of ROW_GROUP_ROWS; datetimes in JSON; the overview and case list.
FORMAT = 2
MANIFEST = "manifest.json"
#: LZ4 reads back about a quarter faster than zstd (a 5M-event log's variant table, millions of
#: activity names in lists, is most of a first view of the variants), at 1.4x zstd's size.
COMPRESSION: Final = "lz4"
#: A page of a kept table read through :func:`scan` decodes one row group: at 4,096 rows a
#: page of the 5M-event log's variants reads in 2 ms instead of 13 ms (one 200,000-row group),
#: and the whole table as fast as before.
ROW_GROUP_ROWS: Final = 4096
#: The key a datetime is kept under in JSON (a one-key object).
DATETIME_KEY: Final = "$datetime"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


#: What :func:`load` returns for a figure that is not stored (or not for this file and naming).
MISSING: Any = _Missing()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {DATETIME_KEY: value.isoformat()}
    raise TypeError(f"{type(value).__name__} cannot be kept as JSON")


def _decode(found: dict[str, Any]) -> Any:
    if len(found) == 1 and DATETIME_KEY in found:
        return datetime.fromisoformat(found[DATETIME_KEY])
    return found


def folder(log_path: Path) -> Path:
    """The folder of all namings' figures of the log stored at ``log_path``."""
    return log_path.with_name(log_path.name + ".figures")


def naming_folder(log_path: Path, naming: tuple[str, ...]) -> Path:
    """The folder of the log's figures under one naming."""
    digest = hashlib.sha256(json.dumps(list(naming)).encode()).hexdigest()[:20]
    return folder(log_path) / digest


def _identity(log_path: Path) -> dict[str, int]:
    status = log_path.stat()
    return {"size": status.st_size, "mtime_ns": status.st_mtime_ns}


def save(log_path: Path, naming: tuple[str, ...], figures: Mapping[str, Any]) -> None:
    """Keep ``figures`` (name -> frame, tuple of frames, or JSON value) of the log file at
    ``log_path`` as seen through ``naming``, replacing the set kept before for that naming.

    Raises OSError when the files cannot be written (nothing half-written is ever served)."""
    identity = _identity(log_path)
    target = naming_folder(log_path, naming)
    target.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(6)
    entries: dict[str, dict[str, Any]] = {}
    for name, value in figures.items():
        if isinstance(value, pl.DataFrame):
            file = f"{name}.{token}.parquet"
            _write_frame(value, target / file)
            entries[name] = {"kind": "frame", "files": [file]}
        elif (
            isinstance(value, tuple)
            and value
            and all(isinstance(part, pl.DataFrame) for part in value)
        ):
            files = [f"{name}.{index}.{token}.parquet" for index in range(len(value))]
            for part, file in zip(value, files, strict=True):
                _write_frame(part, target / file)
            entries[name] = {"kind": "frames", "files": files}
        else:
            file = f"{name}.{token}.json"
            (target / file).write_text(json.dumps(value, default=_encode), encoding="utf-8")
            entries[name] = {"kind": "json", "files": [file]}
    manifest = {"format": FORMAT, "identity": identity, "naming": list(naming), "figures": entries}
    replaced = _files_named(target)
    partial = target / f"{MANIFEST}.{token}.partial"
    partial.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(partial, target / MANIFEST)
    # Only the files of the set this one replaced go: a second job saving the same naming at
    # the same time (two quick naming changes) must not lose the files it is still writing.
    kept = {file for entry in entries.values() for file in entry["files"]}
    for file in replaced - kept:
        (target / file).unlink(missing_ok=True)


def _write_frame(frame: pl.DataFrame, path: Path) -> None:
    frame.write_parquet(path, compression=COMPRESSION, row_group_size=ROW_GROUP_ROWS)


def _files_named(target: Path) -> set[str]:
    """The files the folder's current manifest names (none when it has none or it is
    unreadable: then nothing is deleted, and the folder goes with the log)."""
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        return {
            Path(file).name for entry in manifest["figures"].values() for file in entry["files"]
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def load(log_path: Path, naming: tuple[str, ...], name: str) -> Any:
    """The figure ``name`` kept for the log file at ``log_path`` and ``naming``, or
    :data:`MISSING` when none is kept for the file as it is now (rewritten since, another
    naming, an older format). Raises what reading a damaged file raises (ValueError, OSError,
    Polars' errors): the caller falls back to computing."""
    entry = _entry(log_path, naming, name)
    if entry is MISSING:
        return MISSING
    kind, files = entry
    if kind == "frame":
        return pl.read_parquet(files[0])
    if kind == "frames":
        return tuple(pl.read_parquet(file) for file in files)
    return json.loads(files[0].read_text(encoding="utf-8"), object_hook=_decode)


def scan(log_path: Path, naming: tuple[str, ...], name: str) -> Any:
    """The kept frame ``name`` as a :class:`polars.LazyFrame` over its file, to read only some
    of its columns or rows (a page), or :data:`MISSING` as for :func:`load` (also when the
    figure is not one frame). Nothing is read until it is collected: a set replaced meanwhile
    (its files deleted) or a damaged file raises then (OSError, Polars' errors), and the caller
    computes. Not to be kept: the next save of the naming deletes the file."""
    entry = _entry(log_path, naming, name)
    if entry is MISSING or entry[0] != "frame":
        return MISSING
    return pl.scan_parquet(entry[1][0])


def _entry(log_path: Path, naming: tuple[str, ...], name: str) -> Any:
    """(kind, files) of the figure ``name`` kept for the file as it is now, or MISSING."""
    target = naming_folder(log_path, naming)
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return MISSING
    if (
        manifest.get("format") != FORMAT
        or manifest.get("identity") != _identity(log_path)
        or manifest.get("naming") != list(naming)
        or name not in manifest.get("figures", {})
    ):
        return MISSING
    entry = manifest["figures"][name]
    return entry["kind"], [target / Path(file).name for file in entry["files"]]


def kept(log_path: Path, naming: tuple[str, ...]) -> bool:
    """Whether a set is kept for the log file as it is now and ``naming``."""
    try:
        manifest = json.loads((naming_folder(log_path, naming) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and manifest.get("identity") == _identity(log_path)
        and manifest.get("naming") == list(naming)
    )


def remove(log_path: Path) -> None:
    """Delete every kept figure of the log file (the log was deleted)."""
    shutil.rmtree(folder(log_path), ignore_errors=True)
