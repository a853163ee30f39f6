""" "Forventet idriftsættelse": a field added through the column registry alone reaches the list,
the picker, CSV, Excel, the API, the edit form and the record section."""

from __future__ import annotations

import csv
from datetime import date, datetime
from io import BytesIO, StringIO

from django.urls import reverse
from openpyxl import load_workbook

from procesbank.catalogue.models import Candidate

LABEL = "Forventet idriftsættelse"
GO_LIVE = date(2027, 3, 1)


def _list(client, **params):
    params = {"vis": "kandidater", "kolonner": ["expected_in_operation_on"], **params}
    return client.get(reverse("catalogue:catalogue"), params)


def _csv(client) -> list[dict[str, str]]:
    response = client.get(
        reverse("catalogue:catalogue_export", args=["csv"]), {"vis": "kandidater"}
    )
    return list(csv.DictReader(StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_list_shows_the_picked_column_as_a_day(client, other_konsulent, make_candidate):
    make_candidate(title="Robot", expected_in_operation_on=GO_LIVE)
    make_candidate(title="Idé uden dato")
    client.force_login(other_konsulent)

    html = _list(client).content.decode()

    assert f'<th scope="col">{LABEL}</th>' in html
    assert "<td>1.3.2027</td>" in html
    assert "<td>–</td>" in html


def test_the_list_and_the_csv_follow_the_language(client, other_konsulent, make_candidate):
    make_candidate(expected_in_operation_on=GO_LIVE)
    client.force_login(other_konsulent)
    client.cookies["django_language"] = "en"

    html = _list(client).content.decode()
    rows = _csv(client)

    assert '<th scope="col">Expected go-live</th>' in html
    assert "<td>2027-03-01</td>" in html
    assert rows[0]["Expected go-live"] == "2027-03-01"


def test_the_picker_offers_it_and_it_is_not_shown_by_default(
    client, other_konsulent, make_candidate
):
    make_candidate(expected_in_operation_on=GO_LIVE)
    client.force_login(other_konsulent)

    response = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"})

    choices = {key: str(label) for key, label in response.context["column_choices"]}
    assert choices["expected_in_operation_on"] == LABEL
    assert LABEL not in response.content.decode().split("<thead>")[1].split("</thead>")[0]


def test_csv_has_the_iso_date_right_after_the_vendor(client, konsulent, make_candidate):
    make_candidate(title="Robot", vendor="KMD", expected_in_operation_on=GO_LIVE)
    make_candidate(title="Uden")
    client.force_login(konsulent)

    rows = {row["Titel"]: row for row in _csv(client)}

    header = list(rows["Robot"])
    assert header[header.index("Leverandør") + 1] == LABEL
    assert (rows["Robot"][LABEL], rows["Uden"][LABEL]) == ("2027-03-01", "")


def test_excel_has_a_date_cell(client, konsulent, make_candidate):
    make_candidate(title="Robot", expected_in_operation_on=GO_LIVE)
    client.force_login(konsulent)

    response = client.get(
        reverse("catalogue:catalogue_export", args=["xlsx"]), {"vis": "kandidater"}
    )

    sheet = load_workbook(BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index(LABEL) + 1)
    assert (cell.value, cell.is_date, cell.number_format) == (
        datetime(2027, 3, 1),
        True,
        "yyyy-mm-dd",
    )


def test_the_api_reads_writes_and_clears_it(client, konsulent):
    client.force_login(konsulent)

    created = client.post(
        "/api/v1/catalogue/candidates",
        {"title": "Robot", "expected_in_operation_on": "2027-03-01"},
        content_type="application/json",
    )
    url = f"/api/v1/catalogue/candidates/{created.json()['id']}"
    detail = client.get(url).json()
    listed = client.get("/api/v1/catalogue/candidates").json()["items"][0]
    cleared = client.patch(
        url,
        {"lock_version": detail["lock_version"], "expected_in_operation_on": None},
        content_type="application/json",
    ).json()

    assert created.status_code == 201
    assert detail["expected_in_operation_on"] == "2027-03-01"
    assert listed["expected_in_operation_on"] == "2027-03-01"
    assert cleared["expected_in_operation_on"] is None
    assert Candidate.objects.get().expected_in_operation_on is None


def test_the_api_refuses_a_date_that_is_not_one(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        "/api/v1/catalogue/candidates",
        {"title": "Robot", "expected_in_operation_on": "1. marts"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert not Candidate.objects.exists()


def test_the_edit_form_has_a_date_input_after_the_vendor(client, konsulent, make_candidate):
    candidate = make_candidate()
    client.force_login(konsulent)
    url = reverse("catalogue:candidate_edit", args=[candidate.pk])

    form = client.get(url).context["form"]
    names = list(form.fields)
    response = client.post(
        url,
        {
            "title": candidate.title,
            "phase": "idea",
            "status": "pending",
            "technology": "rpa",
            "visibility": "collaboration",
            "lock_version": candidate.lock_version,
            "expected_in_operation_on": "2027-03-01",
        },
    )

    assert names[names.index("vendor") + 1] == "expected_in_operation_on"
    assert form.fields["expected_in_operation_on"].widget.input_type == "date"
    assert form.fields["expected_in_operation_on"].label == LABEL
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.expected_in_operation_on == GO_LIVE


def test_the_record_opens_the_development_section_of_an_idea_with_the_date(
    client, konsulent, make_candidate
):
    candidate = make_candidate(expected_in_operation_on=GO_LIVE)
    client.force_login(konsulent)

    response = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk]))

    assert response.context["sections"]["development"].open is True
    assert f"<dt>{LABEL}</dt><dd>1.3.2027</dd>" in response.content.decode()
