"""A large BPMN file without a diagram is drawn by a background job with a progress bar
instead of holding the web worker (issue #12, finding 5); an ordinary file imports at once."""

from __future__ import annotations

from itertools import pairwise

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesbank.jobs.models import Job
from procesbank.processes.models import Process
from procesbank.processes.services.imports import BACKGROUND_ELEMENTS, staging_dir

pytestmark = pytest.mark.django_db

NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def sequence_without_diagram(tasks: int) -> bytes:
    """Start, ``tasks`` tasks in a row, end: 2 + tasks flow nodes and tasks + 1 flows."""
    ids = ["start", *(f"T{i}" for i in range(tasks)), "end"]
    nodes = ['<startEvent id="start"/>']
    nodes += [f'<task id="T{i}" name="Opgave {i}"/>' for i in range(tasks)]
    nodes.append('<endEvent id="end"/>')
    flows = [
        f'<sequenceFlow id="F{i}" sourceRef="{a}" targetRef="{b}"/>'
        for i, (a, b) in enumerate(pairwise(ids))
    ]
    body = "".join(nodes + flows)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><definitions {NS} id="D" targetNamespace="x">'
        f'<process id="P" name="Stor proces">{body}</process></definitions>'
    ).encode()


def _post(client, data: bytes):
    upload = SimpleUploadedFile("stor.bpmn", data, content_type="application/xml")
    return client.post(reverse("processes:process_import"), {"file": upload, "name": ""})


def test_an_ordinary_file_without_a_diagram_is_imported_in_the_request(client, konsulent):
    client.force_login(konsulent)

    response = _post(client, sequence_without_diagram(20))

    process = Process.objects.get(name="Stor proces")
    assert response.url == reverse("processes:process_detail", args=[process.pk])
    assert not Job.objects.exists()


def test_a_large_file_without_a_diagram_is_drawn_by_a_job(
    client, konsulent, django_capture_on_commit_callbacks
):
    client.force_login(konsulent)
    data = sequence_without_diagram(BACKGROUND_ELEMENTS)  # + start and end: over the line

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, data)

    job = Job.objects.get()
    assert response.url == reverse("processes:process_import_job", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED
    process = Process.objects.get(name="Stor proces")
    version = process.versions.get()
    assert "BPMNShape" in version.bpmn_xml
    assert version.bpmn_xml.count("<bpmndi:BPMNShape") == BACKGROUND_ELEMENTS + 2
    # The job page goes on to the process; the staged file is gone.
    page = client.get(reverse("processes:process_import_job", args=[job.pk]))
    assert page.url == reverse("processes:process_detail", args=[process.pk])
    assert list(staging_dir().iterdir()) == []


def test_a_job_whose_staged_file_is_gone_fails_with_a_message_and_saves_nothing(
    client, konsulent, django_capture_on_commit_callbacks, monkeypatch
):
    from procesbank.processes.services import imports

    client.force_login(konsulent)
    real_run = imports.process_import_run

    def run_after_losing_the_file(**kwargs):
        for staged in staging_dir().iterdir():
            staged.unlink()
        real_run(**kwargs)

    monkeypatch.setattr(imports, "process_import_run", run_after_losing_the_file)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, sequence_without_diagram(BACKGROUND_ELEMENTS))

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.error == "Den uploadede fil findes ikke længere på serveren. Upload den igen."
    assert not Process.objects.exists()


def test_another_municipality_cannot_follow_the_job(
    client, konsulent, other_konsulent, django_capture_on_commit_callbacks
):
    client.force_login(konsulent)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, sequence_without_diagram(BACKGROUND_ELEMENTS))
    job = Job.objects.get()

    client.force_login(other_konsulent)
    response = client.get(reverse("processes:process_import_job", args=[job.pk]))

    assert response.status_code == 404
