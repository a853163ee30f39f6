"""The municipality profiles' IT-system texts, registered with the dictionary."""

from __future__ import annotations

from collections.abc import Iterator

from procesbank.dictionary.usage import TextUsage, register, rename_list
from procesbank.kit.stamps import touch
from procesbank.profiles.models import MunicipalityProfile


def _texts() -> Iterator[str]:
    profiles = MunicipalityProfile.objects.exclude(it_systems=[])
    for systems in profiles.values_list("it_systems", flat=True):
        yield from (str(s) for s in systems or [])


def _rename(mapping: dict[str, str]) -> int:
    changed = 0
    for profile in MunicipalityProfile.objects.exclude(it_systems=[]):
        renamed = rename_list(list(profile.it_systems or []), mapping)
        if renamed != profile.it_systems:
            MunicipalityProfile.objects.filter(pk=profile.pk).update(it_systems=renamed)
            changed += 1
    if changed:
        touch(MunicipalityProfile)  # the UPDATEs sent no signal: cached aggregates read these lists
    return changed


def register_usages() -> None:
    register(TextUsage("profiles.profile", _texts, _rename))
