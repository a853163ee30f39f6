from __future__ import annotations

import pytest

from procesbank.catalogue import services
from procesbank.catalogue.models import Candidate
from procesbank.processes import services as process_services
from procesbank.processes.engine.bpmn import TaskMeasurements
from procesbank.processes.models import Process
from procesbank.processes.tests.conftest import two_task_bpmn

# Potential questions all "I høj grad" except routine reduction "I nogen grad": 14 of 15 points.
ANSWERS = {
    "rule_based": "high",
    "structured_input": "high",
    "digital_input": "high",
    "uniformity": "high",
    "routine_reduction": "some",
}


def measure(user, process: Process, task_id: str = "T1", minutes: float = 6.0) -> None:
    """Give a task a three-point estimate of exactly ``minutes`` (min = likely = max)."""
    version = process.versions.get(kind="as_is")
    process_services.task_measurements_set(
        user=user,
        version=version,
        task_id=task_id,
        measurements=TaskMeasurements(
            minutes_min=minutes, minutes_likely=minutes, minutes_max=minutes
        ),
    )


@pytest.fixture
def make_process(konsulent):
    def make(user=None, name: str = "Enkeltydelse", **fields) -> Process:
        fields.setdefault("bpmn_xml", two_task_bpmn())
        fields.setdefault("visibility", "collaboration")
        return process_services.process_create(user=user or konsulent, name=name, **fields)

    return make


@pytest.fixture
def make_candidate(konsulent):
    def make(user=None, title: str = "Robot registrerer ansøgninger", **fields) -> Candidate:
        fields.setdefault("visibility", "collaboration")
        return services.candidate_create(user=user or konsulent, title=title, **fields)

    return make
