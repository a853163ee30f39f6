from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from procesbank.core.dates import add_months
from procesbank.core.errors import UserError
from procesbank.handbook.engine.files import check_template_file, extension_of
from procesbank.handbook.engine.review import (
    diff_counts,
    is_review_due,
    review_due_on,
    side_by_side,
)
from procesbank.handbook.tests.factories import docx_bytes


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 12, 5), 12, date(2027, 12, 5)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_review_due_on_the_day():
    assert review_due_on(date(2025, 12, 5), 12) == date(2026, 12, 5)
    assert is_review_due(date(2025, 12, 5), 12, date(2026, 12, 5))
    assert not is_review_due(date(2025, 12, 5), 12, date(2026, 12, 4))


def test_side_by_side_pairs_lines():
    rows = side_by_side("a\nb\nc", "a\nB\nc\nd")

    assert [(r.kind, r.left, r.right) for r in rows] == [
        ("same", "a", "a"),
        ("changed", "b", "B"),
        ("same", "c", "c"),
        ("added", "", "d"),
    ]
    assert diff_counts(rows) == (2, 1)


def test_side_by_side_removed_lines():
    rows = side_by_side("a\nb", "a")

    assert [(r.kind, r.left_number, r.right_number) for r in rows] == [
        ("same", 1, 1),
        ("removed", 2, None),
    ]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.docx", docx_bytes()),
        ("plan.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"})),
        ("plan.pptx", _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b""})),
        ("plan.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"})),
        ("plan.PDF", b"%PDF-1.7\n%..."),
        ("plan.md", b"# Dagsorden\n\n1. Velkomst"),
    ],
)
def test_allowed_files(name, content):
    assert check_template_file(name, content, limit_mb=1) == extension_of(name)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("virus.exe", b"MZ", "Filtypen .exe"),
        ("plan", b"x", "mangler en filtype"),
        ("plan.docx", b"", "tom"),
        ("plan.docx", b"MZ\x90\x00 renamed program", "ikke en gyldig .docx"),
        ("plan.docx", _zip({"xl/workbook.xml": b""}), "ikke en gyldig .docx"),
        ("plan.xlsx", docx_bytes(), "ikke en gyldig .xlsx"),
        ("plan.pdf", b"<html>", "ikke en gyldig .pdf"),
        ("plan.md", b"a\x00b", "ikke en gyldig .md"),
        ("plan.md", b"\xff\xfe\x00", "ikke en gyldig .md"),
        ("plan.odt", _zip({"mimetype": b"application/zip"}), "ikke en gyldig .odt"),
        ("plan.md", b"x" * (1024 * 1024 + 1), "højst fylde 1 MB"),
    ],
)
def test_refused_files(name, content, words):
    with pytest.raises(UserError) as refused:
        check_template_file(name, content, limit_mb=1)

    assert words in str(refused.value)
    assert refused.value.params["field"] == "file"
