"""The figures the modeler draws on its tasks, and times shown as durations on the
comparison with its diagram difference."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from procesbank.processes import services

PB = 'xmlns:pb="https://procesbank.dk/schema/bpmn/1.0"'


def measured_bpmn(first: tuple[int, int, int], second: tuple[int, int, int] | None) -> bytes:
    """Start -> T1 -> T2 -> end; T1 measured, T2 measured when `second` is given."""

    def measurements(times: tuple[int, int, int] | None) -> str:
        if times is None:
            return ""
        low, likely, high = times
        return (
            "<bpmn:extensionElements><pb:measurements "
            f'minutesMin="{low}" minutesLikely="{likely}" minutesMax="{high}" '
            'executionsPerCase="1"/></bpmn:extensionElements>'
        )

    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" {PB}
  id="D" targetNamespace="t">
  <bpmn:process id="P">
    <bpmn:startEvent id="S"/>
    <bpmn:task id="T1" name="Modtag">{measurements(first)}</bpmn:task>
    <bpmn:task id="T2" name="Afgør">{measurements(second)}</bpmn:task>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>
    <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>""".encode()


def _figures(html: str) -> dict[str, dict[str, str]]:
    found = {}
    for match in re.finditer(r"<span data-task-id=\"(\w+)\"([^>]*)>", html):
        attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', match.group(2)))
        found[match.group(1)] = attrs
    return found


@pytest.mark.django_db
def test_modeler_figures_give_each_task_time_per_case_and_hours_per_year(
    client, konsulent, make_process
):
    version = make_process(yearly_volume=600).versions.get()
    client.force_login(konsulent)
    # T1: (10 + 4 x 11 + 14) / 6 = 68 / 6 = 11.33 min. per case; x 600 cases / 60 = 113.3 h.
    xml = measured_bpmn((10, 11, 14), None)

    with translation.override("da"):
        response = client.post(
            reverse("processes:version_calculate", args=[version.pk]),
            json.dumps({"xml": xml.decode()}),
            content_type="application/json",
        )

    html = response.content.decode()
    assert 'id="task-figures"' in html
    assert 'data-yearly-volume="600"' in html
    figures = _figures(html)
    assert figures["T1"]["measured"] == "true"
    # Unlocalised: the browser reads them as numbers, so never "11,3" here.
    assert float(figures["T1"]["minutes-per-case"]) == pytest.approx(68 / 6)
    assert float(figures["T1"]["hours-per-year"]) == pytest.approx(68 / 6 * 600 / 60)
    assert figures["T2"]["measured"] == "false"
    assert float(figures["T2"]["minutes-per-case"]) == 0


@pytest.mark.django_db
def test_the_modeler_page_carries_the_figures_of_the_saved_model(client, konsulent, make_process):
    process = make_process(yearly_volume=1200, bpmn_xml=measured_bpmn((10, 20, 30), (60, 90, 180)))
    client.force_login(konsulent)

    response = client.get(reverse("processes:version_modeler", args=[process.versions.get().pk]))

    figures = _figures(response.content.decode())
    # T2: (60 + 4 x 90 + 180) / 6 = 100 min.; 100 x 1,200 / 60 = 2,000 hours a year.
    assert float(figures["T2"]["minutes-per-case"]) == pytest.approx(100)
    assert float(figures["T2"]["hours-per-year"]) == pytest.approx(2000)


@pytest.mark.django_db
def test_comparison_shows_durations_and_marks_the_task_whose_time_changed(
    client, konsulent, make_process
):
    process = make_process(yearly_volume=1200, bpmn_xml=measured_bpmn((10, 20, 30), (60, 90, 180)))
    as_is = process.versions.get()
    to_be = services.version_copy(user=konsulent, version=as_is, label="Digital")
    services.version_save_bpmn(
        user=konsulent,
        version=to_be,
        data=measured_bpmn((10, 20, 30), (5, 10, 15)),
        base_revision=to_be.revision,
    )
    client.force_login(konsulent)

    with translation.override("da"):
        response = client.get(
            reverse("processes:process_detail", args=[process.pk]),
            {"version": as_is.pk, "sammenlign": to_be.pk},
        )

    html = response.content.decode()
    # T2 before: 100 min. = 1.67 hours -> "1,7 timer"; after: (5 + 40 + 15) / 6 = 10 min.
    assert re.search(r'<td class="num">1,7 timer</td>\s*<td class="num">10 min\.</td>', html)
    assert 'data-time-changed="T2"' in html
    assert 'data-time-changed="T1"' not in html
    assert 'id="diagram-diff"' in html
    assert "bpmn-extras.min.js" in html


@pytest.mark.django_db
def test_process_page_without_comparison_loads_no_differ(client, konsulent, make_process):
    process = make_process()
    client.force_login(konsulent)

    response = client.get(reverse("processes:process_detail", args=[process.pk]))

    assert 'id="diagram-diff"' not in response.content.decode()
    assert "bpmn-extras.min.js" not in response.content.decode()
