from __future__ import annotations

import pytest

from procesbank.handbook.models import Page
from procesbank.handbook.tests.factories import docx_bytes, make_page, make_template
from procesbank.organisations.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_create_update_restore_through_the_api(client, konsulent):
    client.force_login(konsulent)

    created = client.post(
        "/api/v1/handbook/pages",
        {"title": "Tidsstudie", "section": "times", "body": "# Før\n\nMål fem sager."},
        content_type="application/json",
    )
    assert created.status_code == 201
    page_id = created.json()["id"]
    assert created.json()["body_html"] == "<h1>Før</h1>\n<p>Mål fem sager.</p>\n"
    updated = client.patch(
        f"/api/v1/handbook/pages/{page_id}",
        {"lock_version": 1, "body": "Mål ti sager.", "note": "flere sager"},
        content_type="application/json",
    )
    assert updated.status_code == 200
    assert updated.json()["version"] == 2
    restored = client.post(
        f"/api/v1/handbook/pages/{page_id}/versions/1/restore",
        {"lock_version": 2},
        content_type="application/json",
    )

    assert restored.json()["body"] == "# Før\n\nMål fem sager."
    assert restored.json()["version"] == 3
    versions = client.get(f"/api/v1/handbook/pages/{page_id}/versions").json()
    assert [(v["number"], v["restored_from"]) for v in versions] == [(3, 1), (2, None), (1, None)]
    writes = AuditEntry.objects.filter(object_type="handbook.Page")
    assert sorted(writes.values_list("action", flat=True)) == ["create", "update", "update"]


def test_stale_patch_is_409(client, konsulent):
    page = make_page(konsulent)
    client.force_login(konsulent)
    url = f"/api/v1/handbook/pages/{page.pk}"
    client.patch(url, {"lock_version": 1, "body": "a"}, content_type="application/json")

    response = client.patch(url, {"lock_version": 1, "body": "b"}, content_type="application/json")

    assert response.status_code == 409
    assert Page.objects.get().body == "a"


def test_owner_from_another_municipality_is_422(client, konsulent, other_konsulent):
    client.force_login(konsulent)

    response = client.post(
        "/api/v1/handbook/pages",
        {"title": "X", "section": "times", "owner_id": other_konsulent.pk},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert not Page.objects.exists()


def test_hostile_body_is_stored_but_rendered_safe(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        "/api/v1/handbook/pages",
        {"title": "Ond", "section": "times", "body": "<script>x</script>[a](javascript:x)"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert "<script>" not in response.json()["body_html"]
    assert "javascript:" not in response.json()["body_html"].split("[a]")[0]


def test_list_is_isolated(client, konsulent, other_konsulent):
    make_page(konsulent, title="Privat", visibility="own")
    make_page(konsulent, title="Delt", visibility="collaboration")
    make_template(konsulent, name="Privat skabelon", visibility="own")
    client.force_login(other_konsulent)

    assert [p["title"] for p in client.get("/api/v1/handbook/pages").json()] == ["Delt"]
    assert client.get("/api/v1/handbook/templates").json() == []


def test_template_file_download(client, konsulent):
    template = make_template(konsulent, name="Interviewguide")
    client.force_login(konsulent)

    listed = client.get("/api/v1/handbook/templates").json()
    response = client.get(f"/api/v1/handbook/templates/{template.pk}/versions/1/file")

    assert [v["file_name"] for v in listed[0]["versions"]] == ["projektgrundlag.docx"]
    assert response.content == docx_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="interviewguide-v1.docx"'
