"""The version workbook's task sheet comes from the column registry (kit/columns.py): bold
header, typed number cells, neutralised text, figures unrounded."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from procesbank.kit.downloads import file_slug
from procesbank.processes import selectors, services
from procesbank.processes.engine.bpmn_extension import TaskMeasurements
from procesbank.processes.exports import version_workbook
from procesbank.processes.tests.conftest import two_task_bpmn


def test_task_sheet_has_the_header_and_hand_checked_figures(konsulent, make_process):
    process = make_process(bpmn_xml=two_task_bpmn("=Registrér"), yearly_volume=1200)
    version = process.versions.get(kind="as_is")
    services.task_measurements_set(
        user=konsulent,
        version=version,
        task_id="T1",
        measurements=TaskMeasurements(
            minutes_min=3, minutes_likely=6, minutes_max=15, it_system="-SBSYS"
        ),
    )
    version.refresh_from_db()

    content = version_workbook(version=version, metrics=selectors.version_metrics(version=version))

    sheet = load_workbook(BytesIO(content))["Opgaver"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Opgave", "Rolle", "It-system", "Min. (min.)", "Mest sandsynlig (min.)", "Maks. (min.)",
        "Udførelser pr. gang", "Forventede besøg pr. sag", "Minutter pr. sag", "Timer pr. år",
        "Timepris (kr.)", "Omkostning pr. år (kr.)",
    ]  # fmt: skip
    first = rows[1]
    # (3 + 4 × 6 + 15) / 6 = 7 minutes a visit, one visit a case; 7 × 1200 / 60 = 140 hours.
    assert first[:10] == ["'=Registrér", "Sagsbehandler", "'-SBSYS", 3, 6, 15, 1, 1, 7, 140]
    assert first[11] == 140 * first[10]
    assert rows[2][:6] == ["Træf afgørelse", "Økonomi", None, None, None, None]
    assert sheet["A1"].font.bold is True
    assert (sheet["J2"].data_type, sheet["J2"].number_format) == ("n", "#,##0.00")
    assert sheet.column_dimensions["A"].width == 40


def test_downloads_of_a_version_keep_the_danish_letters(client, konsulent, make_process):
    process = make_process(name="Ansøgning om økonomisk støtte på Ærø")
    version = process.versions.get(kind="as_is")
    client.force_login(konsulent)

    bpmn = client.get(reverse("processes:version_bpmn", args=[version.pk]), {"udgave": "1"})
    xlsx = client.get(reverse("processes:version_xlsx", args=[version.pk]))

    name = "ansoegning-om-oekonomisk-stoette-paa-aeroe"
    label = file_slug(version.display_label)
    assert bpmn["Content-Disposition"] == f'attachment; filename="{name}-{label}-udgave-1.bpmn"'
    assert bpmn["Content-Type"] == "application/xml; charset=utf-8"
    assert xlsx["Content-Disposition"] == f'attachment; filename="{name}-{label}.xlsx"'
