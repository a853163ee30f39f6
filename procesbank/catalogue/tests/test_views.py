from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from procesbank.catalogue import services
from procesbank.catalogue.models import Reuse
from procesbank.catalogue.tests.conftest import measure


def test_catalogue_query_count_does_not_grow_with_rows(
    client, konsulent, other_konsulent, make_process, make_candidate,
    django_assert_max_num_queries,
):  # fmt: skip
    client.force_login(other_konsulent)
    make_process(name="P0")
    make_candidate(title="K0")
    # 22: each page's count is kept under a stamp (selectors.catalogue_count), read first.
    with django_assert_max_num_queries(22) as few:
        client.get(reverse("catalogue:catalogue"))
        client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"})
    for n in range(1, 15):
        make_process(name=f"P{n}")
        make_candidate(title=f"K{n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        processes = client.get(reverse("catalogue:catalogue"))
        candidates = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"})

    assert processes.content.decode().count("Genbrug P") == 15
    assert candidates.context["page"].paginator.count == 15


def test_search_state_is_kept_in_the_pagination_links(client, other_konsulent, make_process):
    client.force_login(other_konsulent)
    for n in range(12):
        make_process(name=f"Proces {n:02d}", kle_code="32.18.08")

    response = client.get(reverse("catalogue:catalogue"), {"kle": "32.18", "antal": "10"})

    assert 'href="?kle=32.18&amp;antal=10&amp;side=2"' in response.content.decode()


def test_htmx_request_gets_the_results_only(client, other_konsulent, make_process):
    client.force_login(other_konsulent)
    make_process()

    response = client.get(reverse("catalogue:catalogue"), headers={"HX-Request": "true"})

    assert next(t.name for t in response.templates) == "catalogue/_results.html"


def test_csv_export_neutralises_formulas(client, konsulent, other_konsulent, make_candidate):
    make_candidate(title='=HYPERLINK("http://x")', summary="@SUM(A1)")
    client.force_login(other_konsulent)

    response = client.get(
        reverse("catalogue:catalogue_export", args=["csv"]), {"vis": "kandidater"}
    )

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert text.splitlines()[1].startswith('"\'=HYPERLINK(""http://x"")";\'@SUM(A1);')


def test_excel_export_neutralises_formulas(client, other_konsulent, make_process):
    make_process(name="+cmd|' /C calc'!A0", it_systems=["-SBSYS"])
    client.force_login(other_konsulent)

    response = client.get(reverse("catalogue:catalogue_export", args=["xlsx"]))

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A2"].value == "'+cmd|' /C calc'!A0"
    assert sheet["A2"].data_type == "s"
    assert sheet["G2"].value == "'-SBSYS"


def test_unknown_export_format_is_not_found(client, konsulent):
    client.force_login(konsulent)

    assert client.get(reverse("catalogue:catalogue_export", args=["pdf"])).status_code == 404


def test_internal_notes_are_shown_to_own_editors_only(
    client, konsulent, other_konsulent, make_user, make_candidate
):
    candidate = make_candidate(internal_notes="Budgettet er ikke på plads")
    url = reverse("catalogue:candidate_detail", args=[candidate.pk])

    client.force_login(konsulent)
    assert "Budgettet er ikke på plads" in client.get(url).content.decode()
    client.force_login(other_konsulent)
    assert "Budgettet er ikke på plads" not in client.get(url).content.decode()
    client.force_login(make_user("laeser"))
    assert "Budgettet er ikke på plads" not in client.get(url).content.decode()


def test_export_never_contains_internal_notes(client, other_konsulent, make_candidate):
    make_candidate(internal_notes="Hemmelig note")
    client.force_login(other_konsulent)

    response = client.get(
        reverse("catalogue:catalogue_export", args=["csv"]), {"vis": "kandidater"}
    )

    assert "Hemmelig note" not in response.content.decode("utf-8-sig")


def test_private_attachment_download_is_not_found_for_another_municipality(
    client, konsulent, other_konsulent, make_candidate, settings, tmp_path,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    candidate = make_candidate()
    with django_capture_on_commit_callbacks(execute=True):
        private = services.attachment_add(
            user=konsulent,
            candidate=candidate,
            upload=SimpleUploadedFile("intern.pdf", b"%PDF intern"),
            shared=False,
        )
    url = reverse("catalogue:attachment_download", args=[private.pk])

    client.force_login(konsulent)
    assert b"".join(client.get(url).streaming_content) == b"%PDF intern"
    client.force_login(other_konsulent)
    assert client.get(url).status_code == 404
    page = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()
    assert "intern.pdf" not in page


def test_seen_counter_counts_each_user_once(client, konsulent, other_konsulent, make_candidate):
    candidate = make_candidate()
    url = reverse("catalogue:candidate_detail", args=[candidate.pk])
    client.force_login(konsulent)
    client.get(url)
    client.get(url)
    client.force_login(other_konsulent)

    response = client.get(url)

    assert "Set af 2 brugere" in response.content.decode()


def test_reuse_button_copies_and_shows_the_copy(client, konsulent, other_konsulent, make_process):
    source = make_process(yearly_volume=100)
    measure(konsulent, source)
    client.force_login(other_konsulent)

    response = client.post(reverse("catalogue:process_reuse", args=[source.pk]), follow=True)

    reuse = Reuse.objects.get()
    assert response.redirect_chain[-1][0] == reverse("catalogue:reuse_detail", args=[reuse.pk])
    assert "Kilden er ikke ændret, siden du kopierede." in response.content.decode()
    measure(konsulent, source, minutes=3.0)
    page = client.get(reverse("catalogue:reuse_detail", args=[reuse.pk])).content.decode()
    assert "Kilden er ændret, siden du kopierede" in page
    listing = client.get(reverse("catalogue:catalogue")).content.decode()
    assert "Genbrugt af jer" in listing
    assert "Kilden er ændret" in listing


def test_candidate_create_form_saves_answers(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:candidate_create"),
        {
            "title": "Ny robot",
            "phase": "idea",
            "status": "pending",
            "technology": "rpa",
            "visibility": "collaboration",
            "q_rule_based": "high",
            "q_digital_input": "little",
        },
    )

    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    # (3 + 1) / 6 points = 67 %
    assert "67 %" in detail


def test_title_longer_than_65_characters_is_refused(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:candidate_create"),
        {"title": "x" * 66, "phase": "idea", "status": "pending", "technology": "rpa",
         "visibility": "own"},
    )  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [
        "Denne værdi må højst have 65 tegn (den har 66)."
    ]


@pytest.mark.parametrize("kle", ["32.18", "32.18.08"])
def test_comparison_page_carries_chart_data_without_inline_script(
    client, konsulent, make_process, kle
):
    process = make_process(kle_code="32.18.08", yearly_volume=60)
    measure(konsulent, process, minutes=10.0)
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:comparison"), {"kle": kle}).content.decode()

    assert '<script id="comparison-data" type="application/json">' in page
    assert '"hours": [10.0]' in page
    assert "<script>" not in page


def test_comparison_without_measured_tasks_says_so_instead_of_an_empty_chart(
    client, konsulent, make_process
):
    make_process(kle_code="32.18.08", yearly_volume=60)
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:comparison"), {"kle": "32.18"}).content.decode()

    assert "comparison-data" not in page
    assert "Ingen af processerne har målt tid på opgaverne endnu, så der er intet diagram." in page


def test_comparison_before_a_search_offers_the_shared_kle_groups(client, konsulent, make_process):
    make_process(kle_code="32.18.08", visibility="collaboration")
    make_process(name="Flytning", kle_code="23.05.00", visibility="collaboration")
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:comparison")).content.decode()

    assert '<a href="?kle=23.05">23.05</a>' in page
    assert '<a href="?kle=32.18">32.18</a>' in page
    assert "?kle=32.18.08" not in page


def test_comparison_refuses_a_too_long_kle_number_with_a_message(client, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:comparison"), {"kle": "9" * 300}).content.decode()

    assert "Et KLE-nummer har højst 8 tegn, fx 32.18.08." in page
    assert "Vælg en opgave" not in page


def test_reuse_notice_tag_shows_source_change_for_the_copy_only(
    rf, konsulent, other_konsulent, make_process
):
    from django.template import Context, Template

    source = make_process(yearly_volume=100)
    measure(konsulent, source)
    reuse = services.process_reuse(user=other_konsulent, source=source)
    measure(konsulent, source, minutes=3.0)
    template = Template("{% load catalogue %}{% reuse_notice process %}")
    request = rf.get("/")
    request.user = other_konsulent

    on_copy = template.render(Context({"request": request, "process": reuse.copy}))
    on_source = template.render(Context({"request": request, "process": source}))

    assert "Kilden er ændret, siden du kopierede" in on_copy
    assert on_source.strip() == ""
