"""The documentation report as PDF and Word, read back as text: the cover, the tasks, the
RACI letters and the figures computed by hand."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from procesbank.processes.models import ProcessVersion
from procesbank.reports.tests.conftest import SOCIAL_BENEFIT


def pdf_text(content: bytes) -> str:
    # Words joined by single spaces: a table cell wraps its text over lines.
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
    return " ".join(text.split())


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


@pytest.fixture
def version(benefit_process) -> ProcessVersion:
    return benefit_process.versions.get()


@pytest.fixture
def pdf(client, konsulent, version, fetch_report) -> str:
    client.force_login(konsulent)
    response = fetch_report(reverse("reports:version_pdf", args=[version.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="procesdokumentation-enkeltydelse-som-er.pdf"'
    )
    return pdf_text(response.content)


@pytest.fixture
def word(client, konsulent, version, fetch_report) -> str:
    client.force_login(konsulent)
    response = fetch_report(reverse("reports:version_docx", args=[version.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="procesdokumentation-enkeltydelse-som-er.docx"'
    )
    return docx_text(response.content)


def test_pdf_cover_shows_owner_status_version_and_kle(pdf):
    assert "PROCESDOKUMENTATION Enkeltydelse Kommune Helsingør" in pdf
    assert "Procesejer Hanne Holm, afdelingschef" in pdf
    assert "Status Kladde · Implementeret" in pdf
    # The version's name is its kind's: the kind is not repeated.
    assert "Version Som-er Udgave 1" in pdf
    assert "Godkendelse Ikke registreret" in pdf
    assert "KLE 32.18.08" in pdf


def test_pdf_draws_the_diagram_with_its_names(pdf):
    # The SVG's text stays text in the PDF: the pools, lanes and tasks can be read back.
    assert "Diagram · Enkeltydelse" in pdf
    assert "Forvaltning" in pdf
    assert "Borger" in pdf


def test_pdf_task_table_and_figures_computed_by_hand(pdf):
    # Registrér ansøgning: (10 + 4 × 10 + 10) / 6 = 10 min; 1 visit × 1 × 1200 = 1200 a year;
    # 10 × 1200 / 60 = 200 hours.
    assert "Registrér ansøgning Sagsbehandler Acadre 10,0 1.200 200,0" in pdf
    # Træf afgørelse: (4 + 4 × 7 + 16) / 6 = 8 min; 8 × 1200 / 60 = 160 hours.
    assert "Træf afgørelse Sagsbehandler – 8,0 1.200 160,0" in pdf
    assert "Afgørelsen skrives i fagsystemet." in pdf
    assert "Udbetal ydelse Økonomi – ikke målt" in pdf
    # 10 + 8 = 18 min per case; 18 × 1200 / 60 = 360 h; 360 / 1924 = 0.187 -> 0,19 FTE;
    # (200 + 160) h × 400 kr. = 144,000 kr. (the unmeasured task costs nothing).
    assert "Timer pr. år = tid pr. sag × sager pr. år / 60 = 18,0 × 1.200 / 60 = 360,0 timer" in pdf
    assert "Årsværk = timer pr. år / timer pr. årsværk = 360,0 / 1.924 = 0,19" in pdf
    assert "= 144.000 kr." in pdf


def test_pdf_raci_letters(pdf):
    # Columns: the owner, then Sagsbehandler, Økonomi, Borger (in the order first met).
    # Registrér ansøgning: A owner, R Sagsbehandler, I Økonomi (reads the case file it
    # writes), C Borger (sends it the application).
    assert "Opgave Hanne Holm, afdelingschef Sagsbehandler Økonomi Borger" in pdf
    assert "Registrér ansøgning A R I C" in pdf
    # Træf afgørelse: A, R, I Borger (gets the decision).
    assert "Træf afgørelse A R I" in pdf
    # Udbetal ydelse: A, C Sagsbehandler (wrote the case file it reads), R Økonomi.
    assert "Udbetal ydelse A C R" in pdf


def test_pdf_revision_history_names_who_saved_by_name(client, konsulent, version, fetch_report):
    konsulent.first_name, konsulent.last_name = "Mads", "Krog"
    konsulent.save()
    client.force_login(konsulent)

    pdf = pdf_text(fetch_report(reverse("reports:version_pdf", args=[version.pk])).content)

    assert "Revisionshistorik" in pdf
    # A report is handed on: the user name (konsulent.helsingoer) is never shown in it.
    assert "Mads Krog Oprettet" in pdf
    assert "konsulent.helsingoer" not in pdf


def test_word_holds_the_same_cover_tasks_raci_and_figures(word):
    assert "Procesejer | Hanne Holm, afdelingschef" in word
    assert "Status | Kladde · Implementeret" in word
    assert "Version | Som-er\n" in word
    assert "Registrér ansøgning | Sagsbehandler | Acadre | 10,0 | 1.200 | 200,0 |" in word
    assert "Træf afgørelse | A | R |  | I" in word
    assert "Udbetal ydelse | A | C | R | " in word
    assert "Årsværk | 0,19" in word
    assert "Omkostning pr. år | 144.000 kr." in word
    assert (
        "Timer pr. år = tid pr. sag × sager pr. år / 60 = 18,0 × 1.200 / 60 = 360,0 timer" in word
    )


def test_word_embeds_the_diagram_as_png(client, konsulent, version, fetch_report):
    client.force_login(konsulent)

    response = fetch_report(reverse("reports:version_docx", args=[version.pk]))

    document = Document(BytesIO(response.content))
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    assert images[0].blob.startswith(b"\x89PNG")


def test_version_without_diagram_gets_the_table_and_a_note(
    client, konsulent, version, fetch_report
):
    ProcessVersion.objects.filter(pk=version.pk).update(bpmn_xml=SOCIAL_BENEFIT)
    client.force_login(konsulent)

    pdf = pdf_text(fetch_report(reverse("reports:version_pdf", args=[version.pk])).content)
    word = docx_text(fetch_report(reverse("reports:version_docx", args=[version.pk])).content)

    note = "Versionen har ingen diagramoplysninger (BPMN DI), så diagrammet kan ikke tegnes."
    assert note in pdf
    assert "Registrér ansøgning Sagsbehandler Acadre 10,0" in pdf
    assert note in word
    assert "Registrér ansøgning | Sagsbehandler | Acadre | 10,0" in word


def test_version_with_unreadable_bpmn_still_gives_a_report(
    client, konsulent, version, fetch_report
):
    ProcessVersion.objects.filter(pk=version.pk).update(bpmn_xml="<not-bpmn/>")
    client.force_login(konsulent)

    response = fetch_report(reverse("reports:version_pdf", args=[version.pk]))

    assert "BPMN-filen kunne ikke læses" in pdf_text(response.content)


def test_private_process_of_another_municipality_is_not_found(client, other_konsulent, version):
    client.force_login(other_konsulent)

    for name in ("reports:version_pdf", "reports:version_docx"):
        assert client.post(reverse(name, args=[version.pk])).status_code == 404


def test_shared_process_of_another_municipality_can_be_reported(
    client, other_konsulent, version, benefit_process, fetch_report
):
    benefit_process.visibility = "public"
    benefit_process.save()
    client.force_login(other_konsulent)

    response = fetch_report(reverse("reports:version_pdf", args=[version.pk]))

    assert "Registrér ansøgning" in pdf_text(response.content)


def test_report_requires_login(client, version):
    response = client.post(reverse("reports:version_pdf", args=[version.pk]))

    assert response.status_code == 302
