"""The process library's IT-system texts, registered with the dictionary (see
``dictionary/usage.py``): the processes' own lists and the tasks' systems from the BPMN."""

from __future__ import annotations

from collections.abc import Iterator

from procesbank.dictionary.usage import TextUsage, register, rename_list
from procesbank.kit.stamps import touch
from procesbank.processes.models import Process, TaskMeasurement


def _process_texts() -> Iterator[str]:
    for systems in Process.objects.exclude(it_systems=[]).values_list("it_systems", flat=True):
        yield from (str(s) for s in systems or [])


def _process_rename(mapping: dict[str, str]) -> int:
    changed = 0
    for process in Process.objects.exclude(it_systems=[]).only("pk", "it_systems"):
        renamed = rename_list(list(process.it_systems or []), mapping)
        if renamed != process.it_systems:
            # Not a change of the process by anyone: no lock_version bump, no updated_at.
            Process.objects.filter(pk=process.pk).update(it_systems=renamed)
            changed += 1
    if changed:
        touch(Process)  # the UPDATEs sent no signal: cached aggregates read these lists
    return changed


def _task_texts() -> Iterator[str]:
    yield from TaskMeasurement.objects.exclude(it_system="").values_list("it_system", flat=True)


def _task_rename(mapping: dict[str, str]) -> int:
    # A task's system lives in its BPMN file, the source of truth, and the mirror follows the
    # file: neither is rewritten. The mapped spelling is remembered, so the text no longer
    # counts as unmapped and reads as the record wherever the dictionary resolves names.
    return 0


def register_usages() -> None:
    register(TextUsage("processes.process", _process_texts, _process_rename))
    register(TextUsage("processes.task", _task_texts, _task_rename))
