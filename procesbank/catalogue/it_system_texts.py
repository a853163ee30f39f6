"""The candidates' IT-system texts, registered with the dictionary (``dictionary/usage.py``)."""

from __future__ import annotations

from collections.abc import Iterator

from procesbank.catalogue.models import Candidate
from procesbank.dictionary.usage import TextUsage, register, rename_list
from procesbank.kit.stamps import touch


def _texts() -> Iterator[str]:
    for systems in Candidate.objects.exclude(it_systems=[]).values_list("it_systems", flat=True):
        yield from (str(s) for s in systems or [])


def _rename(mapping: dict[str, str]) -> int:
    changed = 0
    for candidate in Candidate.objects.exclude(it_systems=[]).only("pk", "it_systems"):
        renamed = rename_list(list(candidate.it_systems or []), mapping)
        if renamed != candidate.it_systems:
            Candidate.objects.filter(pk=candidate.pk).update(it_systems=renamed)
            changed += 1
    if changed:
        touch(Candidate)  # the UPDATEs sent no signal: cached aggregates read these lists
    return changed


def register_usages() -> None:
    register(TextUsage("catalogue.candidate", _texts, _rename))
