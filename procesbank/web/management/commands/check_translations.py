"""Fail when a Danish source string lacks its English translation.

Runs ``makemessages -l en`` (GNU gettext's xgettext), then reads the catalogue with polib. When
the catalogue's entries did not change, the file is restored byte for byte, so a clean tree
stays clean (makemessages always rewrites the creation date); when they did, the updated file
is kept for the developer to translate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORED = [".venv/*", "frontend/*", "var/*", "tests/*", "bench/*", "build/*", "docs/*"]


def _entries(catalogue: polib.POFile) -> set[tuple[Any, ...]]:
    return {
        (
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            tuple(sorted(e.msgstr_plural.items())),
            e.fuzzy,
        )
        for e in catalogue
        if not e.obsolete
    }


class Command(BaseCommand):
    help = "Check that the English catalogue translates every Danish string."

    def handle(self, *args: Any, **options: Any) -> None:
        po_path = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
        original = po_path.read_bytes() if po_path.exists() else b""
        call_command(
            "makemessages",
            locale=["en"],
            ignore_patterns=IGNORED,
            no_obsolete=True,
            verbosity=0,
        )
        updated = polib.pofile(str(po_path))
        if original and _entries(polib.pofile(original.decode())) == _entries(updated):
            po_path.write_bytes(original)
        missing = [e.msgid for e in updated if not e.obsolete and (not e.translated() or e.fuzzy)]
        if missing:
            listing = "\n".join(f"  - {msgid!r}" for msgid in missing[:50])
            raise CommandError(
                f"{len(missing)} strings lack an English translation in {po_path}:\n{listing}"
            )
        self.stdout.write(f"English catalogue complete: {len(updated)} strings.")
