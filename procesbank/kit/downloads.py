"""File names of downloads: one helper for the Content-Disposition of every export.

Danish letters are written out as Danes do without them (ø -> oe, æ -> ae, å -> aa) instead
of being dropped: Django's ``slugify`` turned "Økonomi" into "konomi" and "Ærø" into "r"."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "bpmn": "application/xml; charset=utf-8",
}


def file_slug(text: object, fallback: str = "") -> str:
    """``text`` as a file-name part: ASCII, lower case, words joined by "-"; Danish letters
    transliterated ("Ærø Økonomi" -> "aeroe-oekonomi"); ``fallback`` when nothing is left."""
    return slugify(str(text).translate(DANISH_LETTERS)) or fallback


def file_name(*parts: object, extension: str, fallback: str = "fil") -> str:
    """A download's file name from ``parts`` (each slugged, empty ones left out):
    ``file_name("business-case", "Ny ydelse på Ærø", extension="xlsx")`` ->
    "business-case-ny-ydelse-paa-aeroe.xlsx"."""
    slugs = [slug for part in parts if (slug := file_slug(part))]
    return f"{'-'.join(slugs) or fallback}.{extension}"


def content_disposition(filename: str) -> str:
    """The header value that makes a browser save the response as ``filename``."""
    return f'attachment; filename="{filename}"'


def download(content: bytes, filename: str, content_type: str | None = None) -> HttpResponse:
    """A response that the browser saves as ``filename``; the content type follows the file
    name's extension unless given."""
    extension = filename.rsplit(".", 1)[-1]
    response = HttpResponse(
        content,
        content_type=content_type or CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["Content-Disposition"] = content_disposition(filename)
    return response
