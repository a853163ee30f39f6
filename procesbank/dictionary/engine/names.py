"""When two typed names are the same IT system or role: folding and grouping (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def fold(name: str) -> str:
    """The key two spellings of one name share: tidied (below) and case folded
    (``" SBsys "`` and ``"SBSYS"`` -> ``"sbsys"``)."""
    return tidy(name).casefold()


def tidy(name: str) -> str:
    """The name as it is stored: control characters removed, whitespace collapsed and trimmed
    (``" SBsys\x00  4 "`` -> ``"SBsys 4"``)."""
    visible = "".join(ch for ch in str(name) if ch.isprintable() or ch.isspace())
    return " ".join(visible.split())


def group_names(names: Iterable[str]) -> dict[str, str]:
    """The distinct names by their folded key, each with the spelling used most often (ties:
    the first seen). ``["SBSYS", "sbsys ", "SBSYS", "Nexus"]`` ->
    ``{"sbsys": "SBSYS", "nexus": "Nexus"}``; empty names are left out."""
    counts: Counter[str] = Counter()
    order: dict[str, list[str]] = {}
    for raw in names:
        name = tidy(raw)
        if not name:
            continue
        counts[name] += 1
        spellings = order.setdefault(fold(name), [])
        if name not in spellings:
            spellings.append(name)
    return {
        key: max(spellings, key=lambda s: (counts[s], -spellings.index(s)))
        for key, spellings in order.items()
    }
