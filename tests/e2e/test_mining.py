"""A consultant uploads an event log as CSV, maps its columns, watches the import finish and
looks at the figures and the process map."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)
LOGS = Path(__file__).resolve().parents[1] / "data" / "event-logs"


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")


def test_upload_csv_map_columns_and_see_the_process_map(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")
    page.get_by_role("link", name="Procesanalyse").click()
    expect(page.get_by_text("Der er ingen hændelseslogge endnu.")).to_be_visible()

    page.get_by_role("link", name="Upload hændelseslog").click()
    page.get_by_label("Fil", exact=True).set_input_files(str(LOGS / "running-example.csv"))
    page.get_by_label("Navn").fill("Erstatningssager")
    page.get_by_role("button", name="Upload").click()

    expect(page.get_by_role("heading", name="Vælg kolonner")).to_be_visible()
    expect(page.get_by_label("Sag (case id)")).to_have_value("case:concept:name")
    page.get_by_label("Aktivitet", exact=True).select_option("concept:name")
    page.get_by_label("Tidspunkt (afsluttet)").select_option("time:timestamp")
    page.get_by_label("Ressource (valgfrit)").select_option("org:resource")
    check_accessibility(page)
    shot(page, "60-mining-mapping")
    page.get_by_role("button", name="Indlæs hændelseslog").click()

    # The finished import goes on to the analysis by itself.
    expect(page.get_by_text("Import af hændelseslog “Erstatningssager” er færdig.")).to_be_visible()
    expect(page.get_by_test_id("cases")).to_have_text("6")
    expect(page.locator("#histogram-chart canvas")).to_be_attached()
    check_accessibility(page)
    shot(page, "62-mining-overview")

    page.get_by_role("link", name="Proceskort").click()
    # Eight activities with start and end; "register request" starts all six cases.
    expect(page.locator(".map-node--activity")).to_have_count(8)
    expect(page.locator(".map-node--start")).to_have_count(1)
    expect(page.locator(".map-node--end")).to_have_count(1)
    page.get_by_label("Tid (median)").check()
    page.wait_for_url("**visning=tid**")
    expect(page.locator(".map-node--activity")).to_have_count(8)
    shot(page, "63-mining-map")

    page.get_by_role("link", name="Varianter").click()
    expect(page.locator("td.variant")).to_have_count(6)
    shot(page, "64-mining-variants")


def test_mapping_page_of_a_cleaned_up_upload_asks_for_the_file_again(page: Page, demo):
    from procesbank.mining.services import staging_dir

    login(page, "konsulent.helsingoer", "demo")
    page.goto("/procesanalyse/upload/")
    page.get_by_label("Fil", exact=True).set_input_files(str(LOGS / "running-example.csv"))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Vælg kolonner")).to_be_visible()
    for staged in staging_dir().iterdir():
        staged.unlink()  # as `procesbank cleanup_uploads` does a day later

    page.reload()

    expect(page.get_by_text("Den uploadede fil findes ikke længere")).to_be_visible()
    expect(page.get_by_label("Fil", exact=True)).to_be_visible()
    check_accessibility(page)
    shot(page, "65-mining-upload-expired")


def test_a_job_page_goes_on_to_the_analysis_when_the_job_finishes(page: Page, demo):
    from procesbank.jobs.models import Job
    from procesbank.organisations.models import User

    user = User.objects.get(username="konsulent.helsingoer")
    job = Job.objects.create(
        municipality=user.municipality, user=user, title="Import af hændelseslog “Sager”"
    )
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/job/{job.pk}/")
    expect(page.get_by_role("heading", name="Import af hændelseslog “Sager”")).to_be_visible()

    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED, progress=1.0, result={"url": "/procesanalyse/"}
    )

    page.wait_for_url("**/procesanalyse/")
    expect(page.get_by_text("Import af hændelseslog “Sager” er færdig.")).to_be_visible()
