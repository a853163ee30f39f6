"""Whether an uploaded template file is what its name says, without Django.

Only office documents, PDF and Markdown are accepted, and each is checked by its content, not
only its name: a ``.docx`` / ``.xlsx`` / ``.pptx`` must be a ZIP package with the part Office
writes first (``[Content_Types].xml``) and its main part, an ``.odt`` a ZIP whose ``mimetype``
names OpenDocument text, a ``.pdf`` must start with ``%PDF-``, and a ``.md`` must be UTF-8 text
without NUL. A renamed executable, a ZIP bomb's missing parts or a truncated file are refused
with a Danish message naming what is wrong.
"""

from __future__ import annotations

import io
import zipfile

from procesbank.core.errors import UserError, gettext_noop

ALLOWED_EXTENSIONS = ("docx", "xlsx", "pptx", "pdf", "odt", "md")

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "md": "text/markdown; charset=utf-8",
}

_OOXML_MAIN = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
#: A package with more entries than this is not a template (and may be a ZIP bomb).
MAX_ZIP_ENTRIES = 2000

MSG_EMPTY = gettext_noop("Filen er tom.")
MSG_TOO_LARGE = gettext_noop("Filen er for stor: en skabelon må højst fylde %(limit_mb)d MB.")
MSG_TYPE = gettext_noop(
    "Filtypen .%(extension)s kan ikke bruges til skabeloner. Brug .docx, .xlsx, .pptx, .pdf, "
    ".odt eller .md."
)
MSG_NO_EXTENSION = gettext_noop(
    "Filnavnet mangler en filtype. Brug .docx, .xlsx, .pptx, .pdf, .odt eller .md."
)
MSG_NOT_CONTENT = gettext_noop(
    "Filen “%(name)s” er ikke en gyldig .%(extension)s-fil (den er måske beskadiget eller "
    "omdøbt). Gem den igen fra programmet, og prøv igen."
)


def extension_of(file_name: str) -> str:
    """The lower-case extension of ``file_name`` ("" when it has none)."""
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _zip_names(content: bytes) -> set[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            infos = package.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return None
            return {info.filename for info in infos}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None


def _odt_mimetype(content: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            info = package.getinfo("mimetype")
            if info.file_size > 200:
                return b""
            return package.read(info)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return b""


def content_matches(extension: str, content: bytes) -> bool:
    """Whether ``content`` is a file of the kind ``extension`` names."""
    if extension == "pdf":
        return content.startswith(b"%PDF-")
    if extension == "md":
        if b"\x00" in content:
            return False
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    if extension in _OOXML_MAIN:
        names = _zip_names(content)
        if names is None or "[Content_Types].xml" not in names:
            return False
        return any(name.startswith(_OOXML_MAIN[extension]) for name in names)
    if extension == "odt":
        return _odt_mimetype(content).strip() == b"application/vnd.oasis.opendocument.text"
    return False


def check_template_file(file_name: str, content: bytes, *, limit_mb: int) -> str:
    """The file's extension if it may be stored as a template; raises :class:`UserError`."""
    extension = extension_of(file_name)
    if not extension:
        raise UserError(MSG_NO_EXTENSION, field="file")
    if extension not in ALLOWED_EXTENSIONS:
        raise UserError(MSG_TYPE, extension=extension[:10], field="file")
    if not content:
        raise UserError(MSG_EMPTY, field="file")
    if len(content) > limit_mb * 1024 * 1024:
        raise UserError(MSG_TOO_LARGE, limit_mb=limit_mb, field="file")
    if not content_matches(extension, content):
        raise UserError(MSG_NOT_CONTENT, name=file_name[:100], extension=extension, field="file")
    return extension
