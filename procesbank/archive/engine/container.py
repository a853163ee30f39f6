"""The archive's zip container: written deterministically, read defensively.

Writing: members in sorted order, each stamped 1980-01-01 00:00 with mode 0644 and deflated,
so the same contents give the same bytes. Reading: every member name is checked before
anything is read (no absolute paths, no ``..``, no backslashes, no duplicates), the declared
sizes are summed against a limit before a byte is inflated, and a member that inflates far
beyond its compressed size (a zip bomb) is refused. :mod:`zipfile` stops inflating at the
declared size and checks the CRC, so a member cannot lie its way past the limit.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from procesbank.core.errors import UserError, gettext_noop

MANIFEST = "manifest.json"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK = 1024 * 1024
# A path segment: printable, none of the characters Windows or a shell treat specially.
_SEGMENT = re.compile(r'^[^\x00-\x1f\x7f<>:"|?*\\/]+$')


@dataclass(frozen=True)
class Limits:
    """What a readable archive may hold."""

    total_bytes: int = 4 * 1024**3  # all members inflated
    members: int = 200_000
    ratio: int = 200  # inflated / compressed, for members above ``ratio_floor`` bytes
    ratio_floor: int = 1024 * 1024


def write_archive(target: IO[bytes] | Path, members: Iterable[tuple[str, bytes | Path]]) -> None:
    """Write ``members`` (name, content or a file to copy) to a zip, sorted by name, without
    timestamps. A file is streamed, never read whole into memory."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name, content in sorted(members, key=lambda member: member[0]):
            check_member_name(name)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the platform writing it
            if isinstance(content, Path):
                info.file_size = content.stat().st_size
                with content.open("rb") as source, archive.open(info, "w", force_zip64=True) as out:
                    shutil.copyfileobj(source, out, CHUNK)
            else:
                archive.writestr(info, content, compresslevel=6)


def sha256_of(content: bytes | Path) -> str:
    """The SHA-256 of a member's content, reading a file in chunks."""
    digest = hashlib.sha256()
    if isinstance(content, Path):
        with content.open("rb") as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
    else:
        digest.update(content)
    return digest.hexdigest()


def check_member_name(name: str) -> None:
    """Refuse a member name that could point outside the archive's own tree."""
    parts = name.split("/")
    if (
        not name
        or len(name) > 400
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or any(part in {"", ".", ".."} or not _SEGMENT.match(part) for part in parts)
    ):
        raise UserError(
            gettext_noop("Arkivet indeholder et ugyldigt filnavn: %(name)s."), name=name[:120]
        )


class ArchiveReader:
    """The members of an archive, checked against :class:`Limits` before any is inflated."""

    def __init__(self, source: IO[bytes] | Path, limits: Limits | None = None) -> None:
        limits = limits or Limits()
        try:
            self._zip = zipfile.ZipFile(source)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
            raise UserError(
                gettext_noop("Filen er ikke et Procesbank-arkiv (ikke en zip-fil).")
            ) from None
        if len(infos) > limits.members:
            raise UserError(
                gettext_noop("Arkivet har for mange filer (%(count)s; højst %(limit)s)."),
                count=len(infos),
                limit=limits.members,
            )
        seen: set[str] = set()
        total = 0
        for info in infos:
            check_member_name(info.filename)
            if info.filename in seen:
                raise UserError(
                    gettext_noop("Arkivet indeholder filen %(name)s to gange."),
                    name=info.filename[:120],
                )
            seen.add(info.filename)
            if info.is_dir() or info.flag_bits & 0x1:
                raise UserError(
                    gettext_noop("Arkivet indeholder en mappe eller en krypteret fil: %(name)s."),
                    name=info.filename[:120],
                )
            total += info.file_size
            if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
                info.compress_size, 1
            ):
                raise UserError(
                    gettext_noop(
                        "Arkivet ser ud som en zip-bombe: %(name)s fylder %(ratio)s gange mere "
                        "udpakket end pakket."
                    ),
                    name=info.filename[:120],
                    ratio=info.file_size // max(info.compress_size, 1),
                )
        if total > limits.total_bytes:
            raise UserError(
                gettext_noop("Arkivet fylder for meget udpakket (%(mb)s MB; højst %(limit)s MB)."),
                mb=total // 1024**2,
                limit=limits.total_bytes // 1024**2,
            )
        self.names = sorted(seen)

    def read(self, name: str) -> bytes:
        try:
            return self._zip.read(name)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise UserError(
                gettext_noop("Filen %(name)s i arkivet er beskadiget."), name=name[:120]
            ) from None

    def copy_to(self, name: str, destination: Path) -> None:
        """Stream one member to a file, never whole in memory."""
        try:
            with self._zip.open(name) as source, destination.open("xb") as out:
                shutil.copyfileobj(source, out, CHUNK)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
            destination.unlink(missing_ok=True)
            raise UserError(
                gettext_noop("Filen %(name)s i arkivet er beskadiget."), name=name[:120]
            ) from None

    def close(self) -> None:
        self._zip.close()


def member_contents(
    source: IO[bytes] | Path, *, skip: Iterable[str] = (MANIFEST,)
) -> dict[str, bytes]:
    """Every member's bytes but those in ``skip``: what two archives are compared by."""
    skipped = set(skip)
    with zipfile.ZipFile(source) as archive:
        return {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if info.filename not in skipped
        }
