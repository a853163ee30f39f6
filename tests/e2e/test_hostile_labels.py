"""A hostile activity name (as another municipality's shared log could carry) shows as text in
a chart's tooltip (the case timeline, drawn with ECharts): hovering it injects no markup."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from tests.e2e.conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)
HOSTILE = '<b id="injected" style="font-size:90px">Godkend</b><img src="x">'


@pytest.fixture
def hostile_log(transactional_db, settings, tmp_path):
    from procesbank.jobs.services import job_create
    from procesbank.mining import services
    from procesbank.mining.engine.eventlog import ColumnMapping
    from procesbank.organisations.models import User

    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    rows = ["case,activity,timestamp"]
    for case in range(3):
        rows += [
            f"{case},Modtag,2026-01-0{case + 1} 09:00",
            f'{case},"{HOSTILE.replace(chr(34), chr(34) * 2)}",2026-01-0{case + 1} 10:00',
        ]
    pending = services.eventlog_upload_stage(
        user=user,
        upload=SimpleUploadedFile("fjendtlig.csv", "\n".join(rows).encode()),
        name="Fjendtlig",
        visibility="own",
    )
    job = job_create(user=user, title="Import")
    mapping = ColumnMapping(case_id="case", activity="activity", timestamp="timestamp")
    services.eventlog_import_run(job_id=job.pk, user=user, pending=pending, mapping=mapping)
    job.refresh_from_db()
    return job.result["eventlog_id"]


def test_hovering_a_hostile_activity_shows_it_as_text(page: Page, hostile_log):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{hostile_log}/sager/?sag=0")
    expect(page.locator("#timeline-chart canvas")).to_be_attached()

    # The hostile event's tooltip, as hovering it shows it (ECharts' own showTip action: the
    # diamond is a few pixels wide at the end of the axis, too small to aim the mouse at).
    found = page.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.getElementById("timeline-chart"));
            const series = chart.getOption().series;
            for (let s = 0; s < series.length; s++) {
                const d = series[s].data.findIndex((item) => item.event
                    && item.event.activity.includes("injected"));
                if (d >= 0) {
                    chart.dispatchAction({type: "showTip", seriesIndex: s, dataIndex: d});
                    return [s, d];
                }
            }
            return null;
        }"""
    )
    tooltip = page.locator("#timeline-chart > div").filter(has_text="Godkend")

    assert found is not None
    expect(tooltip).to_contain_text(HOSTILE)
    assert page.locator("#injected").count() == 0
    assert page.locator("#timeline-chart img").count() == 0
    assert page.locator("#timeline-chart b").count() == 0
    shot(page, "90-hostile-tooltip")
