"""Measurements have an upper bound: a typing slip such as 1e300 minutes gets a message, not a
server error from the cost in DKK overflowing."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from procesbank.processes.engine.bpmn import BpmnError, TaskMeasurements
from procesbank.processes.tests.conftest import two_task_bpmn


def test_a_million_minutes_is_still_a_measurement():
    measurements = TaskMeasurements(
        minutes_min=1_000_000, minutes_likely=1_000_000, minutes_max=1_000_000
    )

    assert measurements.minutes_max == 1_000_000


def test_more_minutes_than_a_million_are_refused_naming_the_field():
    with pytest.raises(BpmnError) as caught:
        TaskMeasurements(minutes_min=1, minutes_likely=2, minutes_max=1e300)

    assert caught.value.params["field"] == "minutes_max"
    assert str(caught.value) == (
        "Feltet »største tid (minutter)« må højst være 1.000.000 (fik 1e+300)"
    )


def test_more_than_a_thousand_executions_per_case_are_refused():
    with pytest.raises(BpmnError) as caught:
        TaskMeasurements(minutes_min=1, minutes_likely=1, minutes_max=1, executions_per_case=1001)

    assert str(caught.value) == "Feltet »udførelser pr. sag« må højst være 1.000 (fik 1001)"


def _with_huge_measurement(xml: bytes) -> str:
    measured = (
        '<bpmn:userTask id="T1" name="Registrér ansøgning"><bpmn:extensionElements>'
        '<pb:measurements xmlns:pb="https://procesbank.dk/schema/bpmn/1.0" minutesMin="1" '
        'minutesLikely="1" minutesMax="1e300" executionsPerCase="1"/>'
        "</bpmn:extensionElements></bpmn:userTask>"
    )
    return re.sub(r'<bpmn:userTask id="T1"[^>]*/>', measured, xml.decode())


def test_the_modeler_calculation_answers_a_huge_time_with_a_message(
    client, konsulent, make_process
):
    version = make_process(yearly_volume=100).versions.get(kind="as_is")
    client.force_login(konsulent)

    response = client.post(
        reverse("processes:version_calculate", args=[version.pk]),
        json.dumps({"xml": _with_huge_measurement(two_task_bpmn())}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.context["metrics_error"] == (
        "Målingen på T1 er ugyldig: Feltet »største tid (minutter)« må højst være 1.000.000 "
        "(fik 1e+300)"
    )
