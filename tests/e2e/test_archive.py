"""Helsingør's administrator takes the municipality's data along: opens Arkiv, makes an archive,
watches it finish and downloads a zip that holds Helsingør's processes and no one else's."""

from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import Municipality
from procesbank.processes.models import Process
from tests.e2e.conftest import check_accessibility, login, nav_click, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_organisations(password="demo")
    Process.objects.create(municipality=Municipality.objects.get(code="217"), name="Byggesag")
    Process.objects.create(municipality=Municipality.objects.get(code="270"), name="Gribskov-sag")


def test_administrator_makes_and_downloads_the_municipality_archive(page: Page, demo, tmp_path):
    login(page, "admin.helsingoer", "demo")

    nav_click(page, "Arkiv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tag Helsingørs data med")
    expect(page.get_by_text("Der er ikke lavet et arkiv endnu.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Lav et nyt arkiv").click()

    expect(page.locator(".job")).to_contain_text("Færdig")
    expect(page.get_by_role("link", name="Hent", exact=True)).to_be_visible()
    check_accessibility(page)
    shot(page, "archive-helsingoer")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent arkivet").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        processes = json.loads(archive.read("data/processes.process.json"))

    assert download.value.suggested_filename.startswith("procesbank-arkiv-helsingoer-")
    assert [row["fields"]["name"] for row in processes] == ["Byggesag"]
