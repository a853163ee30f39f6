"""Every write of the archive app: exporting and importing archives (see docs/archive.md)."""

from procesbank.archive.services.export import ExportResult, archive_export
from procesbank.archive.services.load import ImportResult, archive_import

__all__ = ["ExportResult", "ImportResult", "archive_export", "archive_import"]
