from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesbank.handbook.models import DocumentTemplate, Page
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.tests.factories import docx_bytes, make_page, make_template

pytestmark = pytest.mark.django_db


def test_page_shows_rendered_markdown_without_scripts(client, konsulent):
    page = make_page(
        konsulent, body="# Navne\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    )
    client.force_login(konsulent)

    html = client.get(reverse("handbook:page_detail", args=[page.pk])).content.decode()

    assert "<h1>Navne</h1>" in html
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html


def test_preview_escapes(client, konsulent):
    client.force_login(konsulent)

    response = client.post(reverse("handbook:preview"), {"body": "**fed** <script>x</script>"})

    assert "<strong>fed</strong>" in response.content.decode()
    assert "<script>x" not in response.content.decode()


def test_preview_of_huge_text_says_so(client, konsulent):
    client.force_login(konsulent)

    response = client.post(reverse("handbook:preview"), {"body": "x" * 200_001})

    assert response.status_code == 200
    assert "for lang" in response.content.decode()


def test_edit_then_restore_through_the_pages(client, konsulent):
    page = make_page(konsulent, body="Oprindelig tekst")
    client.force_login(konsulent)
    data = {
        "title": page.title,
        "section": "mapping",
        "position": "0",
        "body": "Ændret tekst",
        "visibility": "collaboration",
        "owner": str(konsulent.pk),
        "review_interval_months": "12",
        "lock_version": "1",
        "note": "ret",
    }
    assert client.post(reverse("handbook:page_edit", args=[page.pk]), data).status_code == 302

    compare = client.get(reverse("handbook:page_compare", args=[page.pk])).content.decode()
    assert "Oprindelig tekst" in compare
    assert "Ændret tekst" in compare
    response = client.post(
        reverse("handbook:page_restore", args=[page.pk, 1]), {"lock_version": "2"}
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Oprindelig tekst"
    assert page.versions.count() == 3


def test_stale_edit_shows_on_the_form(client, konsulent):
    page = make_page(konsulent)
    page_services.page_update(user=konsulent, page=page, lock_version=1, body="Nyere")
    client.force_login(konsulent)
    data = {
        "title": page.title,
        "section": "mapping",
        "position": "0",
        "body": "Min ændring",
        "visibility": "own",
        "owner": str(konsulent.pk),
        "review_interval_months": "12",
        "lock_version": "1",
    }

    response = client.post(reverse("handbook:page_edit", args=[page.pk]), data)

    assert response.status_code == 200
    assert "Mens du redigerede" in response.content.decode()
    assert Page.objects.get().body == "Nyere"


def test_stale_restore_is_a_message(client, konsulent):
    page = make_page(konsulent)
    page_services.page_update(user=konsulent, page=page, lock_version=1, body="Nyere")
    client.force_login(konsulent)

    response = client.post(
        reverse("handbook:page_restore", args=[page.pk, 1]), {"lock_version": "1"}, follow=True
    )

    assert "Intet er gendannet" in response.content.decode()
    assert Page.objects.get().body == "Nyere"


def test_compare_with_nonsense_numbers_is_not_a_500(client, konsulent):
    page = make_page(konsulent)
    client.force_login(konsulent)

    url = reverse("handbook:page_compare", args=[page.pk])
    # Unreadable numbers fall back to the previous and the latest version.
    assert client.get(url + "?fra=abc&til=99999999999999999999").status_code == 200
    assert client.get(url + "?fra=1&til=1").status_code == 200
    assert client.get(url + "?fra=5&til=1").status_code == 404


def test_index_lists_sections_and_due_pages(client, konsulent):
    make_page(konsulent, title="Gammel side", last_reviewed=date(2020, 1, 1))
    client.force_login(konsulent)

    html = client.get(reverse("handbook:index")).content.decode()

    assert "Dine sider skal gennemgås" in html
    assert "Gammel side" in html
    assert "Ingen sider i dette afsnit endnu." in html


def test_download_has_a_safe_file_name(client, konsulent):
    template = make_template(konsulent, name="Projektgrundlag – Ærø")
    client.force_login(konsulent)

    response = client.get(reverse("handbook:template_download", args=[template.pk, 1]))

    assert response["Content-Disposition"] == (
        'attachment; filename="projektgrundlag-aeroe-v1.docx"'
    )
    assert response.content == docx_bytes()
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )


def test_renamed_program_upload_is_refused_on_the_form(client, konsulent):
    client.force_login(konsulent)
    upload = SimpleUploadedFile("plan.docx", b"MZ\x90\x00 program")

    response = client.post(
        reverse("handbook:template_create"),
        {"name": "Plan", "kind": "charter", "visibility": "own", "file": upload},
    )

    assert response.status_code == 200
    assert "ikke en gyldig .docx-fil" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_wrong_type_upload_is_refused_in_english(client, konsulent):
    client.force_login(konsulent)
    client.cookies["django_language"] = "en"
    template = make_template(konsulent)

    response = client.post(
        reverse("handbook:template_detail", args=[template.pk]),
        {"file": SimpleUploadedFile("x.exe", b"MZ"), "lock_version": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "cannot be used for templates" in response.content.decode()


def test_a_file_over_the_limit_is_refused_on_the_form(client, konsulent, settings):
    settings.PROCESBANK_TEMPLATE_LIMIT_MB = 1
    client.force_login(konsulent)
    upload = SimpleUploadedFile("plan.md", b"# x\n" * (300 * 1024))

    response = client.post(
        reverse("handbook:template_create"),
        {"name": "Stor plan", "kind": "other", "visibility": "own", "file": upload},
    )

    assert response.status_code == 200
    assert "en skabelon må højst fylde 1 MB" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_api_patch_without_owner_keeps_the_owner(client, konsulent, make_user):
    colleague = make_user(username="kollega.helsingoer")
    page = make_page(konsulent, owner=colleague)
    client.force_login(konsulent)

    response = client.patch(
        f"/api/v1/handbook/pages/{page.pk}",
        {"lock_version": 1, "owner_id": None, "summary": "Kort"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["owner"] == "kollega.helsingoer"
