"""Where IT systems are typed as text: the apps above register their fields here, so the
dictionary can list the texts without a record and rewrite a text mapped onto a record
without importing those apps (they stand above it in the layers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TextUsage:
    """One field holding IT-system names as text.

    ``texts`` yields every name stored (repeats included, so counts are true); ``rename``
    takes {folded old name: new name} and rewrites the rows, returning how many it changed.
    """

    key: str
    texts: Callable[[], Iterable[str]]
    rename: Callable[[dict[str, str]], int]


_USAGES: dict[str, TextUsage] = {}


def register(usage: TextUsage) -> None:
    """Add (or replace, on a reload) the usage under its key."""
    _USAGES[usage.key] = usage


def usages() -> list[TextUsage]:
    return list(_USAGES.values())


def rename_list(values: list[str], mapping: dict[str, str]) -> list[str]:
    """``values`` with each name found in ``mapping`` (by its folded form) replaced, keeping
    the order and dropping a repeat the renaming made."""
    from procesbank.dictionary.engine.names import fold

    renamed = [mapping.get(fold(value), value) for value in values]
    return list(dict.fromkeys(renamed))
