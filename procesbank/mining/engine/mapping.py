"""Which activity of a log is which task of a model: a suggestion by name, and the log with
its activities renamed to the tasks they were mapped to, so that conformance compares like
with like when the case system's names ("01_HOOFD_010", "Modtag ansøgning (start)") differ
from the consultant's ("Modtag ansøgning")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

import polars as pl

from procesbank.mining.engine.normalise import ACTIVITY

#: Below this similarity (0..1, difflib's ratio of the normalised names) nothing is suggested:
#: 0.75 pairs "Modtag ansøgning" with "modtag ansoegning" or "Modtag ansøgning (start)", and
#: not "Modtag ansøgning" with "Afslut ansøgning" (0.71).
SUGGESTION_THRESHOLD = 0.75


def _normalised(name: str) -> str:
    """Lower case, Danish letters spelt out, punctuation and repeated spaces gone."""
    text = unicodedata.normalize("NFKC", name).casefold()
    for letter, spelt in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, spelt)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def suggest_mapping(
    activities: Iterable[str], tasks: Iterable[str], *, threshold: float = SUGGESTION_THRESHOLD
) -> dict[str, str]:
    """For each log activity, the model task it most likely is: the task of the same
    normalised name, else the most similar one at or above ``threshold``; activities with no
    such task are left out. Several activities may point to one task (a start and a complete
    event of the same step)."""
    task_list = sorted(set(tasks))
    by_normalised = {_normalised(task): task for task in task_list}
    suggestion: dict[str, str] = {}
    for activity in activities:
        key = _normalised(activity)
        if key in by_normalised:
            suggestion[activity] = by_normalised[key]
            continue
        best, best_ratio = "", 0.0
        for normalised, task in by_normalised.items():
            ratio = SequenceMatcher(None, key, normalised).ratio()
            if ratio > best_ratio:
                best, best_ratio = task, ratio
        if best and best_ratio >= threshold:
            suggestion[activity] = best
    return suggestion


def apply_mapping(log: pl.DataFrame, mapping: Mapping[str, str]) -> pl.DataFrame:
    """The log with each mapped activity renamed to its task; others keep their names."""
    renames = {activity: task for activity, task in mapping.items() if task and task != activity}
    if not renames:
        return log
    renamed = pl.col(ACTIVITY).cast(pl.String).replace(renames)
    return log.with_columns(renamed.cast(pl.Categorical).alias(ACTIVITY))
