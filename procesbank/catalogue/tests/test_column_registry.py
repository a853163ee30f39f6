"""The catalogue's lists come from one column registry (catalogue/columns.py): the table, the
picker, CSV, Excel, the API and the record sections show the same columns with the same labels.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from io import BytesIO, StringIO

from django.urls import reverse
from openpyxl import load_workbook

from procesbank.catalogue.columns import CANDIDATE, EDITABLE_FIELDS, SECTION_FIELDS
from procesbank.catalogue.forms import CandidateForm

# The export header as it was written by hand before the registry: it must not move.
CANDIDATE_HEADER = [
    "Titel", "Resumé", "Kommune", "KLE-nummer", "Fase", "Status", "Teknologi", "It-systemer",
    "Potentiale (%)", "Lethed (%)", "Timer pr. år", "Forventet sparede timer pr. år",
    "Forventet besparelse (kr.)", "Interesserede kommuner", "Ændret", "Fagområder",
    "Kørselsfrekvens", "KL's generiske proces", "KL-id", "Borgere", "Virksomheder", "Leverandør",
    "Sat i drift", "Taget ud af drift", "Link til kode", "ESDH-reference",
]  # fmt: skip
PROCESS_HEADER = [
    "Navn", "Kommune", "KLE-nummer", "Fase", "Synlighed", "Sager pr. år", "It-systemer",
    "Genbrugt", "Ændret",
]  # fmt: skip


def _export(client, fmt: str, **params):
    return client.get(reverse("catalogue:catalogue_export", args=[fmt]), params)


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_candidate_export_header_is_the_registrys_and_keeps_every_old_column_in_place(
    client, konsulent, make_candidate
):
    make_candidate()
    client.force_login(konsulent)

    header = _csv_rows(_export(client, "csv", vis="kandidater"))[0]

    assert header == CANDIDATE.export_header()
    # Columns added since may sit between them; none of these is lost or moved.
    assert [label for label in header if label in CANDIDATE_HEADER] == CANDIDATE_HEADER


def test_process_export_header_is_unchanged(client, other_konsulent, make_process):
    make_process(it_systems=["SBSYS"])
    client.force_login(other_konsulent)

    rows = _csv_rows(_export(client, "csv"))

    assert rows[0] == PROCESS_HEADER
    assert rows[1][:3] == ["Enkeltydelse", "Helsingør", ""]
    assert rows[1][6] == "SBSYS"


def test_export_file_names_keep_the_danish_words(client, konsulent, make_candidate):
    make_candidate()
    client.force_login(konsulent)

    csv_file = _export(client, "csv", vis="kandidater")
    xlsx_file = _export(client, "xlsx", vis="kandidater")

    assert csv_file["Content-Disposition"] == (
        'attachment; filename="faelles-katalog-kandidater.csv"'
    )
    assert xlsx_file["Content-Disposition"] == (
        'attachment; filename="faelles-katalog-kandidater.xlsx"'
    )


def test_excel_export_has_typed_numbers_and_dates(client, konsulent, make_candidate):
    make_candidate(
        title="Robot", in_operation_on=date(2025, 5, 1), kl_generic=True, esdh_reference="A-1"
    )
    client.force_login(konsulent)

    sheet = load_workbook(BytesIO(_export(client, "xlsx", vis="kandidater").content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))

    assert header == CANDIDATE.export_header()
    assert row["Sat i drift"].value == datetime(2025, 5, 1)
    assert row["Sat i drift"].is_date is True
    assert row["Timer pr. år"].value == 0
    assert row["Timer pr. år"].data_type == "n"
    assert (row["KL's generiske proces"].value, row["ESDH-reference"].value) == ("Ja", "A-1")


def test_excel_export_blanks_another_municipalitys_esdh_reference(
    client, konsulent, other_konsulent, make_candidate
):
    make_candidate(user=other_konsulent, title="Nabo", esdh_reference="B-2")
    client.force_login(konsulent)

    sheet = load_workbook(BytesIO(_export(client, "xlsx", vis="kandidater").content)).active

    esdh = CANDIDATE.export_header().index("ESDH-reference") + 1
    assert sheet.cell(row=2, column=1).value == "Nabo"
    assert sheet.cell(row=1, column=esdh).value == "ESDH-reference"
    assert sheet.cell(row=2, column=esdh).value is None


def test_the_picker_offers_the_registrys_pickable_columns(client, konsulent, make_candidate):
    make_candidate()
    client.force_login(konsulent)

    response = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"})

    choices = [(key, str(label)) for key, label in response.context["column_choices"]]
    assert choices[:12] == [
        ("municipality", "Kommune"),
        ("kle", "KLE"),
        ("phase", "Fase"),
        ("technology", "Teknologi"),
        ("potential", "Potentiale"),
        ("saving", "Sparede timer pr. år"),
        ("kroner", "Forventet besparelse"),
        ("interest", "Interesserede"),
        ("updated", "Ændret"),
        ("domains", "Fagområder"),
        ("run_schedule", "Kørselsfrekvens"),
        ("vendor", "Leverandør"),
    ]


def test_list_cells_are_formatted_as_before(client, other_konsulent, make_candidate):
    make_candidate(title="Robot", summary="Kort", kle_code="32.18.08")
    client.force_login(other_konsulent)

    response = client.get(
        reverse("catalogue:catalogue"),
        {"vis": "kandidater", "kolonner": ["kle", "phase", "potential", "saving", "kroner"]},
    )

    html = response.content.decode()
    assert "<td>32.18.08</td>" in html
    assert '<td>Idé<br><span class="muted">Afventer</span></td>' in html
    assert '<td class="num">–</td>' in html  # no potential without answers
    assert '<td class="num">0 kr.</td>' in html
    assert '<span class="muted">Kort</span></th>' in html


def test_the_api_list_has_the_registrys_public_columns_only(client, konsulent, make_candidate):
    make_candidate(title="Robot", vendor="KMD", esdh_reference="A-1")
    client.force_login(konsulent)

    item = client.get("/api/v1/catalogue/candidates").json()["items"][0]

    expected = {"id"} | {c.name for c in CANDIDATE if c.api and not c.internal}
    assert set(item) == expected
    assert (item["title"], item["vendor"], item["phase"]) == ("Robot", "KMD", "idea")
    assert "esdh_reference" not in item


# What a user could change on a candidate before the registry derived it from the model.
CANDIDATE_FIELDS_BEFORE_THE_REGISTRY = {
    "title", "summary", "process", "kle_code", "description", "problems", "phase", "status",
    "status_reason", "technology", "it_systems", "domains", "run_schedule", "targets_citizens",
    "targets_companies", "kl_generic", "kl_id", "vendor", "in_operation_on", "decommissioned_on",
    "code_repository_url", "legal_basis", "legal_basis_checked_on", "visibility", "contact_email",
    "internal_notes", "esdh_reference", "answers",
}  # fmt: skip


def test_editable_fields_are_the_models_editable_fields_without_bookkeeping():
    editable = set(EDITABLE_FIELDS)

    assert editable >= CANDIDATE_FIELDS_BEFORE_THE_REGISTRY
    assert not editable & {
        "id", "municipality", "created_by", "created_at", "updated_at", "lock_version",
        "quick_share", "potential", "ease", "hours_per_year", "expected_hours",
        "expected_kroner",
    }  # fmt: skip


def test_the_edit_form_keeps_its_layout():
    old = [
        "title", "summary", "process", "kle_code", "description", "problems", "phase", "status",
        "status_reason", "technology", "it_systems", "domains", "run_schedule",
        "targets_citizens", "targets_companies", "kl_generic", "kl_id", "vendor",
        "in_operation_on", "decommissioned_on", "code_repository_url", "legal_basis",
        "legal_basis_checked_on", "visibility", "contact_email", "internal_notes",
        "esdh_reference",
    ]  # fmt: skip

    fields = [name for name in CandidateForm().fields if not name.startswith("q_")]

    assert [name for name in fields if name in old] == old
    assert fields[-1] == "lock_version"
    assert CandidateForm().fields["in_operation_on"].widget.input_type == "date"


def test_record_sections_take_their_fields_from_the_registry():
    assert SECTION_FIELDS["development"][0] == "vendor"
    assert set(SECTION_FIELDS["operation"]) == {
        "in_operation_on",
        "decommissioned_on",
        "run_schedule",
        "legal_basis",
        "legal_basis_checked_on",
    }


def test_record_page_shows_the_sections_facts(client, konsulent, make_candidate):
    candidate = make_candidate(
        vendor="Netcompany", run_schedule="weekly", in_operation_on=date(2025, 5, 1)
    )
    client.force_login(konsulent)

    html = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()

    assert "<dt>Leverandør</dt><dd>Netcompany</dd>" in html
    assert "<dt>Sat i drift</dt><dd>1.5.2025</dd>" in html
    assert "<dt>Kørselsfrekvens</dt><dd>Ugentligt</dd>" in html
    assert "<dt>Taget ud af drift</dt><dd>–</dd>" in html
