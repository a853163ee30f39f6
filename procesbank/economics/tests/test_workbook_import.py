"""An exported workbook, edited in a spreadsheet, read back as new line values after a
preview: hostile or malformed files get a Danish message, nothing is half-saved, and a
workbook older than the case is refused."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from procesbank.economics import services
from procesbank.economics.models import BusinessCase, BusinessCaseLine
from procesbank.economics.tests.factories import four_year_case
from procesbank.projects import services as project_services


@pytest.fixture
def case(konsulent) -> BusinessCase:
    return four_year_case(konsulent)


def exported(client, case: BusinessCase) -> bytes:
    response = client.get(reverse("economics:business_case_xlsx", args=[case.project_id]))
    assert response.status_code == 200
    return response.content


def edited(data: bytes, changes: dict[tuple[str, str], object]) -> bytes:
    """The workbook with Linjer cells changed: {(line name, code): {column: value}}."""
    book = load_workbook(io.BytesIO(data))
    sheet = book["Linjer"]
    for row in sheet.iter_rows(min_row=2):
        key = (row[1].value, row[10].value)
        if key in changes:
            for column, value in changes[key].items():
                sheet[f"{column}{row[0].row}"] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, case: BusinessCase, data: bytes, name: str = "case.xlsx"):
    return client.post(
        reverse("economics:workbook_import", args=[case.project_id]),
        {"workbook": SimpleUploadedFile(name, data)},
    )


def test_edited_licence_is_previewed_then_saved(client, konsulent, case):
    client.force_login(konsulent)
    first_two = {"L": 25000, "M": 25000}
    changes = {("Licens", code): first_two for code in ("min", "likely", "max")}
    data = edited(exported(client, case), changes)

    preview = upload(client, case, data)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Projektmappen ændrer 1 linje. Intet er gemt endnu." in page
    licence = BusinessCaseLine.objects.get(name="Licens")
    assert licence.likely == ["20000"] * 4
    amounts = preview.context["amounts"]

    saved = client.post(
        reverse("economics:workbook_import", args=[case.project_id]),
        {"apply": "1", "amounts": amounts, "lock_version": str(case.lock_version)},
    )

    assert saved.status_code == 302
    licence.refresh_from_db()
    assert licence.likely == ["25000", "25000", "20000", "20000"]
    assert licence.minimum == []
    assert BusinessCase.objects.get(pk=case.pk).lock_version == case.lock_version + 1


def test_a_workbook_older_than_the_case_is_refused(client, konsulent, case):
    client.force_login(konsulent)
    data = edited(exported(client, case), {("Licens", "likely"): {"L": 1}})
    services.business_case_approve(
        user=konsulent, case=case, lock_version=case.lock_version, approved=True
    )

    response = upload(client, case, data)

    assert "Business casen er ændret, siden projektmappen blev hentet." in (
        response.content.decode()
    )
    assert BusinessCaseLine.objects.get(name="Licens").likely == ["20000"] * 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "Filen kan ikke læses som en Excel-projektmappe (.xlsx)."),
        (b"PK\x03\x04broken", "Filen kan ikke læses som en Excel-projektmappe (.xlsx)."),
    ],
)
def test_malformed_files_get_a_danish_message(client, konsulent, case, data, message):
    client.force_login(konsulent)

    response = upload(client, case, data)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, konsulent, case):
    client.force_login(konsulent)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * (60 * 1024 * 1024))

    response = upload(client, case, buffer.getvalue())

    assert "Filen er for stor: højst 5 MB." in response.content.decode()


def test_text_in_an_amount_cell_names_the_cell(client, konsulent, case):
    client.force_login(konsulent)
    data = edited(exported(client, case), {("Licens", "likely"): {"M": "mange penge"}})

    response = upload(client, case, data)

    page = response.content.decode()
    assert "Arket Linjer, celle M" in page
    assert "“mange penge” er ikke et tal." in page


def test_nothing_is_half_saved_when_one_line_is_invalid(client, konsulent, case):
    # The licence is fine, but the tampered benefit has min > likely: all refused.
    client.force_login(konsulent)
    licence = BusinessCaseLine.objects.get(name="Licens")
    benefit = BusinessCaseLine.objects.get(name="Frigjort tid")
    amounts = {
        str(licence.pk): {"min": ["1"] * 4, "likely": ["1"] * 4, "max": ["1"] * 4},
        str(benefit.pk): {"min": ["9"] * 4, "likely": ["1"] * 4, "max": ["9"] * 4},
    }

    response = client.post(
        reverse("economics:workbook_import", args=[case.project_id]),
        {"apply": "1", "amounts": json.dumps(amounts), "lock_version": str(case.lock_version)},
    )

    assert response.status_code == 200
    assert "skal i 2025 have minimum ≤ sandsynligt ≤ maksimum" in response.content.decode()
    licence.refresh_from_db()
    assert licence.likely == ["20000"] * 4
    assert BusinessCase.objects.get(pk=case.pk).lock_version == case.lock_version


def test_a_workbook_of_another_case_is_refused(client, konsulent, case):
    client.force_login(konsulent)
    project = project_services.project_create(user=konsulent, name="Andet projekt")
    other = services.business_case_save(user=konsulent, project=project, first_year=2025, horizon=4)
    services.business_case_line_add(
        user=konsulent, case=other, lock_version=1, kind="cost", category="licences",
        name="Licens", likely=[Decimal(1)] * 4,
    )  # fmt: skip
    data = exported(client, other)

    response = upload(client, case, data)

    assert "hentet fra en anden business case" in response.content.decode()


def test_another_municipality_cannot_import(client, other_konsulent, case):
    client.force_login(other_konsulent)

    response = client.get(reverse("economics:workbook_import", args=[case.project_id]))

    assert response.status_code == 404


def test_an_amount_that_is_not_decimal_in_the_preview_is_refused(client, konsulent, case):
    client.force_login(konsulent)

    response = client.post(
        reverse("economics:workbook_import", args=[case.project_id]),
        {"apply": "1", "amounts": "{not json", "lock_version": str(case.lock_version)},
    )

    assert response.status_code == 200
    assert "Forhåndsvisningen kunne ikke læses." in response.content.decode()
    assert Decimal(BusinessCaseLine.objects.get(name="Licens").likely[0]) == 20000
