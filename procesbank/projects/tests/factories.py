"""Test data for projects, business cases and benefits: a process with an as-is and a to-be
version whose savings are easy to compute by hand."""

from __future__ import annotations

from procesbank.organisations.models import User
from procesbank.processes import services as process_services
from procesbank.processes.engine.bpmn import TaskMeasurements
from procesbank.processes.models import Process, ProcessVersion
from procesbank.processes.tests.conftest import two_task_bpmn
from procesbank.projects import services
from procesbank.projects.models import Project


def _measure(user: User, version: ProcessVersion, task_id: str, minutes: float) -> None:
    process_services.task_measurements_set(
        user=user,
        version=version,
        task_id=task_id,
        measurements=TaskMeasurements(minutes, minutes, minutes),
    )


def process_pair(
    user: User, name: str = "Enkeltydelse", visibility: str = "own"
) -> tuple[Process, ProcessVersion, ProcessVersion]:
    """1200 cases a year. As-is: T1 30 min + T2 15 min; to-be: T1 10 min + T2 15 min.
    Saved: 20 min x 1200 / 60 = 400 hours a year."""
    process = process_services.process_create(
        user=user, name=name, bpmn_xml=two_task_bpmn(), yearly_volume=1200, visibility=visibility
    )
    as_is = process.versions.get()
    _measure(user, as_is, "T1", 30)
    _measure(user, as_is, "T2", 15)
    as_is.refresh_from_db()
    to_be = process_services.version_copy(user=user, version=as_is, label="Skal-være")
    _measure(user, to_be, "T1", 10)
    return process, as_is, to_be


def project_with_processes(user: User, name: str = "Digital ansøgning") -> Project:
    _process, as_is, to_be = process_pair(user, name=f"Proces til {name}")
    return services.project_create(
        user=user, name=name, owner=user, as_is_version=as_is, to_be_version=to_be
    )
