"""The zip container alone (no database): deterministic bytes, hostile names and sizes."""

from __future__ import annotations

import io
import zipfile

import pytest

from procesbank.archive.engine.container import (
    ArchiveReader,
    Limits,
    check_member_name,
    write_archive,
)
from procesbank.core.errors import UserError


def _zip(members: list[tuple[str, bytes]]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


def test_the_same_members_give_the_same_bytes_in_any_order():
    first, second = io.BytesIO(), io.BytesIO()

    write_archive(first, [("b.json", b"[]"), ("a.json", b"{}")])
    write_archive(second, [("a.json", b"{}"), ("b.json", b"[]")])

    assert first.getvalue() == second.getvalue()
    assert zipfile.ZipFile(first).namelist() == ["a.json", "b.json"]
    assert zipfile.ZipFile(first).getinfo("a.json").date_time == (1980, 1, 1, 0, 0, 0)


@pytest.mark.parametrize(
    "name",
    [
        "../etc/passwd",
        "/etc/passwd",
        "files/../../x",
        "files\\..\\x",
        "files//x",
        "files/./x",
        "C:/x",
    ],
)
def test_a_member_name_leaving_the_archive_is_refused(name):
    with pytest.raises(UserError) as refused:
        ArchiveReader(_zip([(name, b"x")]))

    assert str(refused.value) == f"Arkivet indeholder et ugyldigt filnavn: {name}."


def test_an_ordinary_attachment_name_is_accepted():
    check_member_name("files/catalogue/5/12/Tidsregistrering (udkast) æøå, v2.xlsx")


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = _zip([("files/zeros.bin", bytes(20 * 1024 * 1024))])  # 20 MB of zeros, ~20 kB packed
    packed = zipfile.ZipFile(bomb).getinfo("files/zeros.bin").compress_size

    with pytest.raises(UserError) as refused:
        ArchiveReader(bomb)

    ratio = 20 * 1024 * 1024 // packed
    assert ratio > 200
    assert str(refused.value) == (
        f"Arkivet ser ud som en zip-bombe: files/zeros.bin fylder {ratio} gange mere udpakket "
        "end pakket."
    )


def test_an_archive_larger_than_the_limit_inflated_is_refused():
    archive = _zip([("a.bin", bytes(3000)), ("b.bin", bytes(3000))])

    with pytest.raises(UserError) as refused:
        ArchiveReader(archive, Limits(total_bytes=5000))

    assert "Arkivet fylder for meget udpakket" in str(refused.value)


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_duplicate_member_is_refused():
    archive = _zip([("manifest.json", b"{}"), ("manifest.json", b"{}")])

    with pytest.raises(UserError) as refused:
        ArchiveReader(archive)

    assert str(refused.value) == "Arkivet indeholder filen manifest.json to gange."


def test_a_file_that_is_no_zip_is_refused():
    with pytest.raises(UserError) as refused:
        ArchiveReader(io.BytesIO(b"PK\x03\x04 not really"))

    assert str(refused.value) == "Filen er ikke et Procesbank-arkiv (ikke en zip-fil)."
