"""Files travel with their rows (an attachment's bytes), and the command line reports what it
did or why not."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile

from procesbank import cli
from procesbank.archive.services import archive_export, archive_import
from procesbank.catalogue.models import Attachment, Candidate
from tests.support import flush_database

pytestmark = pytest.mark.django_db

CONTENT = "Tidsregistrering: 12 min. pr. sag, målt på 40 sager\n".encode()


@pytest.fixture
def attachment(settings, tmp_path, konsulent) -> Attachment:
    settings.MEDIA_ROOT = tmp_path / "before"
    candidate = Candidate.objects.create(
        municipality=konsulent.municipality, title="Robot til post"
    )
    row = Attachment(candidate=candidate, name="Måling (udkast).txt", size=len(CONTENT))
    row.file.save("Måling (udkast).txt", ContentFile(CONTENT), save=True)
    return row


@pytest.mark.django_db(
    transaction=True
)  # emptied by flush: PostgreSQL truncates outside a test's transaction
def test_an_attachment_comes_back_with_its_bytes_at_its_path(attachment, settings, tmp_path):
    archive = io.BytesIO()
    archive_export(target=archive, municipality=attachment.candidate.municipality)
    name = attachment.file.name
    flush_database()
    settings.MEDIA_ROOT = tmp_path / "after"

    archive.seek(0)
    result = archive_import(source=archive)

    restored = Attachment.objects.get()
    assert result.files == 1
    assert restored.file.name == name
    folder = f"catalogue/{restored.candidate.municipality_id}/{restored.candidate_id}"
    assert name == f"{folder}/Måling_udkast.txt"
    assert (tmp_path / "after" / name).read_bytes() == CONTENT


def test_the_command_line_exports_and_refuses_to_import_into_a_full_installation(
    attachment, tmp_path, capsys
):
    target = tmp_path / "helsingoer.zip"

    exported = cli.main(["export", "--municipality", "217", "--output", str(target)])
    imported = cli.main(["import", str(target)])

    out, err = capsys.readouterr()
    with zipfile.ZipFile(target) as archive:
        candidates = json.loads(archive.read("data/catalogue.candidate.json"))
    assert (exported, imported) == (0, 1)
    assert out.startswith(f"{target}: ")
    assert [row["fields"]["title"] for row in candidates] == ["Robot til post"]
    assert err.startswith(
        "Arkivet blev ikke indlæst: Installationen er ikke tom (den har allerede "
    )
    assert not (tmp_path / "helsingoer.zip.part").exists()


def test_the_command_line_names_an_unknown_municipality(db, tmp_path, capsys):
    code = cli.main(["export", "--municipality", "999", "--output", str(tmp_path / "x.zip")])

    assert code == 1
    assert capsys.readouterr().err == "Ingen kommune med koden '999'.\n"
    assert not (tmp_path / "x.zip").exists()
