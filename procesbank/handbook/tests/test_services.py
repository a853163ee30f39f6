from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procesbank.core.errors import UserError
from procesbank.handbook.engine.markdown import MAX_CHARS
from procesbank.handbook.models import Page, PageVersion, TemplateVersion
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.services import templates as template_services
from procesbank.handbook.tests.factories import docx_bytes, make_page, make_template
from procesbank.kit.locking import StaleEditError
from procesbank.organisations.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


def test_create_keeps_the_first_version_and_audits(konsulent):
    page = make_page(konsulent)

    assert list(page.versions.values_list("number", "title")) == [(1, "Sådan tegner vi BPMN")]
    assert page.owner == konsulent
    assert page.municipality == konsulent.municipality
    labels = set(AuditEntry.objects.values_list("object_type", "action"))
    assert labels == {("handbook.Page", "create"), ("handbook.PageVersion", "create")}


def test_every_save_is_a_version_and_restore_brings_back_the_text(konsulent):
    page = make_page(konsulent, body="Første tekst")
    page = page_services.page_update(
        user=konsulent, page=page, lock_version=page.lock_version, body="Anden tekst", note="ret"
    )
    page = page_services.page_update(
        user=konsulent, page=page, lock_version=page.lock_version, title="Ny titel"
    )

    restored = page_services.page_restore(
        user=konsulent, page=page, number=1, lock_version=page.lock_version
    )

    assert restored.body == "Første tekst"
    assert restored.title == "Sådan tegner vi BPMN"
    versions = list(restored.versions.order_by("number").values_list("number", "body", "note"))
    assert versions == [
        (1, "Første tekst", "Første udgave"),
        (2, "Anden tekst", "ret"),
        (3, "Anden tekst", ""),
        (4, "Første tekst", "Gendannet fra version 1"),
    ]
    assert restored.versions.get(number=4).restored_from == 1


def test_a_stale_save_is_refused_and_nothing_is_written(konsulent):
    page = make_page(konsulent)
    loaded = page.lock_version
    page_services.page_update(user=konsulent, page=page, lock_version=loaded, body="Først")

    with pytest.raises(StaleEditError):
        page_services.page_update(user=konsulent, page=page, lock_version=loaded, body="Sidst")

    assert Page.objects.get().body == "Først"
    assert PageVersion.objects.count() == 2


def test_stale_restore_is_refused(konsulent):
    page = make_page(konsulent)
    page_services.page_update(user=konsulent, page=page, lock_version=1, body="ny")

    with pytest.raises(StaleEditError):
        page_services.page_restore(user=konsulent, page=page, number=1, lock_version=1)

    assert PageVersion.objects.count() == 2


def test_restore_of_a_missing_version_is_refused(konsulent):
    page = make_page(konsulent)

    with pytest.raises(UserError):
        page_services.page_restore(user=konsulent, page=page, number=7, lock_version=1)


def test_too_long_text_is_refused_with_nothing_saved(konsulent):
    with pytest.raises(UserError, match="for lang"):
        make_page(konsulent, body="x" * (MAX_CHARS + 1))

    assert not Page.objects.exists()


def test_owner_must_be_of_the_page_municipality(konsulent, other_konsulent):
    with pytest.raises(ValidationError):
        make_page(konsulent, owner=other_konsulent)


def test_duplicate_title_in_one_municipality_is_refused(konsulent):
    make_page(konsulent)

    with pytest.raises(ValidationError):
        make_page(konsulent)


def test_readers_and_other_municipalities_cannot_write(konsulent, other_konsulent, make_user):
    page = make_page(konsulent)

    with pytest.raises(PermissionDenied):
        make_page(make_user(Role.LAESER), title="Læserens side")
    with pytest.raises(PermissionDenied):
        page_services.page_update(user=other_konsulent, page=page, lock_version=1, body="x")


def test_mark_reviewed_moves_the_due_date(konsulent):
    page = make_page(konsulent, review_interval_months=6)
    page = page_services.page_mark_reviewed(
        user=konsulent, page=page, lock_version=page.lock_version, on=date(2026, 3, 31)
    )

    assert page.review_due_on == date(2026, 9, 30)
    assert page.versions.count() == 1  # the text did not change


def test_template_versions(konsulent):
    template = make_template(konsulent)
    second = template_services.template_version_add(
        user=konsulent,
        template=template,
        lock_version=template.lock_version,
        file_name="C:\\Users\\x\\Projektgrundlag ændret.docx",
        content=docx_bytes("v2"),
        note="Nyt afsnit om risici",
    )

    assert second.number == 2
    assert second.file_name == "projektgrundlag-aendret.docx"
    assert bytes(template.versions.get(number=1).content) == docx_bytes()


def test_a_bad_file_leaves_nothing(konsulent):
    with pytest.raises(UserError):
        template_services.template_create(
            user=konsulent, name="Plan", file_name="plan.docx", content=b"MZ not a docx"
        )

    assert not TemplateVersion.objects.exists()
    assert not AuditEntry.objects.exists()


def test_stale_template_upload_is_refused(konsulent):
    template = make_template(konsulent)
    template_services.template_version_add(
        user=konsulent, template=template, lock_version=1, file_name="a.md", content=b"# a"
    )

    with pytest.raises(StaleEditError):
        template_services.template_version_add(
            user=konsulent, template=template, lock_version=1, file_name="b.md", content=b"# b"
        )

    assert template.versions.count() == 2
