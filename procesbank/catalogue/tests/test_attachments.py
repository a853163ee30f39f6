"""Attachment files follow the transaction: written on commit, gone with a rollback, deleted
only when the deletion commits."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from procesbank.catalogue import services
from procesbank.catalogue.models import Attachment


class Boom(Exception):
    pass


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _add(user, candidate, name: str = "notat.pdf", content: bytes = b"%PDF 1") -> Attachment:
    return services.attachment_add(
        user=user, candidate=candidate, upload=SimpleUploadedFile(name, content), shared=True
    )


@transaction.atomic
def _in_failing_transaction(work) -> None:
    """Do ``work`` in a transaction that then fails and rolls back."""
    work()
    raise Boom


def test_committed_upload_is_written_under_the_candidate(
    konsulent, make_candidate, media, django_capture_on_commit_callbacks
):
    candidate = make_candidate()

    with django_capture_on_commit_callbacks(execute=True):
        attachment = _add(konsulent, candidate)

    expected = f"catalogue/{candidate.municipality_id}/{candidate.pk}/notat.pdf"
    assert attachment.file.name == expected
    assert _files(media) == [expected]
    assert (media / expected).read_bytes() == b"%PDF 1"


def test_rolled_back_upload_leaves_no_file(
    konsulent, make_candidate, media, django_capture_on_commit_callbacks
):
    candidate = make_candidate()

    with pytest.raises(Boom), django_capture_on_commit_callbacks(execute=True) as callbacks:
        _in_failing_transaction(lambda: _add(konsulent, candidate))

    assert callbacks == []
    assert _files(media) == []
    assert not Attachment.objects.exists()


def test_two_uploads_with_one_name_in_one_transaction_keep_both_files(
    konsulent, make_candidate, media, django_capture_on_commit_callbacks
):
    candidate = make_candidate()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        first = _add(konsulent, candidate, content=b"en")
        second = _add(konsulent, candidate, content=b"to")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.file.name != second.file.name
    assert (media / first.file.name).read_bytes() == b"en"
    assert (media / second.file.name).read_bytes() == b"to"
    assert len(_files(media)) == 2


def test_deleted_attachment_file_goes_after_commit(
    konsulent, make_candidate, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = _add(konsulent, make_candidate())

    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(user=konsulent, attachment=attachment)

    assert _files(media) == []
    assert not Attachment.objects.exists()


def test_rolled_back_deletion_keeps_row_and_file(
    konsulent, make_candidate, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = _add(konsulent, make_candidate())
    pk, name = attachment.pk, attachment.file.name

    with pytest.raises(Boom), django_capture_on_commit_callbacks(execute=True):
        _in_failing_transaction(
            lambda: services.attachment_delete(user=konsulent, attachment=attachment)
        )

    assert Attachment.objects.filter(pk=pk).exists()
    assert _files(media) == [name]


def test_delete_button_removes_the_attachment(
    client, konsulent, make_candidate, media, django_capture_on_commit_callbacks
):
    candidate = make_candidate()
    with django_capture_on_commit_callbacks(execute=True):
        attachment = _add(konsulent, candidate)
    client.force_login(konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("catalogue:attachment_delete", args=[attachment.pk]), follow=True
        )

    assert response.redirect_chain == [
        (reverse("catalogue:candidate_detail", args=[candidate.pk]), 302)
    ]
    assert "Bilaget “notat.pdf” er slettet." in response.content.decode()
    assert _files(media) == []
