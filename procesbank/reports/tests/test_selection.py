"""The selection report (all processes of a KLE main group), the selection page's bad input,
and a large process."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.processes import services
from procesbank.processes.tests.conftest import two_task_bpmn
from procesbank.reports import selectors
from procesbank.reports.tests.conftest import large_bpmn, with_diagram
from procesbank.reports.tests.test_report import docx_text, pdf_text


def test_kle_selection_holds_the_group_the_user_may_read(konsulent, group_32):
    names = [p.name for p in selectors.kle_selection(user=konsulent, kle_group="32")]

    assert names == ["Boligstøtte", "Delt kontanthjælp", "Enkeltydelse"]


def test_kle_selection_of_another_municipality_leaves_out_private_processes(
    other_konsulent, group_32
):
    names = [p.name for p in selectors.kle_selection(user=other_konsulent, kle_group="32")]

    # Helsingør's processes are private: Gribskov sees only its own.
    assert names == ["Delt kontanthjælp", "Privat kontanthjælp"]


@pytest.mark.parametrize("group", ["", "3", "320", "3a", "٣٢", "32' OR 1=1"])
def test_kle_selection_of_a_malformed_group_is_empty(konsulent, group_32, group):
    assert selectors.kle_selection(user=konsulent, kle_group=group) == []


def test_selection_page_offers_the_groups_the_user_may_read(client, konsulent, group_32):
    client.force_login(konsulent)

    response = client.get(reverse("reports:selection"))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert '<option value="32">32 Kontante ydelser</option>' in content
    assert '<option value="05">05 Veje og trafik</option>' in content


def test_selection_pdf_has_a_section_per_process(client, konsulent, group_32, fetch_report):
    client.force_login(konsulent)

    response = fetch_report(reverse("reports:selection"), {"kle": "32", "format": "pdf"})

    assert response["Content-Disposition"] == (
        'attachment; filename="procesdokumentation-kle-32.pdf"'
    )
    text = pdf_text(response.content)
    assert text.count("PROCESDOKUMENTATION") == 3
    assert "PROCESDOKUMENTATION Boligstøtte Kommune Helsingør" in text
    assert "PROCESDOKUMENTATION Delt kontanthjælp Kommune Gribskov" in text
    assert "Privat kontanthjælp" not in text
    assert "Parkering" not in text


def test_selection_word_has_a_section_per_process(client, konsulent, group_32, fetch_report):
    client.force_login(konsulent)

    response = fetch_report(reverse("reports:selection"), {"kle": "32", "format": "docx"})

    text = docx_text(response.content)
    assert text.count("PROCESDOKUMENTATION") == 3
    assert "Registrér ansøgning | Sagsbehandler | Acadre | 10,0 | 1.200 | 200,0 |" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kle": "99", "format": "pdf"}, "Vælg en af de KLE-hovedgrupper, der står på listen."),
        ({"kle": "", "format": "pdf"}, "Vælg en KLE-hovedgruppe eller en enhed."),
        ({"kle": "32", "format": "exe"}, "Vælg PDF eller Word."),
    ],
)
def test_selection_bad_input_gives_a_danish_message(client, konsulent, group_32, query, message):
    client.force_login(konsulent)

    response = client.post(reverse("reports:selection"), query)

    assert response.status_code == 422
    assert message in response.content.decode()


def test_selection_of_a_group_the_user_cannot_see_is_refused(client, konsulent, group_32):
    # Gribskov's private 32.03 process does not make group 32 show Gribskov's rows, and a
    # group only Gribskov has is not on Helsingør's list at all.
    services.process_create(user=konsulent, name="Skoleskift", kle_code="17.01")
    client.force_login(konsulent)

    response = client.post(reverse("reports:selection"), {"kle": "27", "format": "pdf"})

    assert "Vælg en af de KLE-hovedgrupper, der står på listen." in response.content.decode()


def test_a_process_of_400_tasks_gives_both_documents(client, konsulent, fetch_report):
    process = services.process_create(
        user=konsulent, name="Stor proces", bpmn_xml=large_bpmn(400), yearly_volume=100
    )
    version = process.versions.get()
    client.force_login(konsulent)

    pdf = fetch_report(reverse("reports:version_pdf", args=[version.pk]))
    word = fetch_report(reverse("reports:version_docx", args=[version.pk]))

    text = pdf_text(pdf.content)
    # The drawing is 400 × 150 px wide (one column a task), cut into strips of at least
    # 1600 px: more than 30 landscape pages, the first numbered "(1/n)".
    assert "Diagram · Stor proces (1/" in text
    assert "Opgave nummer 399 Rolle L0" in text
    # 400 tasks × (1 + 4 × 2 + 3) / 6 = 400 × 2 = 800 min per case; 800 × 100 / 60 = 1333.3 h.
    assert "Timer pr. år 1.333,3" in text
    assert "Opgave nummer 399 | Rolle L0" in docx_text(word.content)


def test_with_diagram_keeps_the_model(konsulent):
    assert b"BPMNDiagram" in with_diagram(two_task_bpmn())
