"""The process form answers bad numbers with a message a consultant understands."""

from __future__ import annotations

from django.urls import reverse

from procesbank.processes.models import Process


def _post(client, **fields):
    data = {"name": "Visitation", "phase": "kortlagt", "visibility": "own", "yearly_volume": "0"}
    data.update(fields)
    return client.post(reverse("processes:process_create"), data)


def test_a_huge_yearly_volume_is_refused_with_our_limit_not_the_databases(client, konsulent):
    client.force_login(konsulent)

    response = _post(client, yearly_volume="9" * 30)

    assert response.status_code == 200
    errors = response.context["form"].errors["yearly_volume"]
    assert errors == ["Højst 100.000.000 sager pr. år."]
    assert not Process.objects.exists()


def test_the_yearly_volume_limit_itself_is_accepted(client, konsulent):
    client.force_login(konsulent)

    response = _post(client, yearly_volume="100000000")

    assert response.status_code == 302
    assert Process.objects.get().yearly_volume == 100_000_000


def test_the_yearly_volume_field_tells_the_browser_its_limit(client, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_create")).content.decode()

    assert 'max="100000000"' in page


def test_import_form_shows_the_name_before_saving(client, konsulent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procesbank.processes.models import Process
    from procesbank.processes.tests.conftest import MIWG

    client.force_login(konsulent)
    url = reverse("processes:process_import_name")
    data = (MIWG / "C.1.0.bpmn").read_bytes()

    from_file = client.post(url, {"file": SimpleUploadedFile("C.1.0.bpmn", data), "name": ""})
    typed = client.post(url, {"file": SimpleUploadedFile("C.1.0.bpmn", data), "name": "Faktura"})
    hostile = client.post(url, {"file": SimpleUploadedFile("x.bpmn", b"<nej/>"), "name": ""})

    assert from_file.content.decode().strip() == "Processen får navnet “C.1.0”."
    assert typed.content.decode().strip() == "Processen får navnet “Faktura”."
    assert 'class="error"' in hostile.content.decode()
    assert not Process.objects.exists()


def test_process_page_shows_waiting_and_handling_time_in_a_readable_unit(
    client, konsulent, make_process
):
    from procesbank.processes import services
    from procesbank.processes.engine.bpmn import TaskMeasurements

    process = make_process(yearly_volume=100)
    # T1: 90 min. handling, 21535 min. waiting (14.95 days); T2 unmeasured.
    services.task_measurements_set(
        user=konsulent,
        version=process.versions.get(),
        task_id="T1",
        measurements=TaskMeasurements(90, 90, 90, waiting_minutes=21535),
    )
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_detail", args=[process.pk])).content.decode()

    assert '<strong title="90,0 min.">1,5 timer</strong>' in page
    assert '<strong title="21.535 min.">15 dage</strong>' in page
    assert "21.535</strong>" not in page
